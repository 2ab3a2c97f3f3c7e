using PolicyEditor.Web.Reviews;

namespace PolicyEditor.Web.Tests.Reviews;

/// <summary>What a review's participants see of each other's selection: graph elements are outlined on the graph, other selections are not.</summary>
public sealed class PresenceSelectionTests
{
    [Theory]
    [InlineData("w:shop/db[StatefulSet]")]
    [InlineData("ns:shop")]
    public void ASelectedNode_IsOutlinedOnTheGraph(string node) => Assert.Equal(node, PresenceSelection.GraphElement(PresenceSelection.Node(node)));

    [Fact]
    public void ASelectedEdge_IsOutlinedOnTheGraph() =>
        Assert.Equal("ns:shop->w:kube-system/kube-dns[Deployment]", PresenceSelection.GraphElement(PresenceSelection.Edge("ns:shop->w:kube-system/kube-dns[Deployment]")));

    [Theory]
    [InlineData(null)]
    [InlineData("policy:shop/allow-web")]
    [InlineData("change:shop/web[Deployment]→shop/db[StatefulSet]")]
    public void OtherSelections_AreNotOnTheGraph(string? selection) => Assert.Null(PresenceSelection.GraphElement(selection));
}
