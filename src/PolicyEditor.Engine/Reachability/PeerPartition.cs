namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Partition refinement over workloads: start with one class, split it by every set and key given.
/// Workloads end in the same class exactly when no set or key tells them apart, so grouping is by
/// which selectors match, never by raw labels (a unique hash label on every pod changes nothing).
/// </summary>
internal sealed class PeerPartition
{
    private readonly int[] _classOf;
    private int[] _stamp = new int[16];
    private int[] _movedTo = new int[16];
    private int _round;
    private int _next = 1;

    public PeerPartition(int count) => _classOf = new int[count];

    /// <summary>Splits every class into its members inside and outside <paramref name="members"/> (distinct indices).</summary>
    public void Refine(IReadOnlyList<int> members)
    {
        if (members.Count == 0 || members.Count == _classOf.Length)
        {
            return;
        }

        // Each class met gets one new class for its members inside the set; stamps avoid clearing a map per call.
        _round++;
        foreach (var w in members)
        {
            var c = _classOf[w];
            if (c >= _stamp.Length)
            {
                Array.Resize(ref _stamp, Math.Max(c + 1, _stamp.Length * 2));
                Array.Resize(ref _movedTo, _stamp.Length);
            }

            if (_stamp[c] != _round)
            {
                _stamp[c] = _round;
                _movedTo[c] = _next++;
            }

            _classOf[w] = _movedTo[c];
        }
    }

    /// <summary>Splits classes so that members share a class only when their keys are equal.</summary>
    public void RefineByKey<TKey>(Func<int, TKey> key)
        where TKey : notnull
    {
        var remap = new Dictionary<(int, TKey), int>();
        for (var w = 0; w < _classOf.Length; w++)
        {
            var k = (_classOf[w], key(w));
            if (!remap.TryGetValue(k, out var c))
            {
                c = _next++;
                remap[k] = c;
            }

            _classOf[w] = c;
        }
    }

    /// <summary>The final classes numbered 0..count-1 in order of first member.</summary>
    public (int[] ClassOf, int Count) Compact()
    {
        var ids = new int[_next];
        Array.Fill(ids, -1);
        var count = 0;
        var result = new int[_classOf.Length];
        for (var w = 0; w < _classOf.Length; w++)
        {
            ref var id = ref ids[_classOf[w]];
            if (id < 0)
            {
                id = count++;
            }

            result[w] = id;
        }

        return (result, count);
    }
}
