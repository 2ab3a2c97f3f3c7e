using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// An item of <c>toServices</c>: a Kubernetes Service by name (<c>k8sService</c>) or by labels
/// (<c>k8sServiceSelector</c>), in <see cref="Namespace"/> (null: the policy's namespace, or any for a
/// selector of a cluster-wide policy).
/// </summary>
public sealed record CiliumService(string? Name, LabelSelector? Selector, string? Namespace)
{
    /// <inheritdoc />
    public override string ToString() =>
        (Name is not null ? $"service {Name}" : $"services [{Selector}]") + (Namespace is null ? string.Empty : $" in {Namespace}");
}
