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

        // An edit replaces, adds or deletes a few policies and shares the others: compare only the part between
        // the common start and end (by reference), unless a key there also occurs in the common parts, where a
        // duplicate's first definition would decide.
        IPolicyResource[] was = [.. before.Policies], now = [.. after.Policies];
        var start = 0;
        while (start < was.Length && start < now.Length && ReferenceEquals(was[start], now[start]))
        {
            start++;
        }

        var end = 0;
        while (end < was.Length - start && end < now.Length - start && ReferenceEquals(was[^(end + 1)], now[^(end + 1)]))
        {
            end++;
        }

        // Names are checked first (one string hash each); only a name in the middle costs a key comparison.
        var middle = was[start..^end].Concat(now[start..^end]).ToList();
        var middleNames = middle.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var middleKeys = middle.Select(p => p.Key).ToHashSet();
        var common = was.Take(start).Concat(was.TakeLast(end));
        return middleNames.Count <= 64 && !common.Any(p => middleNames.Contains(p.Name) && middleKeys.Contains(p.Key))
            ? Compare(was[start..^end], now[start..^end])
            : Compare(was, now);
    }

    private static List<PolicyDifference> Compare(IPolicyResource[] before, IPolicyResource[] after)
    {
        var old = new Dictionary<PolicyKey, IPolicyResource>(before.Length);
        foreach (var p in before)
        {
            old.TryAdd(p.Key, p);
        }

        var result = new List<PolicyDifference>();
        var seen = new HashSet<PolicyKey>();
        foreach (var p in after)
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

        foreach (var p in before)
        {
            if (seen.Add(p.Key))
            {
                result.Add(new PolicyDifference(p.Key, p, null));
            }
        }

        return result;
    }
}
