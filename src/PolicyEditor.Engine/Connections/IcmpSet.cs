using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// A set of ICMP (or ICMPv6) messages by type (0-255) and code (0-255), held canonically; a type alone
/// stands for every code of that type. Two sets with the same members are equal whatever operations
/// produced them.
/// </summary>
public sealed class IcmpSet : IEquatable<IcmpSet>, IRangeSet<IcmpSet, IcmpRange>
{
    /// <summary>No ICMP message.</summary>
    public static readonly IcmpSet Empty = new(ImmutableArray<IcmpRange>.Empty);

    /// <summary>Every type and code.</summary>
    public static readonly IcmpSet All = new([new IcmpRange(IcmpRange.MinKey, IcmpRange.MaxKey)]);

    /// <summary>The highest type and the highest code.</summary>
    public const int MaxValue = 255;

    private readonly ImmutableArray<IcmpRange> _ranges;
    private readonly int _hash;

    private IcmpSet(ImmutableArray<IcmpRange> ranges)
    {
        _ranges = ranges;
        _hash = Intervals.Hash(ranges);
    }

    ImmutableArray<IcmpRange> IRangeSet<IcmpSet, IcmpRange>.RangeList => _ranges;

    int IRangeSet<IcmpSet, IcmpRange>.RangeHash => _hash;

    /// <summary>True when the set holds no message.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>True when the set holds every type and code.</summary>
    public bool IsAll => ReferenceEquals(this, All);

    /// <summary>Type <paramref name="type"/> with every code.</summary>
    public static IcmpSet OfType(int type) => Of(type, null);

    /// <summary>Type <paramref name="type"/> with code <paramref name="code"/>, or every code when it is null.</summary>
    public static IcmpSet Of(int type, int? code)
    {
        Check(type, nameof(type));
        if (code is { } c)
        {
            Check(c, nameof(code));
            return new([new IcmpRange(Key(type, c), Key(type, c))]);
        }

        return new([new IcmpRange(Key(type, 0), Key(type, MaxValue))]);
    }

    /// <summary>Types <paramref name="firstType"/> to <paramref name="lastType"/>, every code of each.</summary>
    public static IcmpSet OfTypes(int firstType, int lastType)
    {
        Check(firstType, nameof(firstType));
        Check(lastType, nameof(lastType));
        return firstType > lastType ? Empty : Canonical([new IcmpRange(Key(firstType, 0), Key(lastType, MaxValue))]);
    }

    /// <summary>
    /// The number of one message in the type/code space, <c>type * 256 + code</c>: what
    /// <see cref="ConnectionSet.Contains(Protocol, int)"/> takes for ICMP and ICMPv6.
    /// </summary>
    public static int Key(int type, int code) => (type << 8) | code;

    /// <summary>Whether the set holds type <paramref name="type"/>, code <paramref name="code"/>.</summary>
    public bool Contains(int type, int code) => Contains(Key(type, code));

    /// <summary>Whether the set holds the message numbered <paramref name="key"/> (see <see cref="Key"/>).</summary>
    public bool Contains(int key) => Intervals.Contains(_ranges, key);

    /// <summary>The first message of the set as (type, code), null when it is empty.</summary>
    public (int Type, int Code)? First => IsEmpty ? null : (_ranges[0].Start >> 8, _ranges[0].Start & 0xFF);

    /// <summary>The first message number (see <see cref="Key"/>) of each range, ascending.</summary>
    internal IEnumerable<int> RangeStarts => _ranges.Select(r => r.Start);

    /// <summary>Messages in either set.</summary>
    public IcmpSet Union(IcmpSet other) => RangeSet.Union<IcmpSet, IcmpRange>(this, other);

    /// <summary>Messages in both sets.</summary>
    public IcmpSet Intersect(IcmpSet other) => RangeSet.Intersect<IcmpSet, IcmpRange>(this, other);

    /// <summary>Messages in this set and not in <paramref name="other"/>.</summary>
    public IcmpSet Subtract(IcmpSet other) => RangeSet.Subtract<IcmpSet, IcmpRange>(this, other);

    /// <inheritdoc />
    public bool Equals(IcmpSet? other) => RangeSet.Equal<IcmpSet, IcmpRange>(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IcmpSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>
    /// The report form, comma-separated, ascending: a type with every code as <c>8</c>, single messages as
    /// <c>3/1</c>: <c>0,3/1,3/3,8</c>; empty text for the empty set.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var r in _ranges)
        {
            var key = r.Start;
            while (key <= r.End)
            {
                var type = key >> 8;
                var typeEnd = Key(type, MaxValue);
                if (sb.Length > 0)
                {
                    sb.Append(',');
                }

                if ((key & 0xFF) == 0 && r.End >= typeEnd)
                {
                    sb.Append(type.ToString(CultureInfo.InvariantCulture));
                    key = typeEnd + 1;
                    continue;
                }

                sb.Append(type.ToString(CultureInfo.InvariantCulture)).Append('/').Append((key & 0xFF).ToString(CultureInfo.InvariantCulture));
                key++;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Parses one item of the report form: <c>8</c> (every code), <c>8/0</c>, and also type ranges
    /// <c>0-7</c> and code ranges <c>3/0-5</c>. Returns false with a reason when the text is not of that form.
    /// </summary>
    public static bool TryParseItem(string text, out IcmpSet result, out string? error)
    {
        result = Empty;
        error = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!TryRange(slash < 0 ? text : text[..slash], out var firstType, out var lastType))
        {
            error = $"'{text}' is not an ICMP type (0-255), a type and code ('8/0'), or a range of them.";
            return false;
        }

        if (slash < 0)
        {
            result = OfTypes(firstType, lastType);
            return true;
        }

        if (!TryRange(text[(slash + 1)..], out var firstCode, out var lastCode))
        {
            error = $"'{text}' does not end in an ICMP code (0-255) or a range of codes.";
            return false;
        }

        var ranges = new List<IcmpRange>();
        for (var type = firstType; type <= lastType; type++)
        {
            ranges.Add(new IcmpRange(Key(type, firstCode), Key(type, lastCode)));
        }

        result = FromRanges(ranges);
        return true;
    }

    internal static IcmpSet FromRanges(IEnumerable<IcmpRange> ranges) => Canonical(Intervals.Normalize(ranges));

    private static bool TryRange(string text, out int first, out int last)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var firstText = (dash < 0 ? text : text[..dash]).Trim();
        var lastText = (dash < 0 ? text : text[(dash + 1)..]).Trim();
        return int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out first)
            & int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && first <= last && last <= MaxValue;
    }

    private static void Check(int value, string name)
    {
        if (value is < 0 or > MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, $"ICMP {name} {value} is not within 0-{MaxValue}.");
        }
    }

    static IcmpSet IRangeSet<IcmpSet, IcmpRange>.Canonical(ImmutableArray<IcmpRange> ranges) => Canonical(ranges);

    private static IcmpSet Canonical(ImmutableArray<IcmpRange> ranges)
    {
        if (ranges.IsEmpty)
        {
            return Empty;
        }

        if (ranges.Length == 1 && ranges[0].Start == IcmpRange.MinKey && ranges[0].End == IcmpRange.MaxKey)
        {
            return All;
        }

        return new IcmpSet(ranges);
    }
}
