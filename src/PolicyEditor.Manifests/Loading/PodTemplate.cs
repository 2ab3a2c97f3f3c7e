using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>What a pod (or a workload's pod template) shows to policies: its labels and container ports.</summary>
internal sealed record PodTemplate(LabelSet Labels, ValueArray<ContainerPort> Ports)
{
    /// <summary>The addresses a running pod's status gives (none for a template).</summary>
    public ValueArray<Cidr> Addresses { get; init; } = ValueArray<Cidr>.Empty;
}
