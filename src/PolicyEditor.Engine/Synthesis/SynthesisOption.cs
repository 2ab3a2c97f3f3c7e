using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>
/// One way to carry out an intent: the policy changes, their full change impact, whether the impact
/// is exactly what was asked (nothing else gained or lost), and warnings for the user.
/// </summary>
public sealed record SynthesisOption(
    string Title,
    IReadOnlyList<PolicyChange> Changes,
    ChangeImpact Impact,
    bool IsExact,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The pairs this option changes besides the one asked about.</summary>
    public IReadOnlyList<ConnectionChange> SideEffects { get; init; } = [];

    /// <summary>What the asked pair is allowed after this option, evaluated on the changed cluster.</summary>
    public ConnectionSet AskedPairAfter { get; init; } = ConnectionSet.None;
}
