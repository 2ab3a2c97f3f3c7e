using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// One entry of a rule's <c>ports</c>: a protocol (TCP when absent), and optionally a port (number or
/// name) and, for a numbered port, an <c>endPort</c> ending a range. No port means every port of the protocol.
/// </summary>
public sealed record NetworkPolicyPort(Protocol Protocol, PortReference? Port, int? EndPort)
{
    /// <summary>A single numbered port.</summary>
    public static NetworkPolicyPort Of(Protocol protocol, int port) => new(protocol, PortReference.OfNumber(port), null);

    /// <summary>A range of numbered ports.</summary>
    public static NetworkPolicyPort Range(Protocol protocol, int port, int endPort) => new(protocol, PortReference.OfNumber(port), endPort);

    /// <summary>A named port.</summary>
    public static NetworkPolicyPort Named(Protocol protocol, string name) => new(protocol, PortReference.OfName(name), null);

    /// <summary>Every port of a protocol.</summary>
    public static NetworkPolicyPort AllOf(Protocol protocol) => new(protocol, null, null);

    /// <inheritdoc />
    public override string ToString() => Port is null ? $"{Protocol} (all ports)" : EndPort is null ? $"{Protocol} {Port}" : $"{Protocol} {Port}-{EndPort}";
}
