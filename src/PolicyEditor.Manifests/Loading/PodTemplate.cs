using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>What a pod (or a workload's pod template) shows to policies: its labels and container ports.</summary>
internal sealed record PodTemplate(LabelSet Labels, ValueArray<ContainerPort> Ports);
