namespace PolicyEditor.Engine.Connections;

/// <summary>The transport protocols a NetworkPolicy port can name. Declared in the order reports print them.</summary>
public enum Protocol : byte
{
    SCTP = 0,
    TCP = 1,
    UDP = 2,
}

/// <summary>Parsing and listing of <see cref="Protocol"/> values.</summary>
public static class Protocols
{
    /// <summary>Every protocol, in report order (SCTP, TCP, UDP).</summary>
    public static readonly IReadOnlyList<Protocol> All = [Protocol.SCTP, Protocol.TCP, Protocol.UDP];

    /// <summary>Parses a Kubernetes protocol name; Kubernetes accepts only the upper-case spellings.</summary>
    public static bool TryParse(string? text, out Protocol protocol)
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
