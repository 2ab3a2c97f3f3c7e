using PolicyEditor.Engine.Dialects;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Least-privilege policies proposed from observed traffic: the dialect they are written in, the policies, the
/// existing ones they replace, and what the proposal could not do exactly (said in <see cref="Warnings"/>).
/// </summary>
/// <param name="Dialect">The dialect the policies are written in.</param>
/// <param name="Policies">The proposed policies: one per workload of the scope (and, in Calico, a default deny per namespace wholly in it).</param>
/// <param name="Replaced">The existing policies of the scope's namespaces that the proposal replaces.</param>
/// <param name="Warnings">What is allowed beyond the observed traffic, and why; what was left out.</param>
/// <param name="Connections">How many observed connections the policies allow.</param>
public sealed record FlowPolicyProposal(
    PolicyDialect Dialect,
    IReadOnlyList<IPolicyResource> Policies,
    IReadOnlyList<IPolicyResource> Replaced,
    IReadOnlyList<string> Warnings,
    int Connections)
{
    /// <summary>No proposal: nothing to propose from.</summary>
    public static readonly FlowPolicyProposal None = new(PolicyDialect.NetworkPolicy, [], [], [], 0);

    /// <summary>The changes that turn the cluster into the proposed one: replaced policies deleted, proposed ones set.</summary>
    public IReadOnlyList<PolicyChange> Changes() =>
    [
        .. Replaced.Where(r => !Policies.Any(p => p.Key == r.Key)).Select(PolicyChange.Delete),
        .. Policies.Select(PolicyChange.Upsert),
    ];
}
