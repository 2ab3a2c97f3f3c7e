using System.Globalization;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// An IP protocol, by its number (0-255, IANA's "Assigned Internet Protocol Numbers"). TCP, UDP, SCTP and
/// UDPLite carry ports, ICMP and ICMPv6 carry types and codes, every other protocol is taken whole.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ProtocolJsonConverter))]
public readonly record struct Protocol : IComparable<Protocol>
{
    /// <summary>ICMP, protocol 1: types and codes.</summary>
    public static readonly Protocol ICMP = new(1);

    /// <summary>TCP, protocol 6: ports.</summary>
    public static readonly Protocol TCP = new(6);

    /// <summary>UDP, protocol 17: ports.</summary>
    public static readonly Protocol UDP = new(17);

    /// <summary>ICMPv6, protocol 58: types and codes.</summary>
    public static readonly Protocol ICMPv6 = new(58);

    /// <summary>SCTP, protocol 132: ports.</summary>
    public static readonly Protocol SCTP = new(132);

    /// <summary>UDPLite, protocol 136: ports.</summary>
    public static readonly Protocol UDPLite = new(136);

    /// <summary>The protocol with IANA number <paramref name="number"/>.</summary>
    public Protocol(int number)
    {
        if (number is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"Protocol number {number} is not within 0-255.");
        }

        Number = (byte)number;
    }

    /// <summary>The IANA protocol number.</summary>
    public byte Number { get; }

    /// <summary>True for the protocols whose connections are told apart by destination port (TCP, UDP, SCTP, UDPLite).</summary>
    public bool HasPorts => Number is 6 or 17 or 132 or 136;

    /// <summary>True for the protocols whose connections are told apart by type and code (ICMP, ICMPv6).</summary>
    public bool HasTypes => Number is 1 or 58;

    /// <summary>True for the three protocols a Kubernetes NetworkPolicy, Service or container port can name.</summary>
    public bool IsKubernetes => Number is 6 or 17 or 132;

    /// <summary>The name reports use (<c>TCP</c>, <c>ICMPv6</c>), null for a protocol known by number only.</summary>
    public string? Name => Number switch
    {
        1 => "ICMP",
        6 => "TCP",
        17 => "UDP",
        58 => "ICMPv6",
        132 => "SCTP",
        136 => "UDPLite",
        _ => null,
    };

    /// <summary>The report form: the name, or <c>proto N</c> for a protocol known by number only.</summary>
    public override string ToString() => Name ?? "proto " + Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Orders protocols as reports list them: ICMP, ICMPv6, SCTP, TCP, UDP, UDPLite, then the others by number.</summary>
    public int CompareTo(Protocol other) => ReportRank.CompareTo(other.ReportRank);

    /// <summary>Position in report order: the named protocols first, then the others by number.</summary>
    internal int ReportRank => Number switch
    {
        1 => 0,
        58 => 1,
        132 => 2,
        6 => 3,
        17 => 4,
        136 => 5,
        _ => 6 + Number,
    };

    /// <summary>
    /// Parses a protocol: a name in any case (<c>TCP</c>, <c>icmpv6</c>, <c>UDPLite</c>; <c>ICMP6</c> and
    /// <c>IPv6-ICMP</c> for ICMPv6), a number 0-255, or <c>proto N</c>.
    /// </summary>
    public static bool TryParse(string? text, out Protocol protocol)
    {
        protocol = TCP;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (trimmed.StartsWith("proto ", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[6..].TrimStart();
        }

        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number > 255)
            {
                return false;
            }

            protocol = new Protocol(number);
            return true;
        }

        switch (trimmed.ToUpperInvariant())
        {
            case "ICMP": protocol = ICMP; return true;
            case "TCP": protocol = TCP; return true;
            case "UDP": protocol = UDP; return true;
            case "ICMPV6" or "ICMP6" or "IPV6-ICMP": protocol = ICMPv6; return true;
            case "SCTP": protocol = SCTP; return true;
            case "UDPLITE": protocol = UDPLite; return true;
            default: return false;
        }
    }
}
