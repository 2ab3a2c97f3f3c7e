using System.Text.Json;
using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Tests.Sets;

public class ProtocolTests
{
    [Theory]
    [InlineData("TCP", 6)]
    [InlineData("tcp", 6)]
    [InlineData("UDP", 17)]
    [InlineData("SCTP", 132)]
    [InlineData("UDPLite", 136)]
    [InlineData("udplite", 136)]
    [InlineData("ICMP", 1)]
    [InlineData("ICMPv6", 58)]
    [InlineData("icmp6", 58)]
    [InlineData("47", 47)]
    [InlineData("proto 47", 47)]
    [InlineData("0", 0)]
    [InlineData("255", 255)]
    public void NamesAndNumbers_AreRead(string text, int number)
    {
        Assert.True(Protocol.TryParse(text, out var protocol));
        Assert.Equal(number, protocol.Number);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("-1")]
    [InlineData("GRE")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownProtocols_AreNotRead(string? text) => Assert.False(Protocol.TryParse(text, out _));

    [Theory]
    [InlineData(1, "ICMP")]
    [InlineData(58, "ICMPv6")]
    [InlineData(136, "UDPLite")]
    [InlineData(47, "proto 47")]
    [InlineData(0, "proto 0")]
    public void Protocols_AreNamedAsReportsNameThem(int number, string text) => Assert.Equal(text, new Protocol(number).ToString());

    [Fact]
    public void NamedProtocols_AreTheStaticInstances()
    {
        Assert.Equal(Protocol.TCP, new Protocol(6));
        Assert.True(Protocol.TCP.HasPorts && Protocol.UDPLite.HasPorts && !Protocol.ICMP.HasPorts);
        Assert.True(Protocol.ICMPv6.HasTypes && !new Protocol(47).HasTypes);
        Assert.True(Protocol.SCTP.IsKubernetes && !Protocol.UDPLite.IsKubernetes);
    }

    [Fact]
    public void ReportOrder_IsNamedProtocolsThenNumbers()
    {
        var shuffled = new[] { new Protocol(47), Protocol.UDPLite, Protocol.TCP, new Protocol(2), Protocol.ICMPv6, Protocol.SCTP, Protocol.UDP, Protocol.ICMP };

        Assert.Equal(["ICMP", "ICMPv6", "SCTP", "TCP", "UDP", "UDPLite", "proto 2", "proto 47"], shuffled.Order().Select(p => p.ToString()));
    }

    [Fact]
    public void KubernetesNames_AreOnlyTheThreeUpperCaseSpellings()
    {
        Assert.True(Protocols.TryParseKubernetes("SCTP", out var sctp));
        Assert.Equal(Protocol.SCTP, sctp);
        Assert.False(Protocols.TryParseKubernetes("tcp", out _));
        Assert.False(Protocols.TryParseKubernetes("ICMP", out _));
        Assert.False(Protocols.TryParseKubernetes("6", out _));
    }

    [Fact]
    public void Json_WritesTheReportName_AndReadsItBack()
    {
        Assert.Equal("\"proto 47\"", JsonSerializer.Serialize(new Protocol(47)));
        Assert.Equal(Protocol.ICMPv6, JsonSerializer.Deserialize<Protocol>("\"ICMPv6\""));
        Assert.Equal(new Protocol(47), JsonSerializer.Deserialize<Protocol>("47"));
    }

    [Fact]
    public void OutOfRangeNumbers_AreRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => new Protocol(256));
}
