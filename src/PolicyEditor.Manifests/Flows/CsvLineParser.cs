using System.Globalization;
using System.Net;
using System.Text;
using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Manifests.Flows;

/// <summary>
/// One line of the plain CSV, <c>source,destination,protocol,port,count</c>: each end a workload
/// (<c>namespace/name</c>, or the list format's <c>namespace/name[Kind]</c>) or an IP address; the port empty
/// for a protocol without ports; the count optional (1). A header line starting with <c>source</c> holds no flow.
/// </summary>
internal sealed class CsvLineParser : IFlowLineParser
{
    /// <summary>The header the format documents.</summary>
    public const string Header = "source,destination,protocol,port,count";

    private static readonly string[] Fields = Header.Split(',');

    public FlowRecord? Parse(ReadOnlyMemory<byte> line)
    {
        var text = Encoding.UTF8.GetString(line.Span).TrimEnd('\r');
        var parts = text.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim().Trim('"').Trim();
        }

        if (parts[0].Equals("source", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (parts.Length is < 4 or > 5)
        {
            throw new FlowLineProblem(null, $"expected {Fields.Length} comma-separated fields ({Header}), found {parts.Length}.");
        }

        if (!FlowProtocol.TryParse(parts[2], out var protocol))
        {
            throw new FlowLineProblem("protocol", $"'{parts[2]}' is not a protocol name or number.");
        }

        var port = 0;
        if (protocol.Protocol.HasTypes)
        {
            // ICMP: TYPE/CODE (a type alone means code 0), or nothing.
            if (parts[3].Length > 0 && !Engine.Connections.ConnectionPoint.TryParse(protocol.Name, parts[3], out var point, out _))
            {
                throw new FlowLineProblem("port", $"'{parts[3]}' is not an ICMP type and code (TYPE/CODE).");
            }

            port = parts[3].Length > 0 ? Engine.Connections.ConnectionPoint.TryParse(protocol.Name, parts[3], out var p, out _) ? p.Value : 0 : 0;
        }
        else if (protocol.HasPorts || parts[3].Length > 0)
        {
            if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            {
                throw new FlowLineProblem("port", $"'{parts[3]}' is not a port (0-65535).");
            }
        }

        long count = 1;
        if (parts.Length == 5 && parts[4].Length > 0 && (!long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out count)))
        {
            throw new FlowLineProblem("count", $"'{parts[4]}' is not a count of flows.");
        }

        return new FlowRecord(Peer(parts[0], "source"), Peer(parts[1], "destination"), protocol, port, FlowVerdict.Unknown, count);
    }

    private static FlowPeer Peer(string text, string field)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return FlowPeer.OfAddress(address);
        }

        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        var name = bracket > 0 && text.EndsWith(']') ? text[..bracket] : text;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == name.Length - 1 || name.IndexOf('/', slash + 1) >= 0)
        {
            throw new FlowLineProblem(field, $"'{text}' is neither namespace/name nor an IP address.");
        }

        return FlowPeer.OfWorkload(name[..slash], name[(slash + 1)..]);
    }
}
