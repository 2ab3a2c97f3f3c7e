using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

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
    public static Cluster Promote(Cluster cluster, IPolicyResource staged)
    {
        var others = cluster.OtherPolicies.Where(p => !ReferenceEquals(p, staged) && !Equals(p.Key, staged.Key)).ToList();
        switch (staged)
        {
            case StagedKubernetesNetworkPolicy k:
                {
                    var policies = cluster.NetworkPolicies.Where(p => !(p.Namespace == k.Policy.Namespace && p.Name == k.Policy.Name)).ToList();
                    if (k.StagedAction != "Delete")
                    {
                        policies.Add(k.Policy);
                    }

                    return cluster.WithNetworkPolicies(policies) with { OtherPolicies = others.ToValueArray() };
                }

            case CalicoPolicy { IsStaged: true } p:
                {
                    var enforced = p.Promoted();
                    others.RemoveAll(o => Equals(o.Key, ((IPolicyResource)enforced).Key));
                    if (p.StagedAction != "Delete")
                    {
                        others.Add(enforced);
                    }

                    return cluster with { OtherPolicies = others.ToValueArray() };
                }

            default:
                throw new ArgumentException($"{staged.Key} is not a staged policy.", nameof(staged));
        }
    }
}
