using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>A port named in a rule, resolved against the destination's container ports; <see cref="Protocol"/> null: any protocol.</summary>
public sealed record NamedPort(string Name, Protocol? Protocol);

/// <summary>
/// The connections a program rule matches: <see cref="Fixed"/>, plus the <see cref="Named"/> ports as
/// the destination workload defines them (never outside the cluster), minus <see cref="Except"/> (e.g.
/// Calico's <c>notPorts</c>/<c>notProtocol</c>).
/// </summary>
public sealed record ProgramPorts(ConnectionSet Fixed, ValueArray<NamedPort> Named, ConnectionSet Except)
{
    /// <summary>Every connection.</summary>
    public static readonly ProgramPorts Any = new(ConnectionSet.All, ValueArray<NamedPort>.Empty, ConnectionSet.None);

    /// <summary>A fixed connection set.</summary>
    public static ProgramPorts Of(ConnectionSet connections) => new(connections, ValueArray<NamedPort>.Empty, ConnectionSet.None);
}
