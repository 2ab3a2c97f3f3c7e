using System.Globalization;
using System.Text.Json;
using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Manifests.Flows;

/// <summary>
/// Writes flow records in each format <see cref="FlowReader"/> reads, as the tools that make them would
/// (a reply as the packet went, server to client): for tests and benchmarks, and for files to try the app on.
/// </summary>
public static class FlowWriter
{
    /// <summary>Writes <paramref name="records"/> to <paramref name="writer"/>, one a line.</summary>
    public static void Write(TextWriter writer, FlowFormat format, IEnumerable<FlowRecord> records)
    {
        if (format == FlowFormat.Csv)
        {
            writer.WriteLine(CsvLineParser.Header);
        }

        foreach (var r in records)
        {
            writer.WriteLine(format switch
            {
                FlowFormat.Hubble => Hubble(r),
                FlowFormat.Calico => Calico(r),
                _ => Csv(r),
            });
        }
    }

    /// <summary>One record as a line of <c>hubble observe -o json</c>.</summary>
    public static string Hubble(FlowRecord r)
    {
        var (from, to) = r.IsReply ? (r.Destination, r.Source) : (r.Source, r.Destination);
        var (sourcePort, destinationPort) = r.IsReply ? (r.Port, 40000) : (40000, r.Port);
        object l4 = r.Protocol.HasPorts
            ? new Dictionary<string, object> { [r.Protocol.Name] = new { source_port = sourcePort, destination_port = destinationPort } }
            : new Dictionary<string, object> { [r.Protocol.Number == 58 ? "ICMPv6" : r.Protocol.Number == 1 ? "ICMPv4" : r.Protocol.Name] = new { type = r.Port >> 8, code = r.Port & 0xFF } };
        var flow = new Dictionary<string, object?>
        {
            ["time"] = (r.Time ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            ["verdict"] = r.Verdict switch { FlowVerdict.Forwarded => "FORWARDED", FlowVerdict.Dropped => "DROPPED", _ => "TRACED" },
            ["IP"] = new { source = from.Address?.ToString() ?? "10.0.0.1", destination = to.Address?.ToString() ?? "10.0.0.2", ipVersion = "IPv4" },
            ["l4"] = l4,
            ["source"] = HubbleEndpoint(from),
            ["destination"] = HubbleEndpoint(to),
            ["Type"] = "L3_L4",
            ["traffic_direction"] = r.Reporter == FlowReporter.Destination ? "INGRESS" : "EGRESS",
            ["is_reply"] = r.IsReply,
        };
        if (r.Reason is not null)
        {
            flow["drop_reason_desc"] = r.Reason;
        }

        return JsonSerializer.Serialize(new { flow, node_name = "node-1" });
    }

    /// <summary>One record as a Calico flow log document.</summary>
    public static string Calico(FlowRecord r) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["start_time"] = (r.Time ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds() - 300,
        ["end_time"] = (r.Time ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds(),
        ["action"] = r.Verdict == FlowVerdict.Dropped ? "deny" : "allow",
        ["source_type"] = r.Source.Namespace is null ? "net" : "wep",
        ["source_namespace"] = r.Source.Namespace ?? "-",
        ["source_name"] = r.Source.Pod ?? "-",
        ["source_name_aggr"] = Aggregated(r.Source),
        ["source_ip"] = r.Source.Address?.ToString(),
        ["source_labels"] = new { labels = r.Source.Labels.Select(l => $"{l.Key}={l.Value}").ToArray() },
        ["dest_type"] = r.Destination.Namespace is null ? "net" : "wep",
        ["dest_namespace"] = r.Destination.Namespace ?? "-",
        ["dest_name"] = r.Destination.Pod ?? "-",
        ["dest_name_aggr"] = Aggregated(r.Destination),
        ["dest_ip"] = r.Destination.Address?.ToString(),
        ["dest_labels"] = new { labels = r.Destination.Labels.Select(l => $"{l.Key}={l.Value}").ToArray() },
        ["dest_port"] = r.Protocol.HasPorts ? r.Port : null,
        ["proto"] = r.Protocol.Name.ToLowerInvariant(),
        ["reporter"] = r.Reporter == FlowReporter.Destination ? "dst" : "src",
        ["num_flows"] = r.Count,
        ["policies"] = new { all_policies = r.Reason is null ? Array.Empty<string>() : [r.Reason] },
    });

    /// <summary>One record as a CSV line (workloads by namespace and name, replies as the connection they answer).</summary>
    public static string Csv(FlowRecord r) =>
        string.Join(',', CsvPeer(r.Source), CsvPeer(r.Destination), r.Protocol.Name, r.Protocol.HasPorts ? r.Port.ToString(CultureInfo.InvariantCulture) : r.Protocol.Protocol.HasTypes ? $"{r.Port >> 8}/{r.Port & 0xFF}" : string.Empty,
            r.Count.ToString(CultureInfo.InvariantCulture));

    private static object HubbleEndpoint(FlowPeer peer) => peer.Namespace is null
        ? new { labels = new[] { "reserved:world" } }
        : new
        {
            @namespace = peer.Namespace,
            pod_name = peer.Pod,
            labels = peer.Labels.Select(l => $"k8s:{l.Key}={l.Value}").Append($"k8s:io.kubernetes.pod.namespace={peer.Namespace}").ToArray(),
            workloads = peer.Workload is null ? null : new[] { new { name = peer.Workload, kind = "Deployment" } },
        };

    // Calico aggregates pods by their owner's name: a ReplicaSet's pods as "<replicaset>-*".
    private static string Aggregated(FlowPeer peer) =>
        peer.Namespace is null ? "pub" : peer.Pod is { } pod && pod.LastIndexOf('-') is var dash and > 0 ? pod[..dash] + "-*" : peer.Workload ?? "-";

    private static string CsvPeer(FlowPeer peer) =>
        peer.Namespace is null ? peer.Address?.ToString() ?? "?" : $"{peer.Namespace}/{peer.Workload ?? peer.Pod}";
}
