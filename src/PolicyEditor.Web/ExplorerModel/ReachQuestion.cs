using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>"Can this source reach this destination on this port?", asked of the draft or of the baseline.</summary>
public sealed record ReachQuestion(EndpointPair Pair, Protocol Protocol, int Port)
{
    /// <summary>
    /// The first protocol and port a set allows (TCP first, port 80 or 443 when allowed; else its first
    /// connection, such as an ICMP message), to explain something interesting; null when it allows nothing.
    /// </summary>
    public static (Protocol Protocol, int Port)? FirstOf(ConnectionSet set)
    {
        foreach (var p in new[] { Protocol.TCP, Protocol.UDP, Protocol.SCTP })
        {
            var ports = set[p];
            if (!ports.IsEmpty)
            {
                // "All ports" explains best with a port people know.
                return (p, ports.Contains(80) ? 80 : ports.Contains(443) ? 443 : Math.Max(ports.Ranges[0].Start, 1));
            }
        }

        return set.FirstPoint is { } point ? (point.Protocol, point.Value) : null;
    }
}
