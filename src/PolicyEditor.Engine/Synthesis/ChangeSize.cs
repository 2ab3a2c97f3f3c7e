using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>
/// How much there is to read in a set of policy changes, roughly in YAML lines: a new policy counts whole, an
/// edited one by how much it grew or shrank, a deletion as one. Options of an intent are offered smallest first.
/// </summary>
public static class ChangeSize
{
    /// <summary>The size of all the changes made to <paramref name="before"/>'s policies.</summary>
    public static int Of(Cluster before, IEnumerable<PolicyChange> changes) =>
        changes.Sum(c => Of(c.Namespace is { } ns ? before.FindPolicy(ns, c.Name) : null, c.AfterNetworkPolicy));

    /// <summary>The size of a change to <paramref name="before"/> (null for a new policy).</summary>
    public static int Of(NetworkPolicy? before, NetworkPolicy? after) => (before, after) switch
    {
        (_, null) => 1,
        (null, { } created) => Weight(created),
        ({ } old, { } changed) => 1 + Math.Abs(Weight(changed) - Weight(old)),
    };

    /// <summary>About the number of YAML lines a policy is written in.</summary>
    public static int Weight(NetworkPolicy policy) =>
        6 + Weight(policy.PodSelector) + policy.Ingress.Concat(policy.Egress).Sum(r => 1 + r.Ports.Count * 2 + r.Peers.Sum(Weight));

    private static int Weight(NetworkPolicyPeer peer) =>
        1 + (peer.PodSelector is { } pods ? Weight(pods) : 0) + (peer.NamespaceSelector is { } ns ? Weight(ns) : 0) + (peer.IpBlock is { } block ? 1 + block.Except.Count : 0);

    private static int Weight(LabelSelector selector) => 1 + selector.MatchLabels.Count + selector.MatchExpressions.Count * 3;
}
