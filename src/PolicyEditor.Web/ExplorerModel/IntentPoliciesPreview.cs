using PolicyEditor.Engine.EntryPoints;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Policies from intents, before anything is applied: the engine's proposal, the policy changes it makes
/// to the draft, what they would change (every connection newly allowed or blocked), and the entry points
/// from outside that the access policies alone would cut off (what the external-access policies keep).
/// In <see cref="IntentSelectorMode.OtterizeLabels"/> the policies need the operator's pod labels, so they
/// are for comparing and are not applied.
/// </summary>
public sealed record IntentPoliciesPreview(
    IntentSelectorMode Mode,
    IntentPolicyProposal Proposal,
    Cluster Before,
    IReadOnlyList<PolicyChange> Changes,
    IReadOnlyList<ConnectionChange> Impact,
    IReadOnlyList<ExposedWorkload> WouldBreak)
{
    /// <summary>Whether the policies can be applied to the draft as they are.</summary>
    public bool CanApply => Mode == IntentSelectorMode.WorkloadLabels && Changes.Count > 0;
}
