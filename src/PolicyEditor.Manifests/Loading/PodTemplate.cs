using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>What a pod (or a workload's pod template) shows to policies: its labels and container ports.</summary>
internal sealed record PodTemplate(LabelSet Labels, ValueArray<ContainerPort> Ports)
{
    /// <summary>The service account the pods run as (<c>spec.serviceAccountName</c>), when given.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>A pod's addresses (<c>status.podIP</c>, <c>status.podIPs</c>), when given.</summary>
    public ValueArray<Engine.Addresses.Cidr> Addresses { get; init; } = ValueArray<Engine.Addresses.Cidr>.Empty;
}
