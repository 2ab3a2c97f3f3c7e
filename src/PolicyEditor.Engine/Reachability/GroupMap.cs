using System.Runtime.InteropServices;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Which of a row's default values a peer group takes. The rules of one program row name few of the peer groups
/// (a Cilium cluster has as many groups as peer classes): each group they name takes the value of the part of the
/// named groups that those rules treat alike, every other group the value of one shared part (<see cref="Rest"/>).
/// A row then keeps one value per part instead of one per group, and is built in time of the groups it names.
/// </summary>
internal sealed class GroupMap
{
    /// <summary>The groups the rules name, ascending; null: every group is its own part.</summary>
    private readonly int[]? _named;
    private readonly int[] _partOfNamed;

    private GroupMap(int[]? named, int[] partOfNamed, int rest, int[] representatives)
    {
        _named = named;
        _partOfNamed = partOfNamed;
        Rest = rest;
        Representatives = representatives;
    }

    /// <summary>Every group in one part (a row whose default is the same for every group).</summary>
    public static GroupMap Uniform { get; } = new([], [], 0, [-1]);

    /// <summary>How many parts there are.</summary>
    public int Count => Representatives.Length;

    /// <summary>The part of the groups no rule names; -1 when the rules name every group.</summary>
    public int Rest { get; }

    /// <summary>A group of each part (-1 for <see cref="Uniform"/>'s only part).</summary>
    public int[] Representatives { get; }

    /// <summary>The groups the rules name, ascending (every other group is in <see cref="Rest"/>); null: every group is its own part.</summary>
    public int[]? NamedGroups => _named;

    /// <summary>Every group its own part.</summary>
    public static GroupMap Identity(int groupCount) => new(null, [], -1, [.. Enumerable.Range(0, groupCount)]);

    /// <summary>
    /// The parts of <paramref name="groupCount"/> groups that the group sets <paramref name="named"/> (each ascending)
    /// tell apart: groups share a part exactly when every set takes in both or neither.
    /// </summary>
    public static GroupMap Of(int groupCount, IReadOnlyList<int[]> named)
    {
        var all = new List<int>();
        foreach (var groups in named)
        {
            all.AddRange(groups);
        }

        // The named groups (ascending, distinct), and one element more for every group no set names.
        var distinct = Sorting.SortDistinct(CollectionsMarshal.AsSpan(all));
        var groupsNamed = all.GetRange(0, distinct).ToArray();
        var partition = new PeerPartition(groupsNamed.Length + 1);
        var indices = new List<int>();
        foreach (var groups in named)
        {
            indices.Clear();
            foreach (var g in groups)
            {
                indices.Add(Array.BinarySearch(groupsNamed, g));
            }

            partition.Refine(CollectionsMarshal.AsSpan(indices));
        }

        var (partOf, count) = partition.Compact();

        // No set takes in the last element, so it is alone in its part, the last one numbered.
        var rest = groupsNamed.Length < groupCount ? count - 1 : -1;
        var representatives = new int[rest >= 0 ? count : count - 1];
        Array.Fill(representatives, -1);
        for (var i = 0; i < groupsNamed.Length; i++)
        {
            if (representatives[partOf[i]] < 0)
            {
                representatives[partOf[i]] = groupsNamed[i];
            }
        }

        if (rest >= 0)
        {
            // The first group no set names.
            var first = 0;
            while (first < groupsNamed.Length && groupsNamed[first] == first)
            {
                first++;
            }

            representatives[rest] = first;
        }

        return new GroupMap(groupsNamed, partOf[..groupsNamed.Length], rest, representatives);
    }

    /// <summary>The part of <paramref name="group"/>.</summary>
    public int PartOf(int group)
    {
        if (_named is null)
        {
            return group;
        }

        if (_named.Length == 0)
        {
            return Rest;
        }

        var i = Array.BinarySearch(_named, group);
        return i >= 0 ? _partOfNamed[i] : Rest;
    }
}
