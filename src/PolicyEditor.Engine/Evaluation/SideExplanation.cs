namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// Why one side of a connection (the source's egress, or the destination's ingress) allows or denies it.
/// </summary>
public sealed record SideExplanation(
    TrafficDirection Direction,
    string Subject,
    bool Allowed,
    Decider DecidedBy,
    RuleReference? DecidingRule,
    IReadOnlyList<string> SelectingPolicies,
    IReadOnlyList<RuleReference> AllowingRules,
    IReadOnlyList<RuleReference> PeerMatchedPortDidNot,
    IReadOnlyList<AdminStep> AdminSteps,
    IReadOnlyList<AdminStep> BaselineSteps,
    string Reason)
{
    /// <summary>Every step of the program's walk for this side: each rule whose peer matched, in order, what it decided, and the tiers' defaults.</summary>
    public IReadOnlyList<Program.ProgramStep> Steps { get; init; } = [];

    /// <summary>The tier whose rule or default decided (null when nothing selected the endpoint).</summary>
    public string? Tier { get; init; }

    /// <inheritdoc />
    public override string ToString() => Reason;
}
