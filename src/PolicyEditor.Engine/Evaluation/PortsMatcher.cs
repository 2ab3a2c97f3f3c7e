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

    // Only ports with names need a memo. Workloads repeat a few port lists, so it is a short array, replaced whole
    // when it grows (readers on other threads see the old or the new one, both complete).
    private (ValueArray<ContainerPort> Ports, ConnectionSet Resolved)[] _resolved = [];

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

        // The numbered ports gathered per protocol, so that each protocol's set is made in one go (a cluster has
        // thousands of port lists): count them, fill one array per protocol, make the set once.
        var wholeProtocols = ConnectionSet.None;
        List<(string, Protocol?)>? named = null;
        Span<int> counts = stackalloc int[PortProtocols.Length];
        foreach (var p in ports)
        {
            if (p.Port is null)
            {
                wholeProtocols = wholeProtocols.Union(ConnectionSet.AllOf(p.Protocol));
            }
            else if (p.Port.Value.IsNamed)
            {
                (named ??= []).Add((p.Port.Value.Name!, p.Protocol));
            }
            else
            {
                counts[PortProtocolIndex(p.Protocol)]++;
            }
        }

        var sets = new PortSet[PortProtocols.Length];
        for (var i = 0; i < sets.Length; i++)
        {
            if (counts[i] == 0)
            {
                sets[i] = PortSet.Empty;
                continue;
            }

            var ranges = new PortRange[counts[i]];
            var n = 0;
            foreach (var p in ports)
            {
                if (p.Port is { IsNamed: false } port && p.Protocol == PortProtocols[i])
                {
                    var start = port.Number!.Value;
                    ranges[n++] = new PortRange(start, p.EndPort ?? start);
                }
            }

            sets[i] = PortSet.FromOwned(ranges);
        }

        var fixedPorts = ConnectionSet.OfPorts(sets[0], sets[1], sets[2], sets[3]).Union(wholeProtocols);
        return new PortsMatcher(fixedPorts, named is null ? [] : [.. named]);
    }

    /// <summary>The protocols with ports, in the order of <see cref="ConnectionSet.OfPorts"/>.</summary>
    private static readonly Protocol[] PortProtocols = [Protocol.SCTP, Protocol.TCP, Protocol.UDP, Protocol.UDPLite];

    private static int PortProtocolIndex(Protocol protocol) => Array.IndexOf(PortProtocols, protocol) is var i and >= 0
        ? i
        : throw new ArgumentException($"{protocol} has no ports.", nameof(protocol));

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
        var ports = destination.Ports;
        var resolved = Volatile.Read(ref _resolved);
        foreach (var (known, result) in resolved)
        {
            if (known == ports)
            {
                return result;
            }
        }

        var added = ResolveNamed(ports);
        if (resolved.Length < MaxRemembered)
        {
            // A lost race only drops one entry, to be resolved again.
            Interlocked.CompareExchange(ref _resolved, [.. resolved, (ports, added)], resolved);
        }

        return added;
    }

    /// <summary>How many port lists the memo keeps (past this, which is rare, they are resolved each time).</summary>
    private const int MaxRemembered = 32;

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
