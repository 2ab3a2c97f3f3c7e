using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.ClusterGeneration;

/// <summary>
/// Cluster administrators' policies over a generated cluster, as a platform team writes them: per group of
/// namespaces, Pass what stays inside the group (the teams' NetworkPolicies decide), Deny database ports to the
/// web tier's namespaces and egress to some external networks; in the Baseline tier, Deny what no team allowed; and a
/// BaselineAdminNetworkPolicy. Half are AdminNetworkPolicies (v1alpha1), half ClusterNetworkPolicies (v1alpha2).
/// </summary>
public static class AdminTierGenerator
{
    private const string GroupLabel = "group";
    private const int Groups = 10;

    /// <summary><paramref name="cluster"/> with <paramref name="count"/> admin policies added, deterministically for the random source.</summary>
    public static Cluster AddAdminTiers(Cluster cluster, int count, IReadOnlyList<Cidr> cidrs, Random random)
    {
        var admin = new List<AdminNetworkPolicy>();
        var others = new List<IPolicyResource>();
        var baselineCount = count / 8;
        for (var i = 0; i < count - baselineCount; i++)
        {
            var group = $"g{i % Groups}";
            var subject = i % 3 == 0
                ? AdminSubject.OfPods(Group(group), LabelSelector.ForLabels(("app", $"app-{random.Next(3)}")))
                : AdminSubject.OfNamespaces(Group(group));
            var ingress = ValueArray.Create(
                Rule($"pass-{group}", AdminAction.Pass, AdminPeer.OfNamespaces(Group(group))),
                Rule("deny-web-tier-to-databases", AdminAction.Deny, AdminPeer.OfNamespaces(LabelSelector.ForLabels(("tier", "web"))), Port(random)));
            var egress = ValueArray.Create(
                Rule("pass-dns", AdminAction.Pass, AdminPeer.OfNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, "kube-system")))),
                Rule("deny-external", AdminAction.Deny, AdminPeer.OfNetworks(cidrs[random.Next(cidrs.Count)], cidrs[random.Next(cidrs.Count)])));

            // Priorities are unique within a tier: the API leaves ties undefined.
            if (i % 2 == 0)
            {
                admin.Add(new AdminNetworkPolicy($"platform-{i:D3}", i, subject, ingress, egress));
            }
            else
            {
                others.Add(new ClusterNetworkPolicy($"platform-{i:D3}", ClusterNetworkPolicyTier.Admin, i % (ClusterNetworkPolicy.MaxPriority + 1), subject, ingress, egress));
            }
        }

        for (var i = 0; i < baselineCount; i++)
        {
            var group = $"g{i % Groups}";
            var otherGroups = new LabelSelector(LabelSet.Empty, ValueArray.Create(new LabelRequirement(GroupLabel, SelectorOperator.NotIn, ValueArray.Create(group))));
            others.Add(new ClusterNetworkPolicy($"baseline-{i:D3}", ClusterNetworkPolicyTier.Baseline, i, AdminSubject.OfNamespaces(Group(group)),
                ValueArray.Create(Rule("deny-other-groups", AdminAction.Deny, AdminPeer.OfNamespaces(otherGroups))), ValueArray<AdminRule>.Empty));
        }

        var baseline = new BaselineAdminNetworkPolicy("default", AdminSubject.OfNamespaces(LabelSelector.ForLabels(("tier", "db"))),
            ValueArray.Create(Rule("deny-all", AdminAction.Deny, AdminPeer.OfNamespaces(LabelSelector.Everything))), ValueArray<AdminRule>.Empty);
        return cluster with
        {
            AdminNetworkPolicies = admin.ToValueArray(),
            BaselineAdminNetworkPolicy = baseline,
            OtherPolicies = others.ToValueArray(),
        };
    }

    /// <summary>Edits of the admin tiers, when the cluster has them: an Admin-tier Pass turned into Deny, an AdminNetworkPolicy deleted.</summary>
    public static IEnumerable<EditStep> EditSteps(Cluster cluster)
    {
        if (cluster.ClusterNetworkPolicies.FirstOrDefault(p => p.Tier == ClusterNetworkPolicyTier.Admin) is { } cnp)
        {
            var denied = cnp with { Ingress = cnp.Ingress.Select(r => r.Action == AdminAction.Pass ? r with { Action = AdminAction.Deny } : r).ToValueArray() };
            yield return new EditStep($"turn the Pass of ClusterNetworkPolicy {cnp.Name} into Deny", PolicyChange.Upsert(denied));
        }

        if (cluster.AdminNetworkPolicies.Count > 0)
        {
            var anp = cluster.AdminNetworkPolicies[cluster.AdminNetworkPolicies.Count / 2];
            yield return new EditStep($"delete AdminNetworkPolicy {anp.Name}", PolicyChange.Delete(anp));
        }
    }

    private static LabelSelector Group(string group) => LabelSelector.ForLabels((GroupLabel, group));

    private static AdminRule Rule(string name, AdminAction action, AdminPeer peer, params AdminPort[] ports) =>
        new(name, action, ValueArray.Create(peer), ports);

    private static AdminPort Port(Random random) => random.Next(2) == 0 ? AdminPort.Number(Protocol.TCP, 5432) : AdminPort.Range(Protocol.TCP, 5000, 5999);
}
