using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Remembers unions, intersections and differences of connection sets (compared by value, whose hash each set holds).
/// Building a matrix unions the same few rule port sets into thousands of rows, and admin tiers' rows
/// intersect them with the same few walks; the memo turns those repeats into lookups and makes equal
/// results the same object.
/// </summary>
internal sealed class UnionCache
{
    private readonly Dictionary<(ConnectionSet, ConnectionSet), ConnectionSet> _cache = [];
    private readonly Dictionary<(ConnectionSet, ConnectionSet), ConnectionSet> _intersections = [];
    private readonly Dictionary<(ConnectionSet, ConnectionSet), ConnectionSet> _differences = [];

    public ConnectionSet Union(ConnectionSet a, ConnectionSet b)
    {
        if (ReferenceEquals(a, b) || b.IsEmpty || a.IsAll)
        {
            return a;
        }

        if (a.IsEmpty || b.IsAll)
        {
            return b;
        }

        if (!_cache.TryGetValue((a, b), out var result))
        {
            result = a.Union(b);
            _cache[(a, b)] = result;
        }

        return result;
    }

    public ConnectionSet Intersect(ConnectionSet a, ConnectionSet b)
    {
        if (ReferenceEquals(a, b) || a.IsEmpty || b.IsAll)
        {
            return a;
        }

        if (b.IsEmpty || a.IsAll)
        {
            return b;
        }

        if (!_intersections.TryGetValue((a, b), out var result))
        {
            result = a.Intersect(b);
            _intersections[(a, b)] = result;
        }

        return result;
    }

    public ConnectionSet Subtract(ConnectionSet a, ConnectionSet b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return a;
        }

        if (b.IsAll || ReferenceEquals(a, b))
        {
            return ConnectionSet.None;
        }

        if (!_differences.TryGetValue((a, b), out var result))
        {
            result = a.Subtract(b);
            _differences[(a, b)] = result;
        }

        return result;
    }
}
