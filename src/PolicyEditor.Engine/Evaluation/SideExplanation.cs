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
    /// <inheritdoc />
    public override string ToString() => Reason;
}
