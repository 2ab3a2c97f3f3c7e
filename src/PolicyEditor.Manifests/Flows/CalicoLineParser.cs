using System.Buffers;
using System.Text.Json;
using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Manifests.Flows;

/// <summary>
/// One Calico flow log document a line (as exported from Elasticsearch, or its <c>_source</c>): source and
/// destination namespace, name, aggregated name, labels and IP, <c>dest_port</c>, <c>proto</c>, <c>action</c>,
/// <c>reporter</c>, <c>num_flows</c>, <c>start_time</c>/<c>end_time</c> and <c>policies</c>. A <c>-</c> means
/// aggregated or not applicable.
/// </summary>
internal sealed class CalicoLineParser : IFlowLineParser
{
    private static readonly string[] SourceFields = Fields("source");
    private static readonly string[] DestinationFields = Fields("dest");
    private readonly PeerCache _peers = new();
    private readonly ArrayBufferWriter<byte> _key = new(1024);

    public FlowRecord? Parse(ReadOnlyMemory<byte> line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FlowLineProblem(null, $"expected a JSON object, found {FlowJson.Describe(root)}.");
        }

        var log = root.TryGetProperty("_source", out var inner) ? inner : root;
        var protoText = FlowJson.String(log, "proto", "proto") ?? throw new FlowLineProblem("proto", "the flow log names no protocol.");
        if (!FlowProtocol.TryParse(protoText, out var protocol))
        {
            throw new FlowLineProblem("proto", $"'{protoText}' is not a protocol name or number.");
        }

        var port = 0;
        if (protocol.HasPorts)
        {
            var value = FlowJson.Number(log, "dest_port", "dest_port") ?? throw new FlowLineProblem("dest_port", "the flow log names no destination port.");
            port = value is >= 0 and <= 65535 ? (int)value : throw new FlowLineProblem("dest_port", $"{value} is not a port (0-65535).");
        }

        var verdict = FlowJson.String(log, "action", "action") switch
        {
            "allow" => FlowVerdict.Forwarded,
            "deny" => FlowVerdict.Dropped,
            null => FlowVerdict.Unknown,
            var other => throw new FlowLineProblem("action", $"'{other}' is not an action (allow or deny)."),
        };
        var reporter = FlowJson.String(log, "reporter", "reporter") switch
        {
            "src" => FlowReporter.Source,
            "dst" => FlowReporter.Destination,
            _ => FlowReporter.Unknown,
        };
        var count = FlowJson.Number(log, "num_flows", "num_flows") ?? 1;
        if (count < 0)
        {
            throw new FlowLineProblem("num_flows", $"{count} is not a count of flows.");
        }

        return new FlowRecord(Peer(log, "source"), Peer(log, "dest"), protocol, port, verdict, count,
            FlowJson.Time(log, "end_time", "end_time") ?? FlowJson.Time(log, "start_time", "start_time"), false, reporter, Policies(log));
    }

    // A pod is known by its namespace, names and labels (the same bytes each time it is seen); a network by its address.
    private FlowPeer Peer(JsonElement log, string side)
    {
        _key.ResetWrittenCount();
        foreach (var field in side == "source" ? SourceFields : DestinationFields)
        {
            if (log.TryGetProperty(field, out var value))
            {
                _key.Write(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value));
            }

            _key.Write("\0"u8);
        }

        return _peers.Get(_key.WrittenSpan, (log, side), s => MakePeer(s.log, s.side));
    }

    private static string[] Fields(string side) => [$"{side}_namespace", $"{side}_name", $"{side}_name_aggr", $"{side}_labels", $"{side}_ip"];

    private static FlowPeer MakePeer(JsonElement log, string side)
    {
        var ns = FlowJson.String(log, $"{side}_namespace", $"{side}_namespace");
        var name = FlowJson.String(log, $"{side}_name", $"{side}_name");
        var aggregated = FlowJson.String(log, $"{side}_name_aggr", $"{side}_name_aggr");
        var address = FlowJson.Address(log, $"{side}_ip", $"{side}_ip");
        if (ns is null)
        {
            // Not a pod: a network, addressed by IP when the log was not aggregated ("pub"/"pvt" say which kind).
            return address is null
                ? new FlowPeer(null, null, aggregated, Engine.Model.LabelSet.Empty, null)
                : FlowPeer.OfAddress(address);
        }

        return new FlowPeer(ns, name, aggregated, FlowJson.Labels(log, $"{side}_labels", $"{side}_labels"), null);
    }

    private static string? Policies(JsonElement log)
    {
        if (!log.TryGetProperty("policies", out var policies) || policies.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var names = new List<string>();
        void Collect(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    names.Add(e.GetString()!);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Collect(p.Value);
                    }

                    break;
            }
        }

        Collect(policies);
        return names.Count == 0 ? null : string.Join(", ", names);
    }
}
