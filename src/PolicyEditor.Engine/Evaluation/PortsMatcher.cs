using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// The ports of a rule, compiled: a fixed connection set plus named ports that resolve against the
/// destination workload's container ports (a named port never matches addresses outside the cluster).
/// </summary>
internal sealed class PortsMatcher
{
    /// <summary>Every port of every protocol (a rule without ports).</summary>
    public static readonly PortsMatcher Any = new(ConnectionSet.All, []);

    // Only ports with names need a memo, made on first use: a cluster compiles thousands of port lists that no row resolves.
    private System.Collections.Concurrent.ConcurrentDictionary<ValueArray<ContainerPort>, ConnectionSet>? _resolved;

    private PortsMatcher(ConnectionSet fixedPorts, (string Name, Protocol? Protocol)[] named, ConnectionSet? except = null, (string Name, Protocol? Protocol)[]? exceptNamed = null)
    {
        Except = except ?? ConnectionSet.None;
        ExceptNamed = exceptNamed ?? [];
        Fixed = fixedPorts;
        Named = named;
    }

    /// <summary>Numbered ports and ranges.</summary>
    public ConnectionSet Fixed { get; }

    /// <summary>Named ports, with the protocol they must have (null: any protocol, as admin policies' namedPort).</summary>
    public (string Name, Protocol? Protocol)[] Named { get; }

    /// <summary>Connections taken out after the named ports resolve (Calico's notPorts).</summary>
    public ConnectionSet Except { get; }

    /// <summary>Named ports taken out after the named ports resolve (Calico's named notPorts).</summary>
    public (string Name, Protocol? Protocol)[] ExceptNamed { get; }

    /// <summary>True when the connections do not depend on the destination.</summary>
    public bool IsFixed => Named.Length == 0 && ExceptNamed.Length == 0;

    /// <summary>Compiles NetworkPolicy ports (an empty list is every port).</summary>
    public static PortsMatcher FromNetworkPolicy(ValueArray<NetworkPolicyPort> ports)
    {
        if (ports.IsEmpty)
        {
            return Any;
        }

        // The numbered ports gathered per protocol, so that each protocol's set is built once (a cluster has thousands of port lists).
        var fixedPorts = ConnectionSet.None;
        List<(string, Protocol?)>? named = null;
        List<(Protocol Protocol, List<PortRange> Ranges)>? numbered = null;
        foreach (var p in ports)
        {
            if (p.Port is null)
            {
                fixedPorts = fixedPorts.Union(ConnectionSet.AllOf(p.Protocol));
            }
            else if (p.Port.Value.IsNamed)
            {
                (named ??= []).Add((p.Port.Value.Name!, p.Protocol));
            }
            else
            {
                var start = p.Port.Value.Number!.Value;
                numbered ??= [];
                var i = 0;
                while (i < numbered.Count && numbered[i].Protocol != p.Protocol)
                {
                    i++;
                }

                if (i == numbered.Count)
                {
                    numbered.Add((p.Protocol, new List<PortRange>(ports.Count)));
                }

                numbered[i].Ranges.Add(new PortRange(start, p.EndPort ?? start));
            }
        }

        foreach (var (protocol, ranges) in numbered ?? [])
        {
            fixedPorts = fixedPorts.Union(ConnectionSet.Of(protocol, ranges.Count == 1 ? PortSet.Of(ranges[0]) : PortSet.FromRanges(ranges)));
        }

        return new PortsMatcher(fixedPorts, named is null ? [] : [.. named]);
    }

    /// <summary>Compiles admin policy ports (an empty list is every port).</summary>
    public static PortsMatcher FromAdminPolicy(ValueArray<AdminPort> ports)
    {
        if (ports.IsEmpty)
        {
            return Any;
        }

        var fixedPorts = ConnectionSet.None;
        var named = new List<(string, Protocol?)>();
        foreach (var p in ports)
        {
            if (p.NamedPort is not null)
            {
                named.Add((p.NamedPort, null));
            }
            else
            {
                fixedPorts = fixedPorts.Union(ConnectionSet.Of(p.Protocol, p.Start, p.End));
            }
        }

        return new PortsMatcher(fixedPorts, [.. named]);
    }

    /// <summary>Compiles a program rule's ports.</summary>
    public static PortsMatcher FromProgram(Program.ProgramPorts ports) =>
        ports == Program.ProgramPorts.Any
            ? Any
            : new PortsMatcher(ports.Fixed.Subtract(ports.Except), [.. ports.Named.Select(n => (n.Name, n.Protocol))], ports.Except,
                [.. ports.ExceptNamed.Select(n => (n.Name, n.Protocol))]);

    /// <summary>The connections these ports stand for when the destination is <paramref name="destination"/> (null: outside the cluster).</summary>
    public ConnectionSet Resolve(Workload? destination)
    {
        if (IsFixed || destination is null)
        {
            return Fixed;
        }

        // Workloads of one template share their ports: resolve each distinct port list once.
        var resolved = _resolved ?? Interlocked.CompareExchange(ref _resolved, new(), null) ?? _resolved;
        return resolved.TryGetValue(destination.Ports, out var result) ? result : resolved.GetOrAdd(destination.Ports, ResolveNamed(destination.Ports));
    }

    private ConnectionSet ResolveNamed(ValueArray<ContainerPort> containerPorts)
    {
        var result = Fixed.Union(Lookup(Named, containerPorts));
        result = Except.IsEmpty ? result : result.Subtract(Except);
        return ExceptNamed.Length == 0 ? result : result.Subtract(Lookup(ExceptNamed, containerPorts));
    }

    private static ConnectionSet Lookup((string Name, Protocol? Protocol)[] named, ValueArray<ContainerPort> containerPorts)
    {
        var result = ConnectionSet.None;
        foreach (var (name, protocol) in named)
        {
            foreach (var cp in containerPorts)
            {
                if (string.Equals(cp.Name, name, StringComparison.Ordinal) && (protocol is null || cp.Protocol == protocol))
                {
                    result = result.Union(ConnectionSet.Of(cp.Protocol, cp.Number));
                }
            }
        }

        return result;
    }
}
