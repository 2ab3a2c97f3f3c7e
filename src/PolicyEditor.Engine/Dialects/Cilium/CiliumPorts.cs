using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>The connections a Cilium rule's <c>toPorts</c> and <c>icmps</c> take in.</summary>
internal static class CiliumPorts
{
    /// <summary>
    /// The ports of a rule: every connection when it names neither ports nor ICMP types; else the union of
    /// its ports (protocol ANY or none: TCP, UDP and SCTP; port 0: every port; a name: the destination's
    /// container port of that name) and its ICMP types (not among the connections this model counts).
    /// </summary>
    public static ProgramPorts Of(CiliumPeerRule rule)
    {
        if (!rule.HasPorts)
        {
            return ProgramPorts.Any;
        }

        var fixedPorts = ConnectionSet.None;
        var named = new List<NamedPort>();
        foreach (var port in rule.Ports.SelectMany(p => p.Ports))
        {
            var protocol = ProtocolOf(port.Protocol);
            if (int.TryParse(port.Port, out var number))
            {
                var (start, end) = number == 0 ? (1, 65535) : (number, port.EndPort is { } e && e >= number ? e : number);
                fixedPorts = fixedPorts.Union(protocol is { } p ? ConnectionSet.Of(p, start, end) : Every(start, end));
            }
            else if (port.Port.Length == 0)
            {
                fixedPorts = fixedPorts.Union(protocol is { } p ? ConnectionSet.AllOf(p) : ConnectionSet.All);
            }
            else
            {
                named.Add(new NamedPort(port.Port, protocol));
            }
        }

        // Rules with a toPorts item without ports (only L7 rules) take in every port.
        if (rule.Ports.Any(p => p.Ports.IsEmpty))
        {
            fixedPorts = ConnectionSet.All;
        }

        return new ProgramPorts(fixedPorts, named.ToValueArray(), ConnectionSet.None);
    }

    /// <summary>The protocol of a port (null: ANY).</summary>
    public static Protocol? ProtocolOf(string? text) => Protocols.TryParse(text, out var p) ? p : null;

    private static ConnectionSet Every(int start, int end) => Protocols.All.Aggregate(ConnectionSet.None, (c, p) => c.Union(ConnectionSet.Of(p, start, end)));
}
