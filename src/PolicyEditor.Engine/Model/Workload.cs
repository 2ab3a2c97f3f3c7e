namespace PolicyEditor.Engine.Model;

/// <summary>
/// A peer that runs pods: a workload (Deployment, StatefulSet, ...) or a standalone pod. Policies
/// see it through its pod-template labels and its containers' ports.
/// </summary>
public sealed record Workload(string Namespace, string Name, string Kind, LabelSet Labels, ValueArray<ContainerPort> Ports)
{
    /// <summary>The name its pods give themselves for Otterize (the <c>intents.otterize.com/workload-name</c> or <c>service-name</c> annotation), if any.</summary>
    public string? IdentityName { get; init; }

    /// <summary>
    /// The pods' addresses where the manifests give them (<c>status.podIP</c>/<c>podIPs</c>); empty when
    /// they do not, as for a workload's template. Admin <c>networks</c> peers match pods by these.
    /// </summary>
    public ValueArray<Addresses.Cidr> Addresses { get; init; } = ValueArray<Addresses.Cidr>.Empty;

    /// <summary>The service account the pods run as (<c>spec.serviceAccountName</c>); null when the manifests do not say.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>
    /// The Calico profiles its WorkloadEndpoint names (<c>spec.profiles</c>) when they are not Calico's defaults for a
    /// Kubernetes pod (<c>kns.&lt;namespace&gt;</c>, <c>ksa.&lt;namespace&gt;.&lt;account&gt;</c>); null: those defaults.
    /// </summary>
    public ValueArray<string>? CalicoProfiles { get; init; }

    /// <summary>The Calico WorkloadEndpoints the pod was read from (one per interface); null when it was read from a Pod or workload.</summary>
    public ValueArray<Calico.CalicoWorkloadEndpoint>? CalicoEndpoints { get; init; }

    /// <summary>
    /// True when the manifests gave the pod itself beside its <see cref="CalicoEndpoints"/> (a <c>Pod</c> and the
    /// WorkloadEndpoints Calico made for it): it is written back as both.
    /// </summary>
    public bool PodBesideCalicoEndpoints { get; init; }

    /// <summary>The service account of a pod that names none.</summary>
    public const string DefaultServiceAccount = "default";

    /// <summary>The peer's name in reports: <c>namespace/name[Kind]</c>.</summary>
    public string Id => $"{Namespace}/{Name}[{Kind}]";

    /// <summary>The container port with this name and protocol, if any.</summary>
    public ContainerPort? FindNamedPort(string name, Connections.Protocol protocol)
    {
        foreach (var p in Ports)
        {
            if (p.Protocol == protocol && string.Equals(p.Name, name, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
