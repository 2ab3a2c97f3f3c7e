namespace PolicyEditor.Engine.Connections;

/// <summary>An inclusive range of port numbers, 1..65535.</summary>
public readonly record struct PortRange : IInterval<PortRange>
{
    /// <summary>The lowest port number.</summary>
    public const int MinPort = 1;

    /// <summary>The highest port number.</summary>
    public const int MaxPort = 65535;

    /// <summary>Creates the range <paramref name="start"/>..<paramref name="end"/>; both must lie in 1..65535 and start &lt;= end.</summary>
    public PortRange(int start, int end)
    {
        if (start < MinPort || end > MaxPort || start > end)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Port range {start}-{end} is not within {MinPort}-{MaxPort}.");
        }

        Start = start;
        End = end;
    }

    /// <summary>First port of the range.</summary>
    public int Start { get; }

    /// <summary>Last port of the range (inclusive).</summary>
    public int End { get; }

    /// <summary>True when the range holds exactly one port.</summary>
    public bool IsSingle => Start == End;

    /// <summary>The range of one port.</summary>
    public static PortRange Single(int port) => new(port, port);

    /// <summary>Whether a number is a valid port.</summary>
    public static bool IsValidPort(long port) => port is >= MinPort and <= MaxPort;

    /// <inheritdoc />
    static PortRange IInterval<PortRange>.Create(int start, int end) => new(start, end);

    /// <inheritdoc />
    public override string ToString() => IsSingle ? Start.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Start}-{End}";
}
