using System.Globalization;
using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// The IP protocol of an observed flow, by its IANA number (6 TCP, 17 UDP, 132 SCTP, 1 ICMP, 58 ICMPv6, ...),
/// spelled as flow records spell it; the engine's <see cref="Connections.Protocol"/> of the same number answers for it.
/// </summary>
public readonly record struct FlowProtocol(byte Number)
{
    /// <summary>ICMP (1).</summary>
    public static readonly FlowProtocol Icmp = new(1);

    /// <summary>TCP (6).</summary>
    public static readonly FlowProtocol Tcp = new(6);

    /// <summary>UDP (17).</summary>
    public static readonly FlowProtocol Udp = new(17);

    /// <summary>ICMPv6 (58).</summary>
    public static readonly FlowProtocol IcmpV6 = new(58);

    /// <summary>SCTP (132).</summary>
    public static readonly FlowProtocol Sctp = new(132);

    /// <summary>The engine's protocol of the same number, which connection sets are asked about.</summary>
    public Protocol Protocol => new(Number);

    /// <summary>Whether the protocol has ports (a flow of another protocol is keyed by port 0).</summary>
    public bool HasPorts => Number is 6 or 17 or 132 or 136;

    /// <summary>The protocol named in reports: <c>TCP</c>, <c>ICMP</c>, or its number.</summary>
    public string Name => Number switch
    {
        1 => "ICMP",
        6 => "TCP",
        17 => "UDP",
        58 => "ICMPv6",
        132 => "SCTP",
        136 => "UDPLite",
        _ => Number.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The protocol of a policy port.</summary>
    public static FlowProtocol Of(Protocol protocol) => new(protocol.Number);

    /// <summary>Parses a protocol name in any case (<c>TCP</c>, <c>icmpv4</c>, <c>ICMPv6</c>, <c>UDPLite</c>) or a number 0-255.</summary>
    public static bool TryParse(string? text, out FlowProtocol protocol)
    {
        protocol = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (byte.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            protocol = new FlowProtocol(number);
            return true;
        }

        switch (t.ToUpperInvariant())
        {
            case "TCP": protocol = Tcp; return true;
            case "UDP": protocol = Udp; return true;
            case "SCTP": protocol = Sctp; return true;
            case "ICMP" or "ICMPV4": protocol = Icmp; return true;
            case "ICMPV6" or "IPV6-ICMP": protocol = IcmpV6; return true;
            case "UDPLITE": protocol = new FlowProtocol(136); return true;
            default: return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
