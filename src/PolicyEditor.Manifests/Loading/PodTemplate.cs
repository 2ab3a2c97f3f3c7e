using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>What a pod (or a workload's pod template) shows to policies: its labels and container ports.</summary>
internal sealed record PodTemplate(LabelSet Labels, ValueArray<ContainerPort> Ports)
{
    /// <summary>The addresses a running pod's status gives (none for a template).</summary>
    public ValueArray<Cidr> Addresses { get; init; } = ValueArray<Cidr>.Empty;

    /// <summary>The service account the pods run as (<c>spec.serviceAccountName</c>), when given.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>The Calico profiles a WorkloadEndpoint names beyond Calico's defaults (see <see cref="Workload.CalicoProfiles"/>).</summary>
    public ValueArray<string>? CalicoProfiles { get; init; }

    /// <summary>The Calico WorkloadEndpoint the pod was read from, if it was (see <see cref="Workload.CalicoEndpoints"/>).</summary>
    public Engine.Model.Calico.CalicoWorkloadEndpoint? CalicoEndpoint { get; init; }
}
