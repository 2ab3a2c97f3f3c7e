namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What the graph shows: nodes and edges, and whether namespaces start collapsed because the cluster is large.</summary>
public sealed record GraphModel(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Collapsed)
{
    /// <summary>Above this many edges (or <see cref="LargeNodes"/> nodes) the browser draws only the edges that matter now.</summary>
    public const int LargeEdges = 700;

    /// <summary>See <see cref="LargeEdges"/>.</summary>
    public const int LargeNodes = 400;

    /// <summary>Nothing to draw.</summary>
    public static readonly GraphModel Empty = new([], [], false);

    /// <summary>
    /// Too large to draw every edge at every frame and stay responsive: the browser draws the edges of the
    /// focused node, the selected edge and the draft's changes, and the others on request.
    /// </summary>
    public bool Large => Edges.Count > LargeEdges || Nodes.Count > LargeNodes;

    /// <summary>The node with this id, or null.</summary>
    public GraphNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>The edge with this id, or null.</summary>
    public GraphEdge? Edge(string id) => Edges.FirstOrDefault(e => e.Id == id);
}
