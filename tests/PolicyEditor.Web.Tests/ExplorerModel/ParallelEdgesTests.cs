using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>Two edges between the same nodes in opposite directions are drawn as one, with both labels; the model keeps both.</summary>
public sealed class ParallelEdgesTests
{
    private const string A = "w:shop/a[Deployment]";
    private const string B = "w:shop/b[Deployment]";
    private const string C = "w:shop/c[Deployment]";

    private static GraphEdge Edge(string source, string target, string label, params string[] classes) =>
        new(GraphIds.Edge(source, target), source, target, label, classes, $"{source} → {target}: {label}");

    private static GraphModel Graph(params GraphEdge[] edges) => new([], edges, false);

    [Theory]
    [InlineData("TCP 80", "tcp", "TCP 80", "tcp", "⇄ TCP 80", "tcp")]
    [InlineData("TCP 80", "tcp", "UDP 53", "udp", "→ TCP 80  ·  ← UDP 53", "mixed")]
    [InlineData("all", "all", "all", "all", "⇄ all", "all")]
    public void OppositeEdges_AreDrawnAsOne_WithBothLabels(string forward, string forwardClass, string backward, string backwardClass, string label, string protocol)
    {
        var graph = ParallelEdges.Merge(Graph(Edge(B, A, backward, backwardClass), Edge(A, B, forward, forwardClass)));

        Assert.Equal(2, graph.Edges.Count);
        var drawn = graph.Edges.Single(e => e.Source == A);
        Assert.Equal(label, drawn.Label);
        Assert.Contains(ParallelEdges.BothWays, drawn.Classes);
        Assert.Equal(protocol, drawn.Classes[0]);
        Assert.Contains($"{A} → {B}", drawn.Title, StringComparison.Ordinal);
        Assert.Contains($"{B} → {A}", drawn.Title, StringComparison.Ordinal);
        var kept = graph.Edges.Single(e => e.Source == B);
        Assert.Equal(backward, kept.Label);
        Assert.Contains(ParallelEdges.MergedAway, kept.Classes);
    }

    [Theory]
    [InlineData("added")]
    [InlineData("blocked")]
    [InlineData("observed")]
    [InlineData("intent")]
    public void EdgesWhoseDirectionMatters_StayApart(string mark)
    {
        var graph = Graph(Edge(A, B, "TCP 80", "tcp", mark), Edge(B, A, "TCP 80", "tcp"), Edge(A, C, "TCP 80", "tcp"));

        Assert.Same(graph, ParallelEdges.Merge(graph));
    }

    [Fact]
    public void TheEdgeCount_IsOfTheEdgesDrawn_AndSaysHowManyAreBothWays()
    {
        var graph = ParallelEdges.Merge(Graph(Edge(A, B, "TCP 80", "tcp"), Edge(B, A, "TCP 80", "tcp"), Edge(A, C, "UDP 53", "udp")));

        Assert.Equal(3, graph.Edges.Count);
        Assert.Equal(2, graph.DrawnEdges);
        Assert.Equal(1, graph.BothWaysEdges);
    }
}
