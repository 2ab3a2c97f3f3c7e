namespace PolicyEditor.E2E.Explorer;

/// <summary>What the graph draws, as its test hook reports it (<c>window.policyEditorGraph.snapshot()</c>).</summary>
public sealed record GraphSnapshot(int Version, string? Focus, IReadOnlyList<GraphSnapshot.Node> Nodes, IReadOnlyList<GraphSnapshot.Edge> Edges, double Zoom = 1)
{
    /// <summary>The node with this id, or null.</summary>
    public Node? NodeById(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>The edge with this id, or null.</summary>
    public Edge? EdgeById(string id) => Edges.FirstOrDefault(e => e.Id == id);

    /// <summary>A node: id, label, kind, parent (its namespace's node for a workload) and style classes.</summary>
    public sealed record Node(string Id, string Label, string Kind, string? Parent, IReadOnlyList<string> Classes);

    /// <summary>An edge: id, ends, label, how many pairs it stands for, and style classes.</summary>
    public sealed record Edge(string Id, string Source, string Target, string Label, int Pairs, IReadOnlyList<string> Classes);
}
