using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Tests.Sets;

public class IcmpSetTests
{
    [Fact]
    public void TypeAlone_HoldsEveryCodeOfThatType()
    {
        var echo = IcmpSet.OfType(8);

        Assert.True(echo.Contains(8, 0));
        Assert.True(echo.Contains(8, 255));
        Assert.False(echo.Contains(7, 255));
        Assert.False(echo.Contains(9, 0));
        Assert.Equal("8", echo.ToString());
    }

    [Fact]
    public void TypeAndCode_HoldsThatCodeOnly()
    {
        var set = IcmpSet.Of(3, 4);

        Assert.True(set.Contains(3, 4));
        Assert.False(set.Contains(3, 3));
        Assert.Equal("3/4", set.ToString());
    }

    [Fact]
    public void UnionOfEveryCode_IsTheTypeAlone()
    {
        var codes = Enumerable.Range(0, 256).Aggregate(IcmpSet.Empty, (set, code) => set.Union(IcmpSet.Of(5, code)));

        Assert.Equal(IcmpSet.OfType(5), codes);
        Assert.Equal("5", codes.ToString());
    }

    [Fact]
    public void UnionOfCodes_ListsEachCode() =>
        Assert.Equal("3/0,3/1,3/3", IcmpSet.Of(3, 3).Union(IcmpSet.Of(3, 0)).Union(IcmpSet.Of(3, 1)).ToString());

    [Fact]
    public void SubtractingACode_LeavesTheOtherCodesOfTheType()
    {
        var rest = IcmpSet.OfType(3).Subtract(IcmpSet.Of(3, 1));

        Assert.False(rest.Contains(3, 1));
        Assert.True(rest.Contains(3, 0));
        Assert.True(rest.Contains(3, 2));
        Assert.StartsWith("3/0,3/2,3/3,", rest.ToString(), StringComparison.Ordinal);
        Assert.Equal(IcmpSet.OfType(3), rest.Union(IcmpSet.Of(3, 1)));
    }

    [Fact]
    public void SubtractingAType_FromAll_KeepsTheOtherTypesWhole()
    {
        var rest = IcmpSet.All.Subtract(IcmpSet.OfType(8));

        Assert.False(rest.IsAll);
        Assert.False(rest.Contains(8, 0));
        Assert.True(rest.Contains(7, 255));
        Assert.True(rest.Contains(9, 0));
        Assert.Same(IcmpSet.All, rest.Union(IcmpSet.OfType(8)));
    }

    [Fact]
    public void Intersect_KeepsWhatBothHold()
    {
        Assert.Equal(IcmpSet.Of(8, 0), IcmpSet.OfType(8).Intersect(IcmpSet.Of(8, 0).Union(IcmpSet.OfType(0))));
        Assert.Same(IcmpSet.Empty, IcmpSet.OfType(8).Intersect(IcmpSet.OfType(0)));
    }

    [Fact]
    public void EveryType_IsAll() =>
        Assert.Same(IcmpSet.All, IcmpSet.OfTypes(0, 255));

    [Theory]
    [InlineData("8", "8")]
    [InlineData("8/0", "8/0")]
    [InlineData("0-2", "0,1,2")]
    [InlineData("3/1-3", "3/1,3/2,3/3")]
    [InlineData("0-1/0", "0/0,1/0")]
    public void Items_AreRead(string text, string canonical)
    {
        Assert.True(IcmpSet.TryParseItem(text, out var set, out var error), error);
        Assert.Equal(canonical, set.ToString());
    }

    [Theory]
    [InlineData("256")]
    [InlineData("8/256")]
    [InlineData("-1")]
    [InlineData("8/")]
    [InlineData("2-1")]
    [InlineData("x")]
    public void BadItems_AreRejectedWithAReason(string text)
    {
        Assert.False(IcmpSet.TryParseItem(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void OutOfRangeValues_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IcmpSet.OfType(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => IcmpSet.Of(8, -1));
    }
}
