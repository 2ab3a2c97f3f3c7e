using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Engine.Tests.Sets;

public class AddressTests
{
    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("banana/8")]
    [InlineData("10.0.0.0")]
    [InlineData("::/129")]
    public void InvalidCidr_IsRejectedWithAReason(string text)
    {
        Assert.False(Cidr.TryParse(text, out _, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void HostBits_AreCleared() => Assert.Equal("10.0.0.0/8", Cidr.Parse("10.1.2.3/8").Text);

    [Fact]
    public void Ipv6Cidr_Parses() => Assert.Equal("2001:db8::-2001:db8::ffff", Cidr.Parse("2001:db8::/112").Range.ToString());

    [Fact]
    public void Subtract_CarvesHoles()
    {
        var set = AddressSet.Of(Cidr.Parse("10.0.0.0/8")).Subtract(AddressSet.Of(Cidr.Parse("10.1.0.0/16")));

        Assert.Equal("10.0.0.0-10.0.255.255,10.2.0.0-10.255.255.255", set.ToString());
    }

    [Fact]
    public void Range_BecomesTheFewestCidrs() =>
        Assert.Equal(["10.0.0.0/15", "10.2.0.0/16"], new AddressRange(IpFamily.V4, Cidr.Parse("10.0.0.0/8").Network, Cidr.Parse("10.2.0.0/16").Range.Last).ToCidrs());

    [Fact]
    public void ExternalSpace_IsCutIntoTheCoarsestBlocks()
    {
        var space = ExternalSpace.Cut([AddressSet.Of(Cidr.Parse("0.0.0.0/0")).Subtract(AddressSet.Of(Cidr.Parse("10.0.0.0/8")))]);

        Assert.Equal(2, space.Blocks.Length);
        Assert.Contains(space.Blocks, b => b.ToString() == "0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255");
        Assert.Contains(space.Blocks, b => b.ToString() == "10.0.0.0-10.255.255.255");
    }

    [Fact]
    public void ExternalSpace_CoversIpv6_OnlyWhenAPolicyNamesIt()
    {
        Assert.Single(ExternalSpace.Cut([]).Blocks);
        Assert.Equal(3, ExternalSpace.Cut([AddressSet.Of(Cidr.Parse("2001:db8::/32"))]).Blocks.Length);
    }
}
