namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The changes that turn one graph into another, sent to the browser instead of a redraw, and whether the result is <see cref="GraphModel.Large"/>.</summary>
public sealed record GraphDelta(
    IReadOnlyList<GraphNode> AddNodes,
    IReadOnlyList<GraphNode> UpdateNodes,
    IReadOnlyList<string> RemoveNodes,
    IReadOnlyList<GraphEdge> AddEdges,
    IReadOnlyList<GraphEdge> UpdateEdges,
    IReadOnlyList<string> RemoveEdges,
    bool Large)
{
    /// <summary>True when no node or edge changed.</summary>
    public bool IsEmpty => AddNodes.Count + UpdateNodes.Count + RemoveNodes.Count + AddEdges.Count + UpdateEdges.Count + RemoveEdges.Count == 0;

    /// <summary>What changed between two graphs, by id. Boxes come before what they hold in <see cref="AddNodes"/>.</summary>
    public static GraphDelta Between(GraphModel before, GraphModel after)
    {
        var oldNodes = before.Nodes.ToDictionary(n => n.Id);
        var newNodes = after.Nodes.ToDictionary(n => n.Id);
        var oldEdges = before.Edges.ToDictionary(e => e.Id);
        var newEdges = after.Edges.ToDictionary(e => e.Id);
        return new GraphDelta(
            [.. after.Nodes.Where(n => !oldNodes.ContainsKey(n.Id)).OrderBy(n => Depth(n, newNodes))],
            [.. after.Nodes.Where(n => oldNodes.TryGetValue(n.Id, out var o) && !Same(o, n))],
            [.. before.Nodes.Where(n => !newNodes.ContainsKey(n.Id)).Select(n => n.Id)],
            [.. after.Edges.Where(e => !oldEdges.ContainsKey(e.Id))],
            [.. after.Edges.Where(e => oldEdges.TryGetValue(e.Id, out var o) && !Same(o, e))],
            [.. before.Edges.Where(e => !newEdges.ContainsKey(e.Id)).Select(e => e.Id)],
            after.Large);
    }

    /// <summary>How many boxes hold a node (a workload in a namespace in a group: 2).</summary>
    private static int Depth(GraphNode node, Dictionary<string, GraphNode> nodes)
    {
        var depth = 0;
        for (var parent = node.Parent; parent is not null && nodes.TryGetValue(parent, out var p); parent = p.Parent)
        {
            depth++;
        }

        return depth;
    }

    private static bool Same(GraphNode a, GraphNode b) => a.Label == b.Label && a.Parent == b.Parent && a.Title == b.Title && a.Kind == b.Kind && a.Classes.SequenceEqual(b.Classes);

    private static bool Same(GraphEdge a, GraphEdge b) => a.Label == b.Label && a.Title == b.Title && a.Pairs == b.Pairs && a.Classes.SequenceEqual(b.Classes);
}
