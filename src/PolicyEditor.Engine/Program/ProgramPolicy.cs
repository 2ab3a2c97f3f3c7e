using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// One policy as the program runs it: the object it came from (<see cref="Source"/>), its place in its
/// tier (<see cref="Order"/> ascending, ties by <see cref="TieBreak"/> in ordinal order), the workloads
/// it applies to, and its rules per direction in the order they are tried. A policy that selects a
/// workload in a direction it <em>isolates</em> makes its tier's default apply to that workload's
/// traffic in that direction (a NetworkPolicy's policyTypes; a ClusterNetworkPolicy isolates nothing;
/// Cilium's enableDefaultDeny).
/// </summary>
public sealed record ProgramPolicy(
    PolicyKey Source,
    string Description,
    double Order,
    string TieBreak,
    WorkloadSelector Subject,
    bool IsolatesIngress,
    bool IsolatesEgress,
    ValueArray<ProgramRule> Ingress,
    ValueArray<ProgramRule> Egress)
{
    /// <summary>The priority or order to show in explanations (e.g. an admin policy's priority), if the dialect has one.</summary>
    public double? ShownOrder { get; init; }

    /// <summary>Where the policy runs among the others, as explanations name it after the policy (e.g. "tier security, order 100"); null to name only the policy.</summary>
    public string? Placement { get; init; }

    /// <summary>
    /// Which host endpoints the policy applies to, asked of each as its walk subject (<see cref="Evaluation.HostEndpoint.AsWorkload"/>);
    /// null: none (only Calico's global policies and profiles apply to host endpoints).
    /// </summary>
    public Func<Workload, bool>? Hosts { get; init; }

    /// <summary>Which part of its source it was compiled from, from 0 (a Cilium policy's rule: <c>spec</c>, then each of <c>specs</c>); 0 for a source of one part.</summary>
    public int Part { get; init; }

    /// <inheritdoc />
    public override string ToString() => Description;
}
