using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The other ends of a recomputed row, gathered for comparing it with the old matrix: workloads in the same old
/// peer class and the same new peer group get the same value from the new row (unless the row names them) and had
/// the same value before, so one comparison serves them all, and only a part whose value changed is visited.
/// </summary>
internal sealed class ChangedRowPeers
{
    private readonly List<int>[] _parts;

    public ChangedRowPeers(ReachabilityMatrix before, IPeerUnits units)
    {
        var partOf = new Dictionary<(int Class, int Group), List<int>>();
        for (var w = 0; w < before.Workloads.Count; w++)
        {
            var key = (before.ClassOf[w], units.GroupOf(w));
            if (!partOf.TryGetValue(key, out var members))
            {
                partOf[key] = members = [];
            }

            members.Add(w);
        }

        _parts = [.. partOf.Values];
    }

    /// <summary>
    /// Calls <paramref name="changed"/> for every other end (ascending) whose value differs between
    /// <paramref name="now"/> and <paramref name="was"/>: the ends the row names and those with a recomputed
    /// row of their own (<paramref name="recomputed"/>) one by one, the others once per part.
    /// </summary>
    public void Compare(int self, DirectionalRow row, IReadOnlyDictionary<int, DirectionalRow> recomputed, Func<int, ConnectionSet> now, Func<int, ConnectionSet> was, Action<int> changed)
    {
        var own = new HashSet<int>(row.ExplicitClasses);
        own.UnionWith(recomputed.Keys);
        own.Remove(self);
        var differing = own.Where(w => !now(w).Equals(was(w))).ToList();
        foreach (var part in _parts)
        {
            var first = -1;
            foreach (var w in part)
            {
                if (w != self && !own.Contains(w))
                {
                    first = w;
                    break;
                }
            }

            if (first >= 0 && !now(first).Equals(was(first)))
            {
                differing.AddRange(part.Where(w => w != self && !own.Contains(w)));
            }
        }

        differing.Sort();
        differing.ForEach(changed);
    }
}
