using System.Collections.Immutable;

namespace PolicyEditor.Engine.Addresses;

/// <summary>
/// A set of IP addresses of both families, held canonically as sorted, disjoint, non-adjacent
/// ranges, with the same algebra as port sets.
/// </summary>
public sealed class AddressSet : IEquatable<AddressSet>
{
    /// <summary>No address.</summary>
    public static readonly AddressSet Empty = new(ImmutableArray<AddressRange>.Empty);

    /// <summary>Every IPv4 and IPv6 address.</summary>
    public static readonly AddressSet All = new([AddressRange.AllV4, AddressRange.AllV6]);

    private AddressSet(ImmutableArray<AddressRange> ranges) => Ranges = ranges;

    /// <summary>The canonical ranges: IPv4 first, each family ascending.</summary>
    public ImmutableArray<AddressRange> Ranges { get; }

    /// <summary>True when the set holds no address.</summary>
    public bool IsEmpty => Ranges.IsEmpty;

    /// <summary>The set of one range.</summary>
    public static AddressSet Of(AddressRange range) => new([range]);

    /// <summary>The set of a CIDR block.</summary>
    public static AddressSet Of(Cidr cidr) => new([cidr.Range]);

    /// <summary>The set holding every range given.</summary>
    public static AddressSet FromRanges(IEnumerable<AddressRange> ranges)
    {
        var sorted = ranges.ToList();
        sorted.Sort();
        var merged = ImmutableArray.CreateBuilder<AddressRange>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.Family == r.Family && (r.First <= last.Last || r.First == last.Last + 1))
                {
                    merged[^1] = new AddressRange(r.Family, last.First, r.Last > last.Last ? r.Last : last.Last);
                    continue;
                }
            }

            merged.Add(r);
        }

        return merged.Count == 0 ? Empty : new AddressSet(merged.ToImmutable());
    }

    /// <summary>Addresses in either set.</summary>
    public AddressSet Union(AddressSet other) => other.IsEmpty ? this : IsEmpty ? other : FromRanges(Ranges.Concat(other.Ranges));

    /// <summary>Addresses in both sets.</summary>
    public AddressSet Intersect(AddressSet other)
    {
        var result = new List<AddressRange>();
        foreach (var a in Ranges)
        {
            foreach (var b in other.Ranges)
            {
                if (a.Family != b.Family)
                {
                    continue;
                }

                var first = a.First > b.First ? a.First : b.First;
                var last = a.Last < b.Last ? a.Last : b.Last;
                if (first <= last)
                {
                    result.Add(new AddressRange(a.Family, first, last));
                }
            }
        }

        return FromRanges(result);
    }

    /// <summary>Addresses in this set and not in <paramref name="other"/>.</summary>
    public AddressSet Subtract(AddressSet other)
    {
        var result = new List<AddressRange>();
        foreach (var a in Ranges)
        {
            var pieces = new List<AddressRange> { a };
            foreach (var b in other.Ranges)
            {
                if (b.Family != a.Family)
                {
                    continue;
                }

                var next = new List<AddressRange>();
                foreach (var p in pieces)
                {
                    if (b.Last < p.First || b.First > p.Last)
                    {
                        next.Add(p);
                        continue;
                    }

                    if (b.First > p.First)
                    {
                        next.Add(new AddressRange(p.Family, p.First, b.First - 1));
                    }

                    if (b.Last < p.Last)
                    {
                        next.Add(new AddressRange(p.Family, b.Last + 1, p.Last));
                    }
                }

                pieces = next;
            }

            result.AddRange(pieces);
        }

        return FromRanges(result);
    }

    /// <summary>Whether the set holds every address of <paramref name="range"/>.</summary>
    public bool Contains(AddressRange range)
    {
        // A loop, not Any(lambda): matrix rows ask this per pod and admin networks peer, and the lambda allocated each time.
        foreach (var r in Ranges)
        {
            if (r.Contains(range))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the set holds any address of <paramref name="range"/>.</summary>
    public bool Overlaps(AddressRange range) =>
        Ranges.Any(r => r.Family == range.Family && r.First <= range.Last && range.First <= r.Last);

    /// <inheritdoc />
    public bool Equals(AddressSet? other) => other is not null && Ranges.AsSpan().SequenceEqual(other.Ranges.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AddressSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var r in Ranges)
        {
            h.Add(r);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Ranges.IsEmpty ? "(none)" : string.Join(",", Ranges);
}
