using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Addresses;

/// <summary>
/// The address space outside the cluster, cut into the coarsest blocks that all the given address
/// sets respect: two addresses share a block exactly when every set holds both or neither. IPv4 is
/// always covered; IPv6 only when some set names IPv6 addresses.
/// </summary>
public sealed class ExternalSpace
{
    private readonly AddressRange[] _rangeStarts;
    private readonly int[] _rangeBlocks;

    private ExternalSpace(ImmutableArray<ExternalBlock> blocks)
    {
        Blocks = blocks;
        var index = blocks.SelectMany(b => b.Ranges.Select(r => (Range: r, Block: b.Index))).OrderBy(x => x.Range).ToArray();
        _rangeStarts = [.. index.Select(x => x.Range)];
        _rangeBlocks = [.. index.Select(x => x.Block)];
    }

    /// <summary>The blocks, IPv4 first, in address order of their first range.</summary>
    public ImmutableArray<ExternalBlock> Blocks { get; }

    /// <summary>Cuts the space at every boundary of <paramref name="sets"/>.</summary>
    public static ExternalSpace Cut(IEnumerable<AddressSet> sets)
    {
        var all = sets.Distinct().ToList();
        var families = new List<AddressRange> { AddressRange.AllV4 };
        if (all.Any(s => s.Ranges.Any(r => r.Family == IpFamily.V6)))
        {
            families.Add(AddressRange.AllV6);
        }

        // Elementary intervals between consecutive boundaries, per family.
        var intervals = new List<AddressRange>();
        foreach (var whole in families)
        {
            var list = new List<UInt128> { whole.First };
            foreach (var set in all)
            {
                foreach (var r in set.Ranges)
                {
                    if (r.Family != whole.Family)
                    {
                        continue;
                    }

                    list.Add(r.First);
                    if (r.Last < whole.Last)
                    {
                        list.Add(r.Last + 1);
                    }
                }
            }

            var distinct = Sorting.SortDistinct(CollectionsMarshal.AsSpan(list));
            list.RemoveRange(distinct, list.Count - distinct);
            for (var i = 0; i < list.Count; i++)
            {
                var last = i + 1 < list.Count ? list[i + 1] - 1 : whole.Last;
                intervals.Add(new AddressRange(whole.Family, list[i], last));
            }
        }

        // Which sets hold each interval: every range of a set covers a run of consecutive intervals.
        var holders = new List<int>[intervals.Count];
        for (var i = 0; i < holders.Length; i++)
        {
            holders[i] = [];
        }

        for (var s = 0; s < all.Count; s++)
        {
            foreach (var r in all[s].Ranges)
            {
                var i = FirstIntervalAt(intervals, r.Family, r.First);
                for (; i < intervals.Count && intervals[i].Family == r.Family && intervals[i].Last <= r.Last; i++)
                {
                    if (holders[i].Count == 0 || holders[i][^1] != s)
                    {
                        holders[i].Add(s);
                    }
                }
            }
        }

        // Group intervals by which sets hold them.
        var groups = new Dictionary<string, List<AddressRange>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < intervals.Count; i++)
        {
            var k = $"{(int)intervals[i].Family}:{string.Join(',', holders[i])}";
            if (!groups.TryGetValue(k, out var g))
            {
                groups[k] = g = [];
                order.Add(k);
            }

            g.Add(intervals[i]);
        }

        var blocks = order.Select((k, i) => new ExternalBlock(i, [.. AddressSet.FromRanges(groups[k]).Ranges])).ToImmutableArray();
        return new ExternalSpace(blocks);
    }

    private static int FirstIntervalAt(List<AddressRange> intervals, IpFamily family, UInt128 address)
    {
        int lo = 0, hi = intervals.Count - 1, found = intervals.Count;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var m = intervals[mid];
            if (m.Family < family || (m.Family == family && m.Last < address))
            {
                lo = mid + 1;
            }
            else
            {
                found = mid;
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>The block holding an address range, or null when the range spans blocks or is not covered.</summary>
    public ExternalBlock? BlockOf(AddressRange range)
    {
        var i = IndexAt(range.Family, range.First);
        return i < _rangeStarts.Length && _rangeStarts[i].Contains(range) ? Blocks[_rangeBlocks[i]] : null;
    }

    /// <summary>The blocks (ascending indices) that lie inside <paramref name="addresses"/>.</summary>
    public int[] BlocksWithin(AddressSet addresses)
    {
        var result = new SortedSet<int>();
        foreach (var r in addresses.Ranges)
        {
            for (var i = IndexAt(r.Family, r.First); i < _rangeStarts.Length && _rangeStarts[i].Family == r.Family && _rangeStarts[i].Last <= r.Last; i++)
            {
                if (_rangeStarts[i].First >= r.First)
                {
                    result.Add(_rangeBlocks[i]);
                }
            }
        }

        // A block belongs only when all of its ranges do (blocks never straddle a policy boundary, so one range decides).
        return [.. result];
    }

    /// <summary>The index of the first indexed range that ends at or after <paramref name="address"/>.</summary>
    private int IndexAt(IpFamily family, UInt128 address)
    {
        int lo = 0, hi = _rangeStarts.Length - 1, found = _rangeStarts.Length;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var m = _rangeStarts[mid];
            if (m.Family < family || (m.Family == family && m.Last < address))
            {
                lo = mid + 1;
            }
            else
            {
                found = mid;
                hi = mid - 1;
            }
        }

        return found;
    }
}
