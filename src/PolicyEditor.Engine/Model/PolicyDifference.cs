namespace PolicyEditor.Engine.Model;

/// <summary>
/// A policy of any kind that differs between two clusters: added (<see cref="Before"/> null), deleted
/// (<see cref="After"/> null) or changed. The one answer to "which policies differ" that the change
/// impact, the edit log, the review's YAML diff and the export of changes all use.
/// </summary>
public sealed record PolicyDifference(PolicyKey Key, IPolicyResource? Before, IPolicyResource? After)
{
    /// <summary>The policy's report name (<see cref="PolicyKey.Id"/>).</summary>
    public string Id => Key.Id;

    /// <summary>"added", "deleted" or "changed".</summary>
    public string Kind => Before is null ? "added" : After is null ? "deleted" : "changed";

    /// <summary>The change that turns the first cluster's policy into the second's.</summary>
    public PolicyChange Change => new(Key, After);

    /// <summary>
    /// Every policy (by <see cref="PolicyKey"/>) that differs, of every kind: those of <paramref name="after"/>
    /// first, in the order of <see cref="Cluster.Policies"/>, then those only <paramref name="before"/> has, in its
    /// order. A key given twice counts once (its first definition). Clusters that share their policy arrays
    /// answer at once.
    /// </summary>
    public static IReadOnlyList<PolicyDifference> Between(Cluster before, Cluster after)
    {
        if (before.SharesPoliciesWith(after))
        {
            return [];
        }

        var old = new Dictionary<PolicyKey, IPolicyResource>(before.NetworkPolicies.Count);
        foreach (var p in before.Policies)
        {
            old.TryAdd(p.Key, p);
        }

        var result = new List<PolicyDifference>();
        var seen = new HashSet<PolicyKey>();
        foreach (var p in after.Policies)
        {
            var key = p.Key;
            if (!seen.Add(key))
            {
                continue;
            }

            if (!old.TryGetValue(key, out var was))
            {
                result.Add(new PolicyDifference(key, null, p));
            }
            else if (!ReferenceEquals(was, p) && !was.Equals(p))
            {
                result.Add(new PolicyDifference(key, was, p));
            }
        }

        foreach (var p in before.Policies)
        {
            if (seen.Add(p.Key))
            {
                result.Add(new PolicyDifference(p.Key, p, null));
            }
        }

        return result;
    }
}
