namespace PolicyEditor.Engine.Model;

/// <summary>
/// A NetworkPolicy that differs between two clusters: added (<see cref="Before"/> null), deleted
/// (<see cref="After"/> null) or changed. The one answer to "which policies differ" that the change
/// impact, the edit log, the review's YAML diff and the export of changes all use.
/// </summary>
public sealed record PolicyDifference(string Id, NetworkPolicy? Before, NetworkPolicy? After)
{
    /// <summary>"added", "deleted" or "changed".</summary>
    public string Kind => Before is null ? "added" : After is null ? "deleted" : "changed";

    /// <summary>The change that turns the first cluster's policy into the second's.</summary>
    public PolicyChange Change => After is null ? PolicyChange.Delete(Before!) : PolicyChange.Upsert(After);

    /// <summary>
    /// Every NetworkPolicy (by namespace and name) that differs: those of <paramref name="after"/> first, in
    /// its order, then those only <paramref name="before"/> has, in its order. A name given twice counts once
    /// (its first definition). Clusters that share their policy array answer at once.
    /// </summary>
    public static IReadOnlyList<PolicyDifference> Between(Cluster before, Cluster after)
    {
        if (before.NetworkPolicies.Items.Equals(after.NetworkPolicies.Items))
        {
            return [];
        }

        var old = new Dictionary<string, NetworkPolicy>(before.NetworkPolicies.Count, StringComparer.Ordinal);
        foreach (var p in before.NetworkPolicies)
        {
            old.TryAdd(p.Id, p);
        }

        var result = new List<PolicyDifference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in after.NetworkPolicies)
        {
            if (!seen.Add(p.Id))
            {
                continue;
            }

            if (!old.TryGetValue(p.Id, out var was))
            {
                result.Add(new PolicyDifference(p.Id, null, p));
            }
            else if (!ReferenceEquals(was, p) && !was.Equals(p))
            {
                result.Add(new PolicyDifference(p.Id, was, p));
            }
        }

        foreach (var p in before.NetworkPolicies)
        {
            if (seen.Add(p.Id))
            {
                result.Add(new PolicyDifference(p.Id, p, null));
            }
        }

        return result;
    }
}
