namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Partition refinement over workloads: start with one class, split it by every set and key given.
/// Workloads end in the same class exactly when no set or key tells them apart, so grouping is by
/// which selectors match, never by raw labels (a unique hash label on every pod changes nothing).
/// </summary>
internal sealed class PeerPartition
{
    private int[] _classOf;
    private int _count;
    private int[] _size = new int[16];
    private int[] _stamp = new int[16];
    private int[] _hits = new int[16];
    private int[] _movedTo = new int[16];
    private int[] _ids = [];
    private int _round;
    private int _next = 1;

    public PeerPartition(int count)
    {
        _classOf = new int[count];
        _count = count;
        _size[0] = count;
    }

    /// <summary>Starts over with <paramref name="count"/> members in one class, keeping the arrays (a row's parts are refined thousands of times per matrix).</summary>
    public void Reset(int count)
    {
        if (_classOf.Length < count)
        {
            _classOf = new int[Math.Max(count, _classOf.Length * 2)];
        }
        else
        {
            Array.Clear(_classOf, 0, count);
        }

        _count = count;
        _size[0] = count;
        _next = 1;
    }

    /// <summary>Splits every class into its members inside and outside <paramref name="members"/> (distinct indices).</summary>
    /// <remarks>A class wholly inside keeps its number, so numbers stay below the number of classes (thousands of subjects and peers once made hundreds of thousands, in arrays of that size).</remarks>
    public void Refine(ReadOnlySpan<int> members)
    {
        if (members.Length == 0 || members.Length == _count)
        {
            return;
        }

        // Count each class's members inside the set; stamps avoid clearing the counts per call.
        _round++;
        foreach (var w in members)
        {
            var c = _classOf[w];
            if (_stamp[c] != _round)
            {
                _stamp[c] = _round;
                _hits[c] = 0;
                _movedTo[c] = -1;
            }

            _hits[c]++;
        }

        // Each class met only in part gets one new class for its members inside the set.
        foreach (var w in members)
        {
            var c = _classOf[w];
            if (_movedTo[c] < 0)
            {
                _movedTo[c] = c;
                if (_hits[c] < _size[c])
                {
                    _movedTo[c] = _next++;
                    Grow(_movedTo[c]);
                }
            }

            var to = _movedTo[c];
            if (to != c)
            {
                _classOf[w] = to;
                _size[c]--;
                _size[to]++;
            }
        }
    }

    /// <summary>
    /// Starts from the classes <paramref name="classOf"/> gives (small non-negative numbers, as an earlier partition's):
    /// a refinement of one class by a key per member would hash every member.
    /// </summary>
    public void StartFrom(Func<int, int> classOf)
    {
        _size[0] = 0;
        for (var w = 0; w < _count; w++)
        {
            var c = classOf(w);
            if (c >= _next)
            {
                for (var n = _next; n <= c; n++)
                {
                    Grow(n);
                }

                _next = c + 1;
            }

            _classOf[w] = c;
            _size[c]++;
        }
    }

    /// <summary>Splits classes so that members share a class only when their keys are equal.</summary>
    public void RefineByKey<TKey>(Func<int, TKey> key)
        where TKey : notnull
    {
        var remap = new Dictionary<(int, TKey), int>();
        for (var w = 0; w < _count; w++)
        {
            var k = (_classOf[w], key(w));
            if (!remap.TryGetValue(k, out var c))
            {
                c = _next++;
                remap[k] = c;
                Grow(c);
            }

            _classOf[w] = c;
            _size[c]++;
        }
    }

    /// <summary>Makes room for class number <paramref name="c"/> (a new class, empty).</summary>
    private void Grow(int c)
    {
        if (c >= _size.Length)
        {
            var length = Math.Max(c + 1, _size.Length * 2);
            Array.Resize(ref _size, length);
            Array.Resize(ref _stamp, length);
            Array.Resize(ref _hits, length);
            Array.Resize(ref _movedTo, length);
        }

        _size[c] = 0;
    }

    /// <summary>The final classes numbered 0..count-1 in order of first member.</summary>
    public (int[] ClassOf, int Count) Compact()
    {
        var result = new int[_count];
        return (result, CompactInto(result));
    }

    /// <summary>Writes each member's final class (numbered 0..count-1 in order of first member) into <paramref name="result"/>; returns the count.</summary>
    public int CompactInto(Span<int> result)
    {
        if (_ids.Length < _next)
        {
            _ids = new int[Math.Max(_next, _ids.Length * 2)];
        }

        var ids = _ids.AsSpan(0, _next);
        ids.Fill(-1);
        var count = 0;
        for (var w = 0; w < _count; w++)
        {
            ref var id = ref ids[_classOf[w]];
            if (id < 0)
            {
                id = count++;
            }

            result[w] = id;
        }

        return count;
    }
}
