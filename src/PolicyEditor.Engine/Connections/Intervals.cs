using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// The one interval algebra under port sets and ICMP type/code sets: lists of ranges held canonically
/// (sorted, disjoint, non-adjacent). Each operation returns one of its inputs when the result equals it,
/// so callers can keep their shared instances.
/// </summary>
internal static class Intervals
{
    /// <summary>The canonical list holding every range given, in any order, overlapping or not.</summary>
    public static ImmutableArray<T> Normalize<T>(IEnumerable<T> ranges)
        where T : struct, IInterval<T>
    {
        var sorted = ranges.ToList();
        if (sorted.Count == 0)
        {
            return [];
        }

        sorted.Sort((x, y) => x.Start.CompareTo(y.Start));
        var merged = ImmutableArray.CreateBuilder<T>(sorted.Count);
        var current = sorted[0];
        for (var i = 1; i < sorted.Count; i++)
        {
            var next = sorted[i];
            if (next.Start <= current.End + 1)
            {
                current = T.Create(current.Start, Math.Max(current.End, next.End));
            }
            else
            {
                merged.Add(current);
                current = next;
            }
        }

        merged.Add(current);
        return merged.ToImmutable();
    }

    /// <summary>Whether <paramref name="value"/> lies in one of the ranges.</summary>
    public static bool Contains<T>(ImmutableArray<T> ranges, int value)
        where T : struct, IInterval<T>
    {
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var r = ranges[mid];
            if (value < r.Start)
            {
                hi = mid - 1;
            }
            else if (value > r.End)
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

    /// <summary>Values in either list (both non-empty); <paramref name="a"/> or <paramref name="b"/> itself when the union equals it.</summary>
    public static ImmutableArray<T> Union<T>(ImmutableArray<T> a, ImmutableArray<T> b)
        where T : struct, IInterval<T>
    {
        // Merge two sorted range lists in one pass.
        var merged = new T[a.Length + b.Length];
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
                    current = T.Create(current.Start, next.End);
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
            return a;
        }

        if (count == b.Length && result.SequenceEqual(b.AsSpan()))
        {
            return b;
        }

        return Wrap(merged, count);
    }

    /// <summary>Values in both lists.</summary>
    public static ImmutableArray<T> Intersect<T>(ImmutableArray<T> a, ImmutableArray<T> b)
        where T : struct, IInterval<T>
    {
        var result = new T[a.Length + b.Length];
        var count = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            var start = Math.Max(x.Start, y.Start);
            var end = Math.Min(x.End, y.End);
            if (start <= end)
            {
                result[count++] = T.Create(start, end);
            }

            if (x.End < y.End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return Wrap(result, count);
    }

    /// <summary>Values in <paramref name="a"/> and not in <paramref name="b"/>.</summary>
    public static ImmutableArray<T> Subtract<T>(ImmutableArray<T> a, ImmutableArray<T> b)
        where T : struct, IInterval<T>
    {
        var result = ImmutableArray.CreateBuilder<T>();
        var j = 0;
        foreach (var x in a)
        {
            var start = x.Start;
            while (j < b.Length && b[j].End < start)
            {
                j++;
            }

            var k = j;
            while (k < b.Length && b[k].Start <= x.End)
            {
                var y = b[k];
                if (y.Start > start)
                {
                    result.Add(T.Create(start, y.Start - 1));
                }

                start = Math.Max(start, y.End + 1);
                if (start > x.End)
                {
                    break;
                }

                k++;
            }

            if (start <= x.End)
            {
                result.Add(T.Create(start, x.End));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Whether two canonical lists hold the same ranges.</summary>
    public static bool SequenceEqual<T>(ImmutableArray<T> a, ImmutableArray<T> b)
        where T : struct, IInterval<T> => a.AsSpan().SequenceEqual(b.AsSpan());

    /// <summary>A hash of the ranges, equal for equal lists.</summary>
    public static int Hash<T>(ImmutableArray<T> ranges)
        where T : struct, IInterval<T>
    {
        var h = new HashCode();
        foreach (var r in ranges)
        {
            h.Add(r.Start);
            h.Add(r.End);
        }

        return h.ToHashCode();
    }

    /// <summary>The first <paramref name="count"/> ranges of a fresh array, without copying when it is full.</summary>
    private static ImmutableArray<T> Wrap<T>(T[] ranges, int count)
    {
        if (count != ranges.Length)
        {
            Array.Resize(ref ranges, count);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(ranges);
    }
}
