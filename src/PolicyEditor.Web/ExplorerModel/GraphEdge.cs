namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// An edge of the reachability graph: the connections allowed from one node to another (or, for an edge
/// the draft blocks, those it allowed before). An edge from or to a namespace stands for every workload
/// of that namespace.
/// </summary>
/// <param name="Id">Stable id, <c>source-&gt;target</c>.</param>
/// <param name="Source">The source node's id.</param>
/// <param name="Target">The target node's id.</param>
/// <param name="Label">The connections in short (<c>TCP 8080</c>, <c>all</c>, <c>12 pairs · TCP 80</c>).</param>
/// <param name="Classes">Protocol class (tcp, udp, sctp, mixed, all, none), change class (added, blocked, changed) and bundle.</param>
/// <param name="Title">The connections in full, and what the draft changed, for the tooltip.</param>
/// <param name="Pairs">How many endpoint pairs the edge stands for.</param>
public sealed record GraphEdge(string Id, string Source, string Target, string Label, IReadOnlyList<string> Classes, string Title, int Pairs = 1);
