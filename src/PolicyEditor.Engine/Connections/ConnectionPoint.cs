using System.Globalization;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// One connection of the connection space, the question "is this allowed?" asks about: a port of TCP, UDP,
/// SCTP or UDPLite, a type and code of ICMP or ICMPv6, or a protocol taken whole.
/// </summary>
/// <param name="Protocol">The IP protocol.</param>
/// <param name="Value">
/// The port (1-65535) for a protocol with ports, <see cref="IcmpSet.Key"/> (type * 256 + code) for ICMP and
/// ICMPv6, 0 for any other protocol: what <see cref="ConnectionSet.Contains(Protocol, int)"/> takes.
/// </param>
public readonly record struct ConnectionPoint(Protocol Protocol, int Value)
{
    /// <summary>A port of a protocol with ports.</summary>
    public static ConnectionPoint Port(Protocol protocol, int port) => new(protocol, port);

    /// <summary>An ICMP or ICMPv6 message.</summary>
    public static ConnectionPoint Icmp(Protocol protocol, int type, int code) => new(protocol, IcmpSet.Key(type, code));

    /// <summary>A protocol without ports or types.</summary>
    public static ConnectionPoint Whole(Protocol protocol) => new(protocol, 0);

    /// <summary>Whether <paramref name="value"/> is a connection of <paramref name="protocol"/> (see <see cref="Value"/>).</summary>
    public static bool IsValid(Protocol protocol, int value) =>
        protocol.HasPorts ? PortRange.IsValidPort(value) : protocol.HasTypes ? value is >= 0 and <= 0xFFFF : value == 0;

    /// <summary>The ICMP type (for ICMP and ICMPv6).</summary>
    public int IcmpType => Value >> 8;

    /// <summary>The ICMP code (for ICMP and ICMPv6).</summary>
    public int IcmpCode => Value & 0xFF;

    /// <summary>The report form: <c>TCP 80</c>, <c>ICMP 8/0</c>, <c>proto 47</c>.</summary>
    public override string ToString() =>
        Protocol.HasPorts ? $"{Protocol} {Value.ToString(CultureInfo.InvariantCulture)}"
        : Protocol.HasTypes ? $"{Protocol} {IcmpType.ToString(CultureInfo.InvariantCulture)}/{IcmpCode.ToString(CultureInfo.InvariantCulture)}"
        : Protocol.ToString();

    /// <summary>
    /// Reads a connection from a protocol (a name in any case, a number, <c>proto N</c>) and what follows it:
    /// a port for TCP, UDP, SCTP and UDPLite; <c>TYPE/CODE</c> for ICMP and ICMPv6 (a type alone means code 0);
    /// nothing for other protocols. Returns false with a reason a user can act on.
    /// </summary>
    public static bool TryParse(string protocolText, string? valueText, out ConnectionPoint point, out string? error)
    {
        point = default;
        error = null;
        if (!Protocol.TryParse(protocolText, out var protocol))
        {
            error = $"'{protocolText}' is not a protocol: write a name (TCP, UDP, SCTP, UDPLite, ICMP, ICMPv6) or a number 0-255.";
            return false;
        }

        var value = valueText?.Trim() ?? string.Empty;
        if (protocol.HasPorts)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || !PortRange.IsValidPort(port))
            {
                error = $"{protocol} needs a port between 1 and 65535{(value.Length == 0 ? string.Empty : $", not '{value}'")}.";
                return false;
            }

            point = Port(protocol, port);
            return true;
        }

        if (protocol.HasTypes)
        {
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            var typeText = slash < 0 ? value : value[..slash];
            var codeText = slash < 0 ? "0" : value[(slash + 1)..];
            if (!int.TryParse(typeText, NumberStyles.None, CultureInfo.InvariantCulture, out var type) || type > IcmpSet.MaxValue
                || !int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code > IcmpSet.MaxValue)
            {
                error = $"{protocol} needs a type and code, 0-255 each, as TYPE/CODE (8/0 is an echo request){(value.Length == 0 ? string.Empty : $", not '{value}'")}.";
                return false;
            }

            point = Icmp(protocol, type, code);
            return true;
        }

        if (value.Length > 0)
        {
            error = $"{protocol} has no ports or types; ask about it without '{value}'.";
            return false;
        }

        point = Whole(protocol);
        return true;
    }
}
