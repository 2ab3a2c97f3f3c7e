using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Least-privilege policies proposed from observed traffic: the policies, the existing ones they replace,
/// and what the proposal could not do exactly (said in <see cref="Warnings"/>).
/// </summary>
/// <param name="Policies">The proposed policies, one per workload of the scope.</param>
/// <param name="Replaced">The existing policies of the scope's namespaces that the proposal replaces.</param>
/// <param name="Warnings">What is allowed beyond the observed traffic, and why; what was left out.</param>
/// <param name="Connections">How many observed connections the policies allow.</param>
public sealed record FlowPolicyProposal(
    IReadOnlyList<NetworkPolicy> Policies,
    IReadOnlyList<NetworkPolicy> Replaced,
    IReadOnlyList<string> Warnings,
    int Connections)
{
    /// <summary>The changes that turn the cluster into the proposed one: replaced policies deleted, proposed ones set.</summary>
    public IReadOnlyList<PolicyChange> Changes() =>
    [
        .. Replaced.Where(r => !Policies.Any(p => p.Namespace == r.Namespace && p.Name == r.Name)).Select(PolicyChange.Delete),
        .. Policies.Select(PolicyChange.Upsert),
    ];
}
