using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// A set of port numbers held canonically: sorted, disjoint, non-adjacent ranges. Two sets with the
/// same members are equal whatever operations produced them.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    /// <summary>No ports.</summary>
    public static readonly PortSet Empty = new(ImmutableArray<PortRange>.Empty);

    /// <summary>Every port, 1-65535.</summary>
    public static readonly PortSet All = new([new PortRange(PortRange.MinPort, PortRange.MaxPort)]);

    private readonly int _hash;

    private PortSet(ImmutableArray<PortRange> ranges)
    {
        Ranges = ranges;
        var h = new HashCode();
        foreach (var r in ranges)
        {
            h.Add(r.Start);
            h.Add(r.End);
        }

        _hash = h.ToHashCode();
    }

    /// <summary>The canonical ranges, ascending.</summary>
    public ImmutableArray<PortRange> Ranges { get; }

    /// <summary>True when the set holds no port.</summary>
    public bool IsEmpty => Ranges.Length == 0;

    /// <summary>True when the set holds every port.</summary>
    public bool IsAll => Ranges.Length == 1 && Ranges[0].Start == PortRange.MinPort && Ranges[0].End == PortRange.MaxPort;

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
    public static PortSet Of(PortRange range) => range is { Start: PortRange.MinPort, End: PortRange.MaxPort } ? All : new([range]);

    /// <summary>The set holding every range given, in any order, overlapping or not.</summary>
    public static PortSet FromRanges(IEnumerable<PortRange> ranges)
    {
        var sorted = ranges.ToList();
        sorted.Sort((x, y) => x.Start.CompareTo(y.Start));
        if (sorted.Count == 0)
        {
            return Empty;
        }

        var merged = ImmutableArray.CreateBuilder<PortRange>(sorted.Count);
        var current = sorted[0];
        for (var i = 1; i < sorted.Count; i++)
        {
            var next = sorted[i];
            if (next.Start <= current.End + 1)
            {
                current = new PortRange(current.Start, Math.Max(current.End, next.End));
            }
            else
            {
                merged.Add(current);
                current = next;
            }
        }

        merged.Add(current);
        return Canonical(merged.ToImmutable());
    }

    /// <summary>Whether the set holds <paramref name="port"/>.</summary>
    public bool Contains(int port)
    {
        int lo = 0, hi = Ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var r = Ranges[mid];
            if (port < r.Start)
            {
                hi = mid - 1;
            }
            else if (port > r.End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ports in either set.</summary>
    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty || IsAll || ReferenceEquals(this, other))
        {
            return this;
        }

        if (IsEmpty || other.IsAll)
        {
            return other;
        }

        // Merge two sorted range lists in one pass.
        var a = Ranges;
        var b = other.Ranges;
        var merged = new PortRange[a.Length + b.Length];
        var count = 0;
        int i = 0, j = 0;
        var current = a[0].Start <= b[0].Start ? a[i++] : b[j++];
        while (i < a.Length || j < b.Length)
        {
            var next = j >= b.Length || (i < a.Length && a[i].Start <= b[j].Start) ? a[i++] : b[j++];
            if (next.Start <= current.End + 1)
            {
                if (next.End > current.End)
                {
                    current = new PortRange(current.Start, next.End);
                }
            }
            else
            {
                merged[count++] = current;
                current = next;
            }
        }

        merged[count++] = current;
        var result = merged.AsSpan(0, count);
        if (count == a.Length && result.SequenceEqual(a.AsSpan()))
        {
            return this;
        }

        if (count == b.Length && result.SequenceEqual(b.AsSpan()))
        {
            return other;
        }

        return Canonical(Wrap(merged, count));
    }

    /// <summary>Ports in both sets.</summary>
    public PortSet Intersect(PortSet other)
    {
        if (IsEmpty || other.IsAll || ReferenceEquals(this, other))
        {
            return this;
        }

        if (other.IsEmpty || IsAll)
        {
            return other;
        }

        var result = new PortRange[Ranges.Length + other.Ranges.Length];
        var count = 0;
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var a = Ranges[i];
            var b = other.Ranges[j];
            var start = Math.Max(a.Start, b.Start);
            var end = Math.Min(a.End, b.End);
            if (start <= end)
            {
                result[count++] = new PortRange(start, end);
            }

            if (a.End < b.End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return Canonical(Wrap(result, count));
    }

    /// <summary>Ports in this set and not in <paramref name="other"/>.</summary>
    public PortSet Subtract(PortSet other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return this;
        }

        if (other.IsAll || ReferenceEquals(this, other))
        {
            return Empty;
        }

        var result = ImmutableArray.CreateBuilder<PortRange>();
        var j = 0;
        foreach (var a in Ranges)
        {
            var start = a.Start;
            while (j < other.Ranges.Length && other.Ranges[j].End < start)
            {
                j++;
            }

            var k = j;
            while (k < other.Ranges.Length && other.Ranges[k].Start <= a.End)
            {
                var b = other.Ranges[k];
                if (b.Start > start)
                {
                    result.Add(new PortRange(start, b.Start - 1));
                }

                start = Math.Max(start, b.End + 1);
                if (start > a.End)
                {
                    break;
                }

                k++;
            }

            if (start <= a.End)
            {
                result.Add(new PortRange(start, a.End));
            }
        }

        return Canonical(result.ToImmutable());
    }

    /// <summary>Ports not in this set.</summary>
    public PortSet Complement() => All.Subtract(this);

    /// <summary>Whether every port of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(PortSet other) => Subtract(other).IsEmpty;

    /// <inheritdoc />
    public bool Equals(PortSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null && _hash == other._hash && Ranges.AsSpan().SequenceEqual(other.Ranges.AsSpan());
    }

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

    /// <summary>The first <paramref name="count"/> ranges of a fresh array, without copying when it is full.</summary>
    private static ImmutableArray<PortRange> Wrap(PortRange[] ranges, int count)
    {
        if (count != ranges.Length)
        {
            Array.Resize(ref ranges, count);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(ranges);
    }

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
