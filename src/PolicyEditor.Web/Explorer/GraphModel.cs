namespace PolicyEditor.Web.Explorer;

/// <summary>What the graph shows: nodes and edges, and whether namespaces start collapsed because the cluster is large.</summary>
public sealed record GraphModel(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Collapsed)
{
    /// <summary>Nothing to draw.</summary>
    public static readonly GraphModel Empty = new([], [], false);

    /// <summary>The node with this id, or null.</summary>
    public GraphNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>The edge with this id, or null.</summary>
    public GraphEdge? Edge(string id) => Edges.FirstOrDefault(e => e.Id == id);
}
