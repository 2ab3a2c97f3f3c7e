using System.Text.Json;
using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Manifests.Flows;

/// <summary>
/// One line of <c>hubble observe -o json</c>: a flow (at the top or under <c>flow</c>) with <c>source</c> and
/// <c>destination</c> endpoints (namespace, pod_name, labels, workloads), <c>IP</c>, <c>l4</c>, <c>verdict</c>,
/// <c>drop_reason_desc</c>, <c>traffic_direction</c> and <c>is_reply</c>. Lines of other events (lost events,
/// node status) hold no flow.
/// </summary>
internal sealed class HubbleLineParser : IFlowLineParser
{
    private readonly PeerCache _peers = new();

    public FlowRecord? Parse(ReadOnlyMemory<byte> line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FlowLineProblem(null, $"expected a JSON object, found {FlowJson.Describe(root)}.");
        }

        var flow = root.TryGetProperty("flow", out var inner) ? inner : root;
        if (flow.ValueKind != JsonValueKind.Object || (!flow.TryGetProperty("source", out _) && !flow.TryGetProperty("IP", out _)))
        {
            return null;
        }

        var (protocol, sourcePort, destinationPort) = L4(flow);
        var ip = flow.TryGetProperty("IP", out var i) ? i : default;
        var source = Peer(flow, ip, "source");
        var destination = Peer(flow, ip, "destination");
        var reply = IsReply(flow);
        var verdict = FlowJson.String(flow, "verdict", "flow.verdict") switch
        {
            "FORWARDED" => FlowVerdict.Forwarded,
            "DROPPED" => FlowVerdict.Dropped,
            _ => FlowVerdict.Unknown,
        };
        var reporter = FlowJson.String(flow, "traffic_direction", "flow.traffic_direction") switch
        {
            "EGRESS" => FlowReporter.Source,
            "INGRESS" => FlowReporter.Destination,
            _ => FlowReporter.Unknown,
        };
        var time = FlowJson.Time(flow, "time", "flow.time") ?? FlowJson.Time(root, "time", "time");
        var reason = FlowJson.String(flow, "drop_reason_desc", "flow.drop_reason_desc");

        // A reply goes from the server back to the client: turned around, it is the connection it answers.
        return reply
            ? new FlowRecord(destination, source, protocol, sourcePort, verdict, 1, time, true, reporter, reason)
            : new FlowRecord(source, destination, protocol, destinationPort, verdict, 1, time, false, reporter, reason);
    }

    private static (FlowProtocol Protocol, int SourcePort, int DestinationPort) L4(JsonElement flow)
    {
        if (!flow.TryGetProperty("l4", out var l4) || l4.ValueKind != JsonValueKind.Object)
        {
            throw new FlowLineProblem("flow.l4", "the flow has no layer-4 protocol (l4).");
        }

        foreach (var p in l4.EnumerateObject())
        {
            if (!FlowProtocol.TryParse(p.Name, out var protocol))
            {
                throw new FlowLineProblem($"flow.l4.{p.Name}", $"'{p.Name}' is not a protocol PolicyEditor knows (TCP, UDP, SCTP, ICMPv4, ICMPv6, UDPLite).");
            }

            if (protocol.Protocol.HasTypes)
            {
                // ICMP: the type and code, as policies that name ICMP match them.
                var type = FlowJson.Number(p.Value, "type", $"flow.l4.{p.Name}.type") ?? 0;
                var code = FlowJson.Number(p.Value, "code", $"flow.l4.{p.Name}.code") ?? 0;
                if (type is < 0 or > 255 || code is < 0 or > 255)
                {
                    throw new FlowLineProblem($"flow.l4.{p.Name}", $"type {type} code {code} is not an ICMP type and code (0-255).");
                }

                var key = Engine.Connections.IcmpSet.Key((int)type, (int)code);
                return (protocol, key, key);
            }

            if (!protocol.HasPorts)
            {
                return (protocol, 0, 0);
            }

            var source = FlowJson.Number(p.Value, "source_port", $"flow.l4.{p.Name}.source_port") ?? 0;
            var destination = FlowJson.Number(p.Value, "destination_port", $"flow.l4.{p.Name}.destination_port")
                ?? throw new FlowLineProblem($"flow.l4.{p.Name}.destination_port", "the flow has no destination port.");
            return (protocol, Port(source, $"flow.l4.{p.Name}.source_port"), Port(destination, $"flow.l4.{p.Name}.destination_port"));
        }

        throw new FlowLineProblem("flow.l4", "the flow has no layer-4 protocol (l4 is empty).");
    }

    private static int Port(long value, string field) =>
        value is >= 0 and <= 65535 ? (int)value : throw new FlowLineProblem(field, $"{value} is not a port (0-65535).");

    private static bool IsReply(JsonElement flow)
    {
        if (!flow.TryGetProperty("is_reply", out var value))
        {
            return false;
        }

        // A protobuf BoolValue: plain in JSON, wrapped in {"value": ...} by some encoders.
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("value", out var wrapped))
        {
            value = wrapped;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new FlowLineProblem("flow.is_reply", $"expected true or false, found {FlowJson.Describe(value)}."),
        };
    }

    private FlowPeer Peer(JsonElement flow, JsonElement ip, string side)
    {
        // A pod is known by its endpoint (the same bytes each time it is seen); anything else by its address.
        if (flow.TryGetProperty(side, out var endpoint) && endpoint.ValueKind == JsonValueKind.Object && endpoint.TryGetProperty("namespace", out _))
        {
            return _peers.Get(endpoint, e => Endpoint(e, side));
        }

        var address = FlowJson.Address(ip, side, $"flow.IP.{side}");
        if (address is not null)
        {
            return FlowPeer.OfAddress(address);
        }

        if (endpoint.ValueKind == JsonValueKind.Object)
        {
            return _peers.Get(endpoint, e => Endpoint(e, side));
        }

        throw new FlowLineProblem($"flow.{side}", $"the flow names no {side} (neither endpoint nor IP).");
    }

    private static FlowPeer Endpoint(JsonElement endpoint, string side)
    {
        string? workload = null;
        if (endpoint.TryGetProperty("workloads", out var workloads) && workloads.ValueKind == JsonValueKind.Array && workloads.GetArrayLength() > 0)
        {
            workload = FlowJson.String(workloads[0], "name", $"flow.{side}.workloads[0].name");
        }

        return new FlowPeer(
            FlowJson.String(endpoint, "namespace", $"flow.{side}.namespace"),
            FlowJson.String(endpoint, "pod_name", $"flow.{side}.pod_name"),
            workload,
            FlowJson.Labels(endpoint, "labels", $"flow.{side}.labels"),
            null);
    }
}
