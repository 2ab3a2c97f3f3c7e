using System.Text;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Manifests.Flows;

namespace PolicyEditor.Manifests.Tests.Flows;

/// <summary>Each format read from records shaped as its documentation shows them, and each kind of bad record.</summary>
public class FlowReaderTests
{
    // As `hubble observe -o json` prints a flow (Cilium's "Inspecting Network Flows with the CLI"): one object a line, under "flow".
    private const string HubbleRequest = """
        {"flow":{"time":"2026-12-01T10:15:02.123456789Z","uuid":"2d4b6c1e","verdict":"FORWARDED","ethernet":{"source":"aa:bb:cc:00:00:01","destination":"aa:bb:cc:00:00:02"},"IP":{"source":"10.0.1.15","destination":"10.0.2.20","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":43472,"destination_port":8080,"flags":{"SYN":true}}},"source":{"ID":1234,"identity":5678,"namespace":"shop","labels":["k8s:app=web","k8s:io.kubernetes.pod.namespace=shop"],"pod_name":"web-7d9c5b8f4-x2k9z","workloads":[{"name":"web","kind":"Deployment"}]},"destination":{"ID":2345,"identity":6789,"namespace":"shop","labels":["k8s:app=api","k8s:io.kubernetes.pod.namespace=shop"],"pod_name":"api-6f7d8c9b5-q4w8e","workloads":[{"name":"api","kind":"Deployment"}]},"Type":"L3_L4","node_name":"kind-worker","event_type":{"type":4},"traffic_direction":"EGRESS","trace_observation_point":"TO_ENDPOINT","is_reply":false,"Summary":"TCP Flags: SYN"},"node_name":"kind-worker","time":"2026-12-01T10:15:02.123456789Z"}
        """;

    private const string HubbleReply = """
        {"flow":{"time":"2026-12-01T10:16:00Z","verdict":"FORWARDED","IP":{"source":"10.0.2.20","destination":"10.0.1.15","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":8080,"destination_port":43472,"flags":{"ACK":true}}},"source":{"ID":2345,"identity":6789,"namespace":"shop","labels":["k8s:app=api","k8s:io.kubernetes.pod.namespace=shop"],"pod_name":"api-6f7d8c9b5-q4w8e","workloads":[{"name":"api","kind":"Deployment"}]},"destination":{"ID":1234,"identity":5678,"namespace":"shop","labels":["k8s:app=web","k8s:io.kubernetes.pod.namespace=shop"],"pod_name":"web-7d9c5b8f4-x2k9z","workloads":[{"name":"web","kind":"Deployment"}]},"Type":"L3_L4","traffic_direction":"EGRESS","is_reply":true}}
        """;

    private const string HubbleDrop = """
        {"flow":{"time":"2026-12-01T10:17:00Z","verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED","IP":{"source":"203.0.113.7","destination":"10.0.2.20","ipVersion":"IPv4"},"l4":{"UDP":{"source_port":5353,"destination_port":53}},"source":{"identity":2,"labels":["reserved:world"]},"destination":{"namespace":"shop","labels":["k8s:app=api"],"pod_name":"api-6f7d8c9b5-q4w8e"},"traffic_direction":"INGRESS"}}
        """;

    // A Calico flow log document with the documented fields ("Flow log data types").
    private const string CalicoAllow = """
        {"start_time":1764583200,"end_time":1764583500,"action":"allow","bytes_in":1024,"bytes_out":2048,"source_ip":null,"source_name":"-","source_name_aggr":"web-7d9c5b8f4-*","source_namespace":"shop","source_type":"wep","source_labels":{"labels":["app=web","pod-template-hash=7d9c5b8f4"]},"dest_ip":null,"dest_name":"-","dest_name_aggr":"api-6f7d8c9b5-*","dest_namespace":"shop","dest_type":"wep","dest_port":8080,"dest_labels":{"labels":["app=api"]},"dest_service_name":"api","proto":"tcp","reporter":"src","num_flows":12,"num_flows_started":3,"num_flows_completed":2,"policies":{"all_policies":["0|default|shop/default.allow-web|allow|0"]},"host":"node-1"}
        """;

    private const string CalicoDeny = """
        {"start_time":1764583200,"end_time":1764583800,"action":"deny","source_ip":"198.51.100.4","source_name":"-","source_name_aggr":"pub","source_namespace":"-","source_type":"net","source_labels":"-","dest_name_aggr":"api-6f7d8c9b5-*","dest_namespace":"shop","dest_type":"wep","dest_port":443,"dest_labels":{"labels":["app=api"]},"proto":"6","reporter":"dst","num_flows":4}
        """;

    [Fact]
    public async Task Hubble_RequestsRepliesAndDrops_FoldIntoConnections()
    {
        var result = await Read(HubbleRequest, HubbleReply, HubbleDrop);

        Assert.Equal(FlowFormat.Hubble, result.Format);
        Assert.Empty(result.Problems);
        var web = result.Traffic.Connections.Single(c => c.Port == 8080);
        Assert.Equal(("shop/web", "shop/api", 2L), (web.Source.Text, web.Destination.Text, web.Count));
        Assert.Equal("app=web,io.kubernetes.pod.namespace=shop", web.Source.Labels.ToString());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 16, 0, TimeSpan.Zero), web.LastSeen);
        var drop = result.Traffic.Connections.Single(c => c.Port == 53);
        Assert.Equal(("203.0.113.7", FlowProtocol.Udp, 1L, "POLICY_DENIED"), (drop.Source.Text, drop.Protocol, drop.Dropped, drop.Reason));
    }

    [Fact]
    public async Task Calico_FlowLogs_KeepCountsActionsAndPolicies()
    {
        var result = await Read(CalicoAllow, CalicoDeny);

        Assert.Equal(FlowFormat.Calico, result.Format);
        Assert.Empty(result.Problems);
        var allow = result.Traffic.Connections.Single(c => c.Port == 8080);
        Assert.Equal(("shop/web-7d9c5b8f4-*", 12L, 0L), (allow.Source.Text, allow.Count, allow.Dropped));
        Assert.Contains("allow-web", allow.Reason);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764583500), allow.LastSeen);
        var deny = result.Traffic.Connections.Single(c => c.Port == 443);
        Assert.Equal(("198.51.100.4", FlowProtocol.Tcp, 4L), (deny.Source.Text, deny.Protocol, deny.Dropped));
    }

    [Fact]
    public async Task Csv_WithOrWithoutHeader_ReadsWorkloadsAddressesAndCounts()
    {
        var result = await Read("source,destination,protocol,port,count", "shop/web,shop/api[Deployment],TCP,8080,7", "203.0.113.9,shop/web,tcp,443,2", "shop/web,shop/api,ICMP,8/0,1");

        Assert.Equal(FlowFormat.Csv, result.Format);
        Assert.Empty(result.Problems);
        Assert.Equal(["203.0.113.9 => shop/web : TCP 443", "shop/web => shop/api : ICMP 8/0", "shop/web => shop/api : TCP 8080"], result.Traffic.Connections.Select(c => c.ToString()));
        Assert.Equal(7, result.Traffic.Connections.Single(c => c.Port == 8080).Count);
    }

    [Theory]
    [InlineData("{\"flow\":{\"verdict\":\"FORWARDED\",\"source\":{\"namespace\":\"a\"},\"destination\":{\"namespace\":\"b\"}}}", "flow.l4", "no layer-4 protocol")]
    [InlineData("{\"flow\":{\"l4\":{\"TCP\":{\"destination_port\":70000}},\"source\":{\"namespace\":\"a\"},\"destination\":{\"namespace\":\"b\"}}}", "flow.l4.TCP.destination_port", "70000 is not a port")]
    [InlineData("{\"flow\":{\"l4\":{\"GRE\":{}},\"source\":{\"namespace\":\"a\"},\"destination\":{\"namespace\":\"b\"}}}", "flow.l4.GRE", "not a protocol")]
    [InlineData("{\"flow\":{\"l4\":{\"TCP\":{\"destination_port\":80}},\"source\":{\"namespace\":\"a\",\"labels\":\"app=x\"},\"destination\":{\"namespace\":\"b\"}}}", "flow.source.labels", "expected a list")]
    [InlineData("{\"flow\":{\"l4\":{\"TCP\":{\"destination_port\":80}},\"IP\":{\"source\":\"10.0.0.300\"},\"source\":{},\"destination\":{\"namespace\":\"b\"}}}", "flow.IP.source", "not an IP address")]
    [InlineData("{\"flow\": {\"verdict\": ", null, "not valid JSON")]
    public async Task BadHubbleRecords_AreReportedWithLineAndField_AndSkipped(string bad, string? field, string message)
    {
        var result = await Read(HubbleRequest, bad, HubbleReply);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, field), (problem.Line, problem.Field));
        Assert.Contains(message, problem.Message);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(2, result.Traffic.Records);
    }

    [Theory]
    [InlineData("\"proto\":\"tcp\"", "\"proto\":\"bogus\"", "proto")]
    [InlineData("\"action\":\"allow\"", "\"action\":\"maybe\"", "action")]
    [InlineData("\"num_flows\":12", "\"num_flows\":\"many\"", "num_flows")]
    [InlineData("\"dest_port\":8080", "\"dest_port\":-1", "dest_port")]
    [InlineData("\"end_time\":1764583500", "\"end_time\":\"yesterday\"", "end_time")]
    public async Task BadCalicoRecords_AreReportedWithTheirField(string good, string bad, string field)
    {
        var result = await Read(CalicoDeny, CalicoAllow.Replace(good, bad, StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, field), (problem.Line, problem.Field));
        Assert.Single(result.Traffic.Connections);
    }

    [Theory]
    [InlineData("shop/web,shop/api,TCP", null, "expected 5 comma-separated fields")]
    [InlineData("shop/web,shop/api,TCP,http,1", "port", "not a port")]
    [InlineData("shop/web,shop/api,XTP,80,1", "protocol", "not a protocol")]
    [InlineData("shop/web,shop/api,TCP,80,lots", "count", "not a count")]
    [InlineData("web,shop/api,TCP,80,1", "source", "neither namespace/name nor an IP address")]
    public async Task BadCsvRecords_AreReportedWithTheirField(string bad, string? field, string message)
    {
        var result = await Read("shop/web,shop/api,TCP,80,1", bad, "shop/web,shop/db,TCP,5432,1");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, field), (problem.Line, problem.Field));
        Assert.Contains(message, problem.Message);
        Assert.Equal(2, result.Traffic.Connections.Count);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}")]
    [InlineData("{\"kind\":\"Pod\"}")]
    [InlineData("")]
    public async Task AnUnknownFormat_IsRefusedWithWhatWasExpected(string text)
    {
        var refused = await Assert.ThrowsAsync<FlowReadException>(() => Read(text));

        Assert.Contains("flows.txt", refused.Message);
        Assert.Contains("Hubble JSON", refused.Message);
        Assert.Contains("Calico flow logs", refused.Message);
        Assert.Contains(CsvHeader, refused.Message);
    }

    [Fact]
    public async Task ALineLongerThanARecordMayBe_IsReportedAndSkipped()
    {
        var options = FlowReadOptions.Default with { MaxLineBytes = 1024 };
        var text = string.Join('\n', "shop/web,shop/api,TCP,80,1", new string('x', 5000), "shop/web,shop/db,TCP,5432,1");

        var result = await FlowReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "flows.txt", options);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("longer than", problem.Message);
        Assert.Equal(2, result.Traffic.Connections.Count);
    }

    [Fact]
    public async Task TooManyDistinctConnections_RefuseTheRead_NamingTheLimit()
    {
        var options = FlowReadOptions.Default with { MaxConnections = 2 };

        var refused = await Assert.ThrowsAsync<FlowReadException>(() => FlowReader.ReadAsync(Stream(
            "shop/a,shop/b,TCP,1,1", "shop/a,shop/b,TCP,2,1", "shop/a,shop/b,TCP,3,1"), "flows.txt", options));

        Assert.Contains("more than 2 distinct connections", refused.Message);
    }

    [Fact]
    public async Task ReadingIsCancelled_WhenAsked()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FlowReader.ReadAsync(Stream("shop/a,shop/b,TCP,1,1"), "flows.txt", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task ManyChunks_AreNumberedAcrossChunks()
    {
        var lines = Enumerable.Range(0, 200_000).Select(i => $"shop/a{i % 50},shop/b,TCP,{1 + (i % 7)},1").ToList();
        lines[150_000] = "broken";

        var result = await Read([.. lines]);

        Assert.Equal(150_001, Assert.Single(result.Problems).Line);
        Assert.Equal(199_999, result.Traffic.Records);
        Assert.Equal(350, result.Traffic.Connections.Count);
    }

    private const string CsvHeader = "source,destination,protocol,port,count";

    private static MemoryStream Stream(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    private static Task<FlowReadResult> Read(params string[] lines) => FlowReader.ReadAsync(Stream(lines), "flows.txt");
}
