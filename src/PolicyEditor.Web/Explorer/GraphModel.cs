namespace PolicyEditor.Web.Explorer;

/// <summary>A node of the reachability graph: a namespace (compound), a workload, an external block, the internet or the ingress controller.</summary>
public sealed record GraphNode(string Id, string Label, string Kind, string? Parent, IReadOnlyList<string> Classes, string Title);

/// <summary>An edge of the reachability graph: allowed (or, in the draft, newly blocked) traffic from one node to another.</summary>
public sealed record GraphEdge(string Id, string Source, string Target, string Label, IReadOnlyList<string> Classes, string Title);

/// <summary>What the graph shows: nodes and edges, and whether namespaces are collapsed because the cluster is large.</summary>
public sealed record GraphModel(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Collapsed)
{
    public static readonly GraphModel Empty = new([], [], false);
}

/// <summary>The changes that turn one graph into another, sent to the browser instead of a redraw.</summary>
public sealed record GraphDelta(
    IReadOnlyList<GraphNode> AddNodes,
    IReadOnlyList<GraphNode> UpdateNodes,
    IReadOnlyList<string> RemoveNodes,
    IReadOnlyList<GraphEdge> AddEdges,
    IReadOnlyList<GraphEdge> UpdateEdges,
    IReadOnlyList<string> RemoveEdges)
{
    public bool IsEmpty => AddNodes.Count + UpdateNodes.Count + RemoveNodes.Count + AddEdges.Count + UpdateEdges.Count + RemoveEdges.Count == 0;

    /// <summary>What changed between two graphs, by id.</summary>
    public static GraphDelta Between(GraphModel before, GraphModel after)
    {
        var oldNodes = before.Nodes.ToDictionary(n => n.Id);
        var newNodes = after.Nodes.ToDictionary(n => n.Id);
        var oldEdges = before.Edges.ToDictionary(e => e.Id);
        var newEdges = after.Edges.ToDictionary(e => e.Id);
        return new GraphDelta(
            [.. after.Nodes.Where(n => !oldNodes.ContainsKey(n.Id))],
            [.. after.Nodes.Where(n => oldNodes.TryGetValue(n.Id, out var o) && !Same(o, n))],
            [.. before.Nodes.Where(n => !newNodes.ContainsKey(n.Id)).Select(n => n.Id)],
            [.. after.Edges.Where(e => !oldEdges.ContainsKey(e.Id))],
            [.. after.Edges.Where(e => oldEdges.TryGetValue(e.Id, out var o) && !Same(o, e))],
            [.. before.Edges.Where(e => !newEdges.ContainsKey(e.Id)).Select(e => e.Id)]);
    }

    private static bool Same(GraphNode a, GraphNode b) => a.Label == b.Label && a.Parent == b.Parent && a.Title == b.Title && a.Classes.SequenceEqual(b.Classes);

    private static bool Same(GraphEdge a, GraphEdge b) => a.Label == b.Label && a.Title == b.Title && a.Classes.SequenceEqual(b.Classes);
}
