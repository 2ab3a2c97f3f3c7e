using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Tests.Sets;

public class ConnectionSetTests
{
    private static ConnectionSet Parse(string text) =>
        ConnectionSet.TryParse(text, out var set, out var error) ? set : throw new FormatException(error);

    [Theory]
    [InlineData("All Connections")]
    [InlineData("No Connections")]
    [InlineData("TCP 80,443,UDP 53")]
    [InlineData("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535")]
    [InlineData("TCP 10053-10054,UDP 10053")]
    [InlineData("ICMP 8,TCP 80,443,UDP 53,proto 47")]
    [InlineData("ICMP 0,8/0")]
    [InlineData("ICMP,ICMPv6 128/0,UDPLite 5000-5010")]
    [InlineData("proto 0,proto 47,proto 255")]
    [InlineData("ICMP 3/1,3/3,ICMPv6 1,2")]
    public void TextForm_RoundTrips(string text) => Assert.Equal(text, Parse(text).ToString());

    [Fact]
    public void EveryConnectionOfEveryProtocol_IsAllConnections()
    {
        var everything = Enumerable.Range(0, 256).Aggregate(ConnectionSet.None, (set, n) => set.Union(ConnectionSet.OfProtocol(n)));

        Assert.Same(ConnectionSet.All, everything);
        Assert.Equal("All Connections", everything.ToString());
    }

    [Fact]
    public void EveryPortOfTheThreeKubernetesProtocols_IsNotAllConnections()
    {
        var set = Parse("TCP 1-65535,UDP 1-65535,SCTP 1-65535");

        Assert.False(set.IsAll);
        Assert.Equal("SCTP 1-65535,TCP 1-65535,UDP 1-65535", set.ToString());
    }

    [Fact]
    public void Items_AreWrittenInReportOrder_WhateverOrderTheyWereGiven() =>
        Assert.Equal("ICMP 8,ICMPv6,SCTP 9,TCP 80,UDP 53,UDPLite 7,proto 2,proto 47",
            Parse("proto 47,UDPLite 7,UDP 53,TCP 80,SCTP 9,ICMPv6,ICMP 8,proto 2").ToString());

    [Fact]
    public void Union_MergesAdjacentRanges() =>
        Assert.Equal("TCP 80-90", Parse("TCP 80-85").Union(Parse("TCP 86-90")).ToString());

    [Fact]
    public void Subtract_FromAll_LeavesEveryOtherProtocolWhole()
    {
        var rest = ConnectionSet.All.Subtract(Parse("TCP 80"));

        Assert.Equal("1-79,81-65535", rest.Ports(Protocol.TCP).ToString());
        Assert.True(rest.IncludesAllOf(Protocol.ICMP));
        Assert.True(rest.IncludesAllOf(Protocol.UDPLite));
        Assert.True(rest.Contains(new Protocol(47), 0));
        Assert.Equal(250, rest.WholeProtocolCount);
        Assert.StartsWith("ICMP,ICMPv6,SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535,UDPLite 1-65535,proto 0,proto 2,", rest.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(",proto 255", rest.ToString(), StringComparison.Ordinal);
        Assert.Equal(ConnectionSet.All, rest.Union(Parse("TCP 80")));
    }

    [Fact]
    public void Complement_OfAProtocolNumber_HoldsEverythingElse()
    {
        var gre = ConnectionSet.OfProtocol(47);

        Assert.False(gre.Complement().Includes(new Protocol(47)));
        Assert.True(gre.Complement().IncludesAllOf(Protocol.TCP));
        Assert.Equal(gre, gre.Complement().Complement());
    }

    [Fact]
    public void Intersect_KeepsWhatBothHold() =>
        Assert.Equal("ICMP 8/0,TCP 443", Parse("ICMP 8,TCP 80,443,proto 47").Intersect(Parse("ICMP 8/0,TCP 443-8443,UDP 53")).ToString());

    [Fact]
    public void EqualSets_AreEqual_WhateverBuiltThem()
    {
        Assert.Equal(Parse("TCP 1-100").Subtract(Parse("TCP 50")), Parse("TCP 1-49,51-100"));
        Assert.Equal(Parse("ICMP 8").Subtract(Parse("ICMP 8/1")), Parse("ICMP 8/0,8/2-255"));
        Assert.Equal(Parse("ICMP 8").Subtract(Parse("ICMP 8/1")).GetHashCode(), Parse("ICMP 8/0,8/2-255").GetHashCode());
        Assert.NotEqual(Parse("ICMP 8"), Parse("ICMPv6 8"));
        Assert.NotEqual(Parse("UDP 53"), Parse("UDPLite 53"));
    }

    [Fact]
    public void AllAndNone_AreTheSharedInstances_WhateverBuiltThem()
    {
        Assert.Same(ConnectionSet.None, Parse("TCP 80").Subtract(Parse("TCP 1-65535")));
        Assert.Same(ConnectionSet.None, Parse("ICMP 8").Intersect(Parse("ICMPv6 8")));
        Assert.Same(ConnectionSet.All, ConnectionSet.All.Subtract(Parse("ICMP 3/4")).Union(ConnectionSet.Icmp(3, 4)));
    }

    [Fact]
    public void Contains_TakesAPortAnIcmpKeyOrNothing_ByProtocol()
    {
        var set = Parse("ICMP 8/0,TCP 80,UDPLite 9000,proto 47");

        Assert.True(set.Contains(Protocol.TCP, 80));
        Assert.False(set.Contains(Protocol.UDP, 80));
        Assert.True(set.Contains(Protocol.UDPLite, 9000));
        Assert.True(set.Contains(Protocol.ICMP, IcmpSet.Key(8, 0)));
        Assert.False(set.Contains(Protocol.ICMP, IcmpSet.Key(8, 1)));
        Assert.False(set.Contains(Protocol.ICMPv6, IcmpSet.Key(8, 0)));
        Assert.True(set.Contains(ConnectionPoint.Whole(new Protocol(47))));
        Assert.False(set.Contains(ConnectionPoint.Whole(new Protocol(50))));
    }

    [Fact]
    public void Constructors_NameEveryKindOfConnection()
    {
        Assert.Equal("ICMP 8", ConnectionSet.Icmp(8).ToString());
        Assert.Equal("ICMP 8/0", ConnectionSet.Icmp(8, 0).ToString());
        Assert.Equal("ICMPv6 128", ConnectionSet.IcmpV6(128).ToString());
        Assert.Equal("proto 47", ConnectionSet.OfProtocol(47).ToString());
        Assert.Equal("TCP 6", ConnectionSet.Of(new Protocol(6), 6).ToString());
        Assert.Equal("UDPLite 1-65535", ConnectionSet.AllOf(Protocol.UDPLite).ToString());
        Assert.Equal("ICMP", ConnectionSet.AllOf(Protocol.ICMP).ToString());
        Assert.Equal("SCTP 100-200", ConnectionSet.Of(Protocol.SCTP, 100, 200).ToString());
        Assert.Throws<ArgumentException>(() => ConnectionSet.Of(Protocol.ICMP, 80));
        Assert.Throws<ArgumentException>(() => ConnectionSet.Of(new Protocol(47), PortSet.All));
    }

    [Fact]
    public void RangeStarts_AskOneQuestionPerRange()
    {
        var starts = Parse("ICMP 0,8/0,TCP 80,443-445,proto 47").RangeStarts().Select(p => p.ToString());

        Assert.Equal(["ICMP 0/0", "ICMP 8/0", "TCP 80", "TCP 443", "proto 47"], starts);
    }

    [Fact]
    public void FirstPoint_PrefersTcp_ThenTheReportOrder()
    {
        Assert.Equal("TCP 80", Parse("ICMP 8,TCP 80,UDP 53").FirstPoint.ToString());
        Assert.Equal("ICMP 8/0", Parse("ICMP 8,proto 47").FirstPoint.ToString());
        Assert.Equal("proto 47", Parse("proto 47").FirstPoint.ToString());
        Assert.Null(ConnectionSet.None.FirstPoint);
    }

    [Theory]
    [InlineData("All Connections", "All Connections")]
    [InlineData("No Connections", "No Connections")]
    [InlineData("TCP 80,proto 47", "TCP 80")]
    [InlineData("ICMP,SCTP 1-65535,TCP 1-65535,UDP 1-65535", "All Connections")]
    [InlineData("ICMP 8", "No Connections")]
    public void AsReportedOverTheKubernetesProtocols_KeepsSctpTcpAndUdp(string text, string reported) =>
        Assert.Equal(reported, Parse(text).AsReported(ProtocolScope.Kubernetes).ToString());

    [Fact]
    public void AsReportedOverEveryProtocol_IsTheSet()
    {
        var set = Parse("ICMP 8,TCP 80");

        Assert.Same(set, set.AsReported(ProtocolScope.Every));
    }

    [Fact]
    public void Describe_NamesWhatIsMissing_WhenThatIsShorter()
    {
        Assert.Equal("All Connections except TCP 80", ConnectionSet.All.Subtract(Parse("TCP 80")).Describe());
        Assert.Equal("All Connections except ICMP 8/0,proto 47", ConnectionSet.All.Subtract(Parse("ICMP 8/0,proto 47")).Describe());
        Assert.Equal("TCP 80,UDP 53", Parse("TCP 80,UDP 53").Describe());
        Assert.Equal("All Connections", ConnectionSet.All.Describe());
        Assert.Equal("No Connections", ConnectionSet.None.Describe());
    }

    [Theory]
    [InlineData("tcp 80, icmpv6 1, udplite 5", "ICMPv6 1,TCP 80,UDPLite 5")]
    [InlineData("TCP", "TCP 1-65535")]
    [InlineData("ICMP 0-2", "ICMP 0,1,2")]
    [InlineData("ICMP 3/0-2", "ICMP 3/0,3/1,3/2")]
    [InlineData("proto 6", "TCP 1-65535")]
    [InlineData("TCP 80,proto 47,UDP 53", "TCP 80,UDP 53,proto 47")]
    public void LenientText_IsRead(string text, string canonical) => Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("80")]
    [InlineData("TCP 0")]
    [InlineData("TCP 70000")]
    [InlineData("TCP 9-1")]
    [InlineData("ICMP 256")]
    [InlineData("ICMP 8/256")]
    [InlineData("ICMP 8/x")]
    [InlineData("proto 256")]
    [InlineData("proto 47 80")]
    [InlineData("proto 47,80")]
    [InlineData("FOO 80")]
    public void BadText_IsRejectedWithAReason(string text)
    {
        Assert.False(ConnectionSet.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void PortSet_ComplementOfComplement_IsTheSet()
    {
        var set = PortSet.FromRanges([new PortRange(10, 20), new PortRange(30, 30), new PortRange(25, 29)]);

        Assert.Equal("10-20,25-30", set.ToString());
        Assert.Equal(set, set.Complement().Complement());
        Assert.True(set.Contains(27));
        Assert.False(set.Contains(21));
    }
}
