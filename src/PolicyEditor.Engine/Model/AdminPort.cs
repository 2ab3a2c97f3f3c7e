using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// A port of an admin policy rule: a <c>portNumber</c> (protocol and port), a <c>namedPort</c> (resolved
/// against the destination pod's container ports, any protocol), or a <c>portRange</c> (protocol, start, end).
/// </summary>
public sealed record AdminPort(Protocol Protocol, int Start, int End, string? NamedPort)
{
    /// <summary>One numbered port.</summary>
    public static AdminPort Number(Protocol protocol, int port) => new(protocol, port, port, null);

    /// <summary>A range of ports.</summary>
    public static AdminPort Range(Protocol protocol, int start, int end) => new(protocol, start, end, null);

    /// <summary>A named port.</summary>
    public static AdminPort Named(string name) => new(Protocol.TCP, 0, 0, name);

    /// <inheritdoc />
    public override string ToString() => NamedPort is not null ? $"named port {NamedPort}" : Start == End ? $"{Protocol} {Start}" : $"{Protocol} {Start}-{End}";
}
