using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>Addresses on screen are written as people write them: CIDRs, never the report form <c>first-last[External]</c>.</summary>
public sealed class EndpointTextTests
{
    [Theory]
    [InlineData("203.0.113.192", "255.255.255.255", "203.0.113.192/26, 203.0.114.0/23 and 14 more")]
    [InlineData("100.66.241.7", "100.66.241.7", "100.66.241.7")]
    [InlineData("0.0.0.0", "255.255.255.255", "0.0.0.0/0")]
    [InlineData("10.0.0.0", "10.255.255.255", "10.0.0.0/8")]
    public void AnOutsideRange_IsShownInCidrNotation(string first, string last, string shown)
    {
        var range = new AddressRange(IpFamily.V4, AddressRange.ToNumber(System.Net.IPAddress.Parse(first)).Value, AddressRange.ToNumber(System.Net.IPAddress.Parse(last)).Value);

        Assert.Equal(shown, EndpointText.Id(Endpoint.Of(range)));
        Assert.Equal(shown, EndpointText.Short(Endpoint.Of(range)));
    }
}
