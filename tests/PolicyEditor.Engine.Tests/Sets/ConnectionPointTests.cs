using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Tests.Sets;

public class ConnectionPointTests
{
    [Theory]
    [InlineData("TCP", "80", "TCP 80")]
    [InlineData("udplite", "9000", "UDPLite 9000")]
    [InlineData("ICMP", "8/0", "ICMP 8/0")]
    [InlineData("ICMP", "8", "ICMP 8/0")]
    [InlineData("ICMPv6", "128/0", "ICMPv6 128/0")]
    [InlineData("47", null, "proto 47")]
    [InlineData("proto 50", "", "proto 50")]
    public void Questions_AreRead(string protocol, string? value, string text)
    {
        Assert.True(ConnectionPoint.TryParse(protocol, value, out var point, out var error), error);
        Assert.Equal(text, point.ToString());
    }

    [Theory]
    [InlineData("TCP", null)]
    [InlineData("TCP", "0")]
    [InlineData("UDP", "8/0")]
    [InlineData("ICMP", "8/256")]
    [InlineData("ICMP", "x")]
    [InlineData("47", "80")]
    [InlineData("GRE", null)]
    public void BadQuestions_AreRefusedWithAReason(string protocol, string? value)
    {
        Assert.False(ConnectionPoint.TryParse(protocol, value, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void AnIcmpPoint_IsInTheSetOfItsType()
    {
        var point = ConnectionPoint.Icmp(Protocol.ICMP, 8, 0);

        Assert.True(ConnectionSet.Icmp(8).Contains(point));
        Assert.Equal(ConnectionSet.Icmp(8, 0), ConnectionSet.Of(point));
        Assert.Equal((8, 0), (point.IcmpType, point.IcmpCode));
    }
}
