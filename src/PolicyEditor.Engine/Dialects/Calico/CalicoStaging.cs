using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// Staged policies (StagedNetworkPolicy, StagedGlobalNetworkPolicy, StagedKubernetesNetworkPolicy) are
/// never enforced; promoting one is an edit like any other: <c>stagedAction: Set</c> (the default)
/// creates or replaces the enforced policy of the same name, <c>Delete</c> deletes it, and the staged
/// object is gone. The change impact of that edit is what the staged policy would change.
/// </summary>
public static class CalicoStaging
{
    /// <summary>The staged policies of a cluster.</summary>
    public static IEnumerable<IPolicyResource> Staged(Cluster cluster) =>
        cluster.OtherPolicies.Where(p => p is StagedKubernetesNetworkPolicy || p is CalicoPolicy { IsStaged: true });

    /// <summary>The cluster as it would be once <paramref name="staged"/> is promoted.</summary>
    public static Cluster Promote(Cluster cluster, IPolicyResource staged) =>
        Promotion(cluster, staged).Aggregate(cluster, (c, change) => c.Apply(change));

    /// <summary>
    /// Promoting <paramref name="staged"/> as policy changes: the staged object deleted, and the enforced
    /// policy of the same name created or replaced (<c>stagedAction: Set</c>) or deleted (<c>Delete</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="staged"/> is not a staged policy.</exception>
    public static IReadOnlyList<PolicyChange> Promotion(Cluster cluster, IPolicyResource staged)
    {
        var (enforcedKey, enforced, action) = staged switch
        {
            StagedKubernetesNetworkPolicy k => (((IPolicyResource)k.Policy).Key, (IPolicyResource)k.Policy, k.StagedAction),
            CalicoPolicy { IsStaged: true } p => (((IPolicyResource)p.Promoted()).Key, p.Promoted(), p.StagedAction),
            _ => throw new ArgumentException($"{staged.Key} is not a staged policy.", nameof(staged)),
        };

        var promote = action == "Delete"
            ? cluster.FindPolicy(enforcedKey) is null ? null : new PolicyChange(enforcedKey, null)
            : new PolicyChange(enforcedKey, enforced);
        return promote is null ? [PolicyChange.Delete(staged)] : [PolicyChange.Delete(staged), promote];
    }

    /// <summary>
    /// The program's outline with the cluster's staged policies placed where they would run once promoted
    /// (marked <see cref="TierEntry.IsStaged"/>); a tier only staged policies name is added in its order.
    /// </summary>
    public static IReadOnlyList<TierOutline> WithStaged(IReadOnlyList<TierOutline> outline, Cluster cluster)
    {
        var tiers = outline.ToList();
        var declared = cluster.OtherPolicies.OfType<CalicoTier>().ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var staged in Staged(cluster))
        {
            var (tierName, order, description) = staged switch
            {
                StagedKubernetesNetworkPolicy k => (CalicoPolicy.DefaultTier, (double?)ProgramTier.NetworkPolicyOrder, $"StagedKubernetesNetworkPolicy {k.Policy.Namespace}/{k.Policy.Name}"),
                CalicoPolicy p => (p.Tier, p.Order, p.Title),
                _ => (CalicoPolicy.DefaultTier, null, staged.Key.Id),
            };
            var i = tiers.FindIndex(t => t.Tier.Name == tierName || t.Tier.Name == $"calico:{tierName}" || (tierName == CalicoPolicy.DefaultTier && t.Tier == ProgramTier.Default));
            if (i < 0)
            {
                var tier = tierName == CalicoPolicy.DefaultTier
                    ? ProgramTier.Default
                    : declared.TryGetValue(tierName, out var d) ? new ProgramTier(d.Name, d.Order ?? double.PositiveInfinity, d.DefaultAction, $"tier {d.Name}") : new ProgramTier(tierName, double.PositiveInfinity, TierDefault.Deny, $"tier {tierName} (not defined)");
                i = tiers.FindLastIndex(t => t.Tier.Order <= tier.Order) + 1;
                tiers.Insert(i, new TierOutline(tier, []));
            }

            var entries = tiers[i].Policies.ToList();
            var at = entries.FindIndex(e => (e.Order ?? double.PositiveInfinity) > (order ?? double.PositiveInfinity));
            entries.Insert(at < 0 ? entries.Count : at, new TierEntry(staged.Key, description, order) { IsStaged = true });
            tiers[i] = tiers[i] with { Policies = entries };
        }

        return tiers;
    }
}
