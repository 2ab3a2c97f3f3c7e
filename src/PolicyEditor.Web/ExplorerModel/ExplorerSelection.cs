namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// What the explorer has selected: a node, an edge, or a pair (perhaps one of an edge's pairs, with the
/// way back to the edge), and the node the graph is focused on.
/// </summary>
/// <param name="Node">The selected node's id.</param>
/// <param name="Edge">The selected edge.</param>
/// <param name="Pair">The pair explained.</param>
/// <param name="PairFromEdge">The edge the pair was picked from, to go back to.</param>
/// <param name="Focused">The node the graph dims the rest around.</param>
public sealed record ExplorerSelection(string? Node, GraphEdge? Edge, EndpointPair? Pair, GraphEdge? PairFromEdge, string? Focused)
{
    /// <summary>The protocol and port asked about the pair (Ask's "Show on the graph"), which its explanation keeps to; null to explain its first connection.</summary>
    public (Engine.Connections.Protocol Protocol, int Port)? Asked { get; init; }

    /// <summary>Nothing selected, nothing focused.</summary>
    public static readonly ExplorerSelection None = new(null, null, null, null, null);
}
