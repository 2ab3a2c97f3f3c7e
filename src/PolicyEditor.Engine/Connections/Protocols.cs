namespace PolicyEditor.Engine.Connections;

/// <summary>Lists and Kubernetes parsing of <see cref="Protocol"/> values.</summary>
public static class Protocols
{
    /// <summary>The protocols a Kubernetes port can name, in report order (SCTP, TCP, UDP).</summary>
    public static readonly IReadOnlyList<Protocol> Kubernetes = [Protocol.SCTP, Protocol.TCP, Protocol.UDP];

    /// <summary>The protocols reports name, in report order (ICMP, ICMPv6, SCTP, TCP, UDP, UDPLite).</summary>
    public static readonly IReadOnlyList<Protocol> Named = [Protocol.ICMP, Protocol.ICMPv6, Protocol.SCTP, Protocol.TCP, Protocol.UDP, Protocol.UDPLite];

    /// <summary>The protocols with ports, in report order (SCTP, TCP, UDP, UDPLite).</summary>
    public static readonly IReadOnlyList<Protocol> WithPorts = [Protocol.SCTP, Protocol.TCP, Protocol.UDP, Protocol.UDPLite];

    /// <summary>
    /// Parses a Kubernetes protocol name (a NetworkPolicy, Service or container port): the API server accepts
    /// only the upper-case spellings TCP, UDP and SCTP.
    /// </summary>
    public static bool TryParseKubernetes(string? text, out Protocol protocol)
    {
        switch (text)
        {
            case "TCP": protocol = Protocol.TCP; return true;
            case "UDP": protocol = Protocol.UDP; return true;
            case "SCTP": protocol = Protocol.SCTP; return true;
            default: protocol = Protocol.TCP; return false;
        }
    }
}
