using System.Collections.Immutable;
using System.Text;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// A set of port numbers held canonically: sorted, disjoint, non-adjacent ranges. Two sets with the
/// same members are equal whatever operations produced them.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>, IRangeSet<PortSet, PortRange>
{
    /// <summary>No ports.</summary>
    public static readonly PortSet Empty = new(ImmutableArray<PortRange>.Empty);

    /// <summary>Every port, 1-65535.</summary>
    public static readonly PortSet All = new([new PortRange(PortRange.MinPort, PortRange.MaxPort)]);

    private readonly int _hash;

    private PortSet(ImmutableArray<PortRange> ranges)
    {
        Ranges = ranges;
        _hash = Intervals.Hash(ranges);
    }

    /// <summary>The canonical ranges, ascending.</summary>
    public ImmutableArray<PortRange> Ranges { get; }

    ImmutableArray<PortRange> IRangeSet<PortSet, PortRange>.RangeList => Ranges;

    int IRangeSet<PortSet, PortRange>.RangeHash => _hash;

    /// <summary>True when the set holds no port.</summary>
    public bool IsEmpty => Ranges.Length == 0;

    /// <summary>True when the set holds every port.</summary>
    public bool IsAll => ReferenceEquals(this, All);

    /// <summary>How many ports the set holds.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var r in Ranges)
            {
                n += r.End - r.Start + 1;
            }

            return n;
        }
    }

    /// <summary>The set of one port.</summary>
    public static PortSet Of(int port) => new([PortRange.Single(port)]);

    /// <summary>The set of one range.</summary>
    public static PortSet Of(PortRange range) => Canonical([range]);

    /// <summary>The set holding every range given, in any order, overlapping or not.</summary>
    public static PortSet FromRanges(IEnumerable<PortRange> ranges) => Canonical(Intervals.Normalize(ranges));

    /// <summary>
    /// The set holding every range of <paramref name="ranges"/>, which it sorts and may keep as its own storage
    /// (the caller gives it up): one array for a port list instead of a list, a builder and a copy.
    /// </summary>
    internal static PortSet FromOwned(PortRange[] ranges)
    {
        if (ranges.Length == 0)
        {
            return Empty;
        }

        Array.Sort(ranges, static (x, y) => x.Start.CompareTo(y.Start));
        var count = 1;
        for (var i = 1; i < ranges.Length; i++)
        {
            if (ranges[i].Start <= ranges[count - 1].End + 1)
            {
                ranges[count - 1] = new PortRange(ranges[count - 1].Start, Math.Max(ranges[count - 1].End, ranges[i].End));
            }
            else
            {
                ranges[count++] = ranges[i];
            }
        }

        return Canonical(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(count == ranges.Length ? ranges : ranges[..count]));
    }

    /// <summary>Whether the set holds <paramref name="port"/>.</summary>
    public bool Contains(int port) => Intervals.Contains(Ranges, port);

    /// <summary>Ports in either set.</summary>
    public PortSet Union(PortSet other) => RangeSet.Union<PortSet, PortRange>(this, other);

    /// <summary>Ports in both sets.</summary>
    public PortSet Intersect(PortSet other) => RangeSet.Intersect<PortSet, PortRange>(this, other);

    /// <summary>Ports in this set and not in <paramref name="other"/>.</summary>
    public PortSet Subtract(PortSet other) => RangeSet.Subtract<PortSet, PortRange>(this, other);

    /// <summary>Ports not in this set.</summary>
    public PortSet Complement() => All.Subtract(this);

    /// <summary>Whether every port of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(PortSet other) => Subtract(other).IsEmpty;

    /// <inheritdoc />
    public bool Equals(PortSet? other) => RangeSet.Equal<PortSet, PortRange>(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PortSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Ranges comma-separated: <c>80,443,8000-8080</c>; empty text for the empty set.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var r in Ranges)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(r.ToString());
        }

        return sb.ToString();
    }

    static PortSet IRangeSet<PortSet, PortRange>.Canonical(ImmutableArray<PortRange> ranges) => Canonical(ranges);

    private static PortSet Canonical(ImmutableArray<PortRange> ranges)
    {
        if (ranges.IsEmpty)
        {
            return Empty;
        }

        if (ranges.Length == 1 && ranges[0].Start == PortRange.MinPort && ranges[0].End == PortRange.MaxPort)
        {
            return All;
        }

        return new PortSet(ranges);
    }
}
