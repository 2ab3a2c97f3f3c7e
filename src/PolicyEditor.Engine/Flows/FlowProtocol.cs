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

    /// <summary>Whether the protocol has ports (a flow of another protocol is keyed by ICMP type and code, or 0).</summary>
    public bool HasPorts => Protocol.HasPorts;

    /// <summary>The protocol named in reports: <c>TCP</c>, <c>ICMP</c>, or its number.</summary>
    public string Name => Protocol.Name ?? Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The protocol of a policy port.</summary>
    public static FlowProtocol Of(Protocol protocol) => new(protocol.Number);

    /// <summary>Parses a protocol as <see cref="Protocol.TryParse"/> does, and Hubble's <c>ICMPv4</c>.</summary>
    public static bool TryParse(string? text, out FlowProtocol protocol)
    {
        var parsed = Protocol.TryParse(string.Equals(text?.Trim(), "ICMPv4", StringComparison.OrdinalIgnoreCase) ? "ICMP" : text, out var p);
        protocol = parsed ? Of(p) : default;
        return parsed;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
