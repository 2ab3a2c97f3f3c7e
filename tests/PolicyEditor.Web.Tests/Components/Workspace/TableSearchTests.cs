using PolicyEditor.Web.Components.Workspace;

namespace PolicyEditor.Web.Tests.Components.Workspace;

public sealed class TableSearchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("  ", true)]
    [InlineData("payments", true)]
    [InlineData("PAYMENTS api", true)]
    [InlineData("tier=backend", true)]
    [InlineData("payments frontend", false)]
    public void Matches_WhenEveryWordOccursInSomeField(string? search, bool expected) =>
        Assert.Equal(expected, TableSearch.Matches(search, "payments", "payments-api", "app=payments-api,tier=backend"));
}
