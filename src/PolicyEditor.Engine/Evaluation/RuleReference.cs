namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// A rule named precisely, for explanations: the policy kind and name, the rule's direction and
/// position (from 1, as a person counts), its name and the policy's priority for admin policies, and
/// the rule in words.
/// </summary>
public sealed record RuleReference(
    string PolicyKind,
    string Policy,
    TrafficDirection Direction,
    int RuleNumber,
    string? RuleName,
    int? Priority,
    string Text)
{
    /// <summary>The tier the rule runs in (e.g. "Admin tier"), when the rule belongs to the policy program's ordered tiers.</summary>
    public string? Tier { get; init; }

    /// <summary>The policy the rule belongs to, when the rule belongs to the policy program (null for a NetworkPolicy rule).</summary>
    public Model.PolicyKey? Key { get; init; }

    /// <summary>Where the rule's policy runs among the others (e.g. "tier security, order 100"), when its dialect orders policies.</summary>
    public string? Placement { get; init; }

    /// <summary>What the rule does with what it matches (NetworkPolicy rules allow).</summary>
    public Program.RuleAction Action { get; init; } = Program.RuleAction.Allow;

    /// <inheritdoc />
    public override string ToString() => Text;
}
