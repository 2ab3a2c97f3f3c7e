using System.Net;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Flows;

public class FlowAggregatorTests
{
    private static readonly FlowPeer Web = FlowPeer.OfWorkload("shop", "web");
    private static readonly FlowPeer Api = FlowPeer.OfWorkload("shop", "api");
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RepliesAndDuplicates_FoldIntoOneConnection_WithCountAndFirstAndLastSeen()
    {
        var aggregator = new FlowAggregator();
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded, 1, Noon));
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded, 1, Noon.AddMinutes(5), IsReply: true));
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded, 3, Noon.AddMinutes(-5)));

        var traffic = aggregator.Build();

        var connection = Assert.Single(traffic.Connections);
        Assert.Equal(5, connection.Count);
        Assert.Equal(Noon.AddMinutes(-5), connection.FirstSeen);
        Assert.Equal(Noon.AddMinutes(5), connection.LastSeen);
        Assert.Equal(3, traffic.Records);
    }

    [Fact]
    public void BothEndsReportingTheSameTraffic_CountItOnce()
    {
        var aggregator = new FlowAggregator();
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded, 4, Reporter: FlowReporter.Source));
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded, 3, Reporter: FlowReporter.Destination));

        Assert.Equal(4, Assert.Single(aggregator.Build().Connections).Count);
    }

    [Fact]
    public void OtherPortsAndProtocols_AreOtherConnections_AndDropsAreCounted()
    {
        var aggregator = new FlowAggregator();
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded));
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Udp, 8080, FlowVerdict.Dropped, 2, Reason: "POLICY_DENIED"));
        aggregator.Add(new FlowRecord(Web, Api, FlowProtocol.Icmp, 0, FlowVerdict.Forwarded));

        var traffic = aggregator.Build();

        Assert.Equal(["shop/web => shop/api : ICMP 0/0", "shop/web => shop/api : TCP 8080", "shop/web => shop/api : UDP 8080"], traffic.Connections.Select(c => c.ToString()));
        var udp = traffic.Connections.Single(c => c.Protocol == FlowProtocol.Udp);
        Assert.Equal((2, 0L, "POLICY_DENIED"), (udp.Dropped, udp.Forwarded, udp.Reason));
    }

    [Fact]
    public void AddingTraffic_KeepsWhatWasImportedBefore()
    {
        var first = new FlowAggregator();
        first.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded, 2));
        var second = new FlowAggregator();
        second.Add(new FlowRecord(Web, Api, FlowProtocol.Tcp, 8080, FlowVerdict.Forwarded, 5));
        second.Add(new FlowRecord(FlowPeer.OfAddress(IPAddress.Parse("203.0.113.9")), Web, FlowProtocol.Tcp, 443, FlowVerdict.Forwarded));

        var both = first.Build().Add(second.Build());

        Assert.Equal(2, both.Connections.Count);
        Assert.Equal(7, both.Connections.Single(c => c.Port == 8080).Count);
        Assert.Equal(3, both.Records);
    }

    [Theory]
    [InlineData("TCP", 6, "TCP")]
    [InlineData("udp", 17, "UDP")]
    [InlineData("ICMPv4", 1, "ICMP")]
    [InlineData("ICMPv6", 58, "ICMPv6")]
    [InlineData("47", 47, "47")]
    public void Protocols_AreReadByNameInAnyCaseOrByNumber(string text, int number, string name)
    {
        Assert.True(FlowProtocol.TryParse(text, out var protocol));
        Assert.Equal((number, name), (protocol.Number, protocol.Name));
    }

    [Fact]
    public void PeersWithLabelsOnly_AreNamedByTheirLabels()
    {
        var peer = new FlowPeer("shop", null, null, LabelSet.Of(("app", "web")), null);

        Assert.Equal("shop/{app=web}", peer.Text);
    }
}
