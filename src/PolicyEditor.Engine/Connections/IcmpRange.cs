namespace PolicyEditor.Engine.Connections;

/// <summary>
/// An inclusive range of ICMP (or ICMPv6) type/code pairs, each pair numbered type * 256 + code, so that
/// one type with every code is one range.
/// </summary>
internal readonly record struct IcmpRange : IInterval<IcmpRange>
{
    /// <summary>The number of type 0, code 0.</summary>
    public const int MinKey = 0;

    /// <summary>The number of type 255, code 255.</summary>
    public const int MaxKey = 65535;

    /// <summary>Creates the range <paramref name="start"/>..<paramref name="end"/> of type/code numbers.</summary>
    public IcmpRange(int start, int end)
    {
        if (start < MinKey || end > MaxKey || start > end)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"ICMP type/code range {start}-{end} is not within {MinKey}-{MaxKey}.");
        }

        Start = start;
        End = end;
    }

    /// <summary>First type/code number of the range.</summary>
    public int Start { get; }

    /// <summary>Last type/code number of the range (inclusive).</summary>
    public int End { get; }

    /// <inheritdoc />
    static IcmpRange IInterval<IcmpRange>.Create(int start, int end) => new(start, end);
}
