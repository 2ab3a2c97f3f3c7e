namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Builds the <see cref="GroupMap"/>s of one matrix (or one update) over a fixed number of groups, in working space kept
/// from map to map: a matrix builds one map per program selection and direction, thousands in all, and lists, sets
/// and partitions made per map were most of what the rows allocated.
/// </summary>
internal sealed class GroupMapBuilder
{
    private readonly int _groupCount;
    private readonly PeerPartition _partition = new(0);

    // Per group: the round that last named it, and its index among the named groups of that round.
    private readonly int[] _seen;
    private readonly int[] _indexOf;
    private int _round;
    private int[] _named = new int[64];
    private int[] _indices = new int[64];
    private int[] _parts = new int[64];

    public GroupMapBuilder(int groupCount)
    {
        _groupCount = groupCount;
        _seen = new int[groupCount];
        _indexOf = new int[groupCount];
    }

    /// <summary>
    /// The parts of the groups that the group sets <paramref name="named"/> (each ascending, distinct) tell apart: groups
    /// share a part exactly when every set takes in both or neither.
    /// </summary>
    public GroupMap Of(IReadOnlyList<int[]> named)
    {
        // The named groups, ascending and distinct.
        _round++;
        var count = 0;
        foreach (var groups in named)
        {
            foreach (var g in groups)
            {
                if (_seen[g] != _round)
                {
                    _seen[g] = _round;
                    Grow(ref _named, count + 1);
                    _named[count++] = g;
                }
            }
        }

        var groupsNamed = _named.AsSpan(0, count);
        groupsNamed.Sort();
        for (var i = 0; i < count; i++)
        {
            _indexOf[groupsNamed[i]] = i;
        }

        // One element more than the named groups stands for every group no set names.
        _partition.Reset(count + 1);
        foreach (var groups in named)
        {
            Grow(ref _indices, groups.Length);
            for (var i = 0; i < groups.Length; i++)
            {
                _indices[i] = _indexOf[groups[i]];
            }

            _partition.Refine(_indices.AsSpan(0, groups.Length));
        }

        Grow(ref _parts, count + 1);
        var partCount = _partition.CompactInto(_parts);

        // No set takes in the last element, so it is alone in its part, the last one numbered.
        var rest = count < _groupCount ? partCount - 1 : -1;
        var representatives = new int[rest >= 0 ? partCount : partCount - 1];
        Array.Fill(representatives, -1);
        for (var i = 0; i < count; i++)
        {
            if (representatives[_parts[i]] < 0)
            {
                representatives[_parts[i]] = groupsNamed[i];
            }
        }

        if (rest >= 0)
        {
            // The first group no set names.
            var first = 0;
            while (first < count && groupsNamed[first] == first)
            {
                first++;
            }

            representatives[rest] = first;
        }

        return GroupMap.Of(groupsNamed.ToArray(), _parts.AsSpan(0, count).ToArray(), rest, representatives);
    }

    private static void Grow(ref int[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        }
    }
}
