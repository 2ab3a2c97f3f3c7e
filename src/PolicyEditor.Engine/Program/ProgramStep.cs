using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Program;

/// <summary>What kind of step of the program's walk a <see cref="ProgramStep"/> is.</summary>
public enum StepKind
{
    /// <summary>A rule whose peer matched.</summary>
    Rule,

    /// <summary>The NetworkPolicies selecting the endpoint, allowing what their rules allow.</summary>
    NetworkPolicies,

    /// <summary>A tier's default for an endpoint one of its policies selects.</summary>
    TierDefault,

    /// <summary>The end of the program: what no tier decided is allowed.</summary>
    ProgramDefault,
}

/// <summary>
/// One step of the walk over the policy program for one side of a connection: which rule (or default)
/// it was, what it matched and the part of the still undecided traffic it decided (a Pass step's part
/// goes on to the next tier; a Log step decides nothing).
/// </summary>
public sealed record ProgramStep(StepKind Kind, string Tier, RuleReference? Rule, RuleAction Action, ConnectionSet Matched, ConnectionSet Decided)
{
    /// <inheritdoc />
    public override string ToString() => Rule is not null ? $"{Action}: {Rule.Text} ({Decided})" : $"{Kind} of {Tier}: {Action} ({Decided})";
}
