using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.EntryPoints;

/// <summary>
/// A way in from outside the cluster: a NodePort or LoadBalancer Service, or an Ingress or Route (whose
/// traffic the ingress controller forwards through <see cref="Service"/>). <see cref="Sources"/> are the
/// client blocks a LoadBalancer admits (every address when none are set); <see cref="SourcePreserved"/> tells
/// whether the pods see the client's address (<c>externalTrafficPolicy: Local</c>) or a node's.
/// </summary>
public sealed record EntryPoint(EntryPointKind Kind, string Namespace, string Name, Service Service, ValueArray<Cidr> Sources, bool SourcePreserved)
{
    /// <summary>The entry point in words, e.g. <c>LoadBalancer shop/frontend-external</c>.</summary>
    public override string ToString() => Kind is EntryPointKind.Ingress or EntryPointKind.Route
        ? $"{Kind} {Namespace}/{Name} (Service {Service.Name})"
        : $"{Kind} {Namespace}/{Name}";
}
