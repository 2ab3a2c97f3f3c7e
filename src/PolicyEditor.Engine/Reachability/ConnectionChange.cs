using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// A pair whose allowed connections differ between two versions. <see cref="WorkloadChange"/> says
/// when the pair exists in only one version because a workload was added or removed. The ends are
/// the engine's endpoints (a workload as it is in the version that has it, the later one when both do),
/// so a reader asks them what they are instead of parsing their names.
/// </summary>
public sealed record ConnectionChange(
    Endpoint Source,
    Endpoint Destination,
    ChangeKind Kind,
    ConnectionSet Before,
    ConnectionSet After,
    string? WorkloadChange)
{
    /// <summary>The changed policies (<c>namespace/name</c>) that select the source for egress or the destination for ingress, in either version: the only ones that can have caused the change.</summary>
    public IReadOnlyList<string> Causes { get; init; } = [];

    /// <summary>Connections allowed after but not before.</summary>
    public ConnectionSet NewlyAllowed => After.Subtract(Before);

    /// <summary>Connections allowed before but not after.</summary>
    public ConnectionSet NewlyBlocked => Before.Subtract(After);

    /// <summary>The line of the diff report.</summary>
    public override string ToString()
    {
        var line = $"diff-type: {Kind.ToString().ToLowerInvariant()}, source: {Source}, destination: {Destination}, ref1: {Before}, ref2: {After}";
        return WorkloadChange is null ? line : $"{line}, workloads-diff-info: {WorkloadChange}";
    }
}
