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
    public void TextForm_RoundTrips(string text) => Assert.Equal(text, Parse(text).ToString());

    [Fact]
    public void EveryPortOfEveryProtocol_IsAllConnections() =>
        Assert.Equal("All Connections", Parse("TCP 1-65535,UDP 1-65535,SCTP 1-65535").ToString());

    [Fact]
    public void Union_MergesAdjacentRanges() =>
        Assert.Equal("TCP 80-90", Parse("TCP 80-85").Union(Parse("TCP 86-90")).ToString());

    [Fact]
    public void Subtract_FromAll_LeavesTheComplement() =>
        Assert.Equal("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535", ConnectionSet.All.Subtract(Parse("TCP 80")).ToString());

    [Fact]
    public void Intersect_KeepsWhatBothHold() =>
        Assert.Equal("TCP 443", Parse("TCP 80,443").Intersect(Parse("TCP 443-8443,UDP 53")).ToString());

    [Fact]
    public void EqualSets_AreEqual_WhateverBuiltThem() =>
        Assert.Equal(Parse("TCP 1-100").Subtract(Parse("TCP 50")), Parse("TCP 1-49,51-100"));

    [Theory]
    [InlineData("80")]
    [InlineData("TCP 0")]
    [InlineData("TCP 70000")]
    [InlineData("TCP 9-1")]
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
