using System.Collections.Immutable;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// A canonical set of ranges (<see cref="PortSet"/>, <see cref="IcmpSet"/>): what <see cref="RangeSet"/>
/// needs to run the set algebra once for both, with the short cuts that keep shared instances.
/// </summary>
internal interface IRangeSet<TSet, TRange>
    where TSet : class, IRangeSet<TSet, TRange>
    where TRange : struct, IInterval<TRange>
{
    /// <summary>The canonical ranges, ascending.</summary>
    ImmutableArray<TRange> RangeList { get; }

    /// <summary>The hash of the ranges, computed once.</summary>
    int RangeHash { get; }

    /// <summary>True when the set holds every value of its domain.</summary>
    bool IsAll { get; }

    /// <summary>The set of canonical ranges (the shared empty or full set when it is one of them).</summary>
    static abstract TSet Canonical(ImmutableArray<TRange> ranges);
}

/// <summary>Union, intersection, subtraction and equality of <see cref="IRangeSet{TSet, TRange}"/>s, over <see cref="Intervals"/>.</summary>
internal static class RangeSet
{
    public static TSet Union<TSet, TRange>(TSet a, TSet b)
        where TSet : class, IRangeSet<TSet, TRange>
        where TRange : struct, IInterval<TRange>
    {
        if (b.RangeList.IsEmpty || a.IsAll || ReferenceEquals(a, b))
        {
            return a;
        }

        if (a.RangeList.IsEmpty || b.IsAll)
        {
            return b;
        }

        var result = Intervals.Union(a.RangeList, b.RangeList);
        return result == a.RangeList ? a : result == b.RangeList ? b : TSet.Canonical(result);
    }

    public static TSet Intersect<TSet, TRange>(TSet a, TSet b)
        where TSet : class, IRangeSet<TSet, TRange>
        where TRange : struct, IInterval<TRange>
    {
        if (a.RangeList.IsEmpty || b.IsAll || ReferenceEquals(a, b))
        {
            return a;
        }

        if (b.RangeList.IsEmpty || a.IsAll)
        {
            return b;
        }

        return TSet.Canonical(Intervals.Intersect(a.RangeList, b.RangeList));
    }

    public static TSet Subtract<TSet, TRange>(TSet a, TSet b)
        where TSet : class, IRangeSet<TSet, TRange>
        where TRange : struct, IInterval<TRange>
    {
        if (a.RangeList.IsEmpty || b.RangeList.IsEmpty)
        {
            return a;
        }

        if (b.IsAll || ReferenceEquals(a, b))
        {
            return TSet.Canonical([]);
        }

        return TSet.Canonical(Intervals.Subtract(a.RangeList, b.RangeList));
    }

    public static bool Equal<TSet, TRange>(TSet a, TSet? b)
        where TSet : class, IRangeSet<TSet, TRange>
        where TRange : struct, IInterval<TRange> =>
        ReferenceEquals(a, b) || (b is not null && a.RangeHash == b.RangeHash && Intervals.SequenceEqual(a.RangeList, b.RangeList));
}
