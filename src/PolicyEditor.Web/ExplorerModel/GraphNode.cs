namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// A node of the reachability graph: a namespace (a box holding its workloads, or one collapsed node),
/// a workload, an external address block, the internet, all named external blocks as one node, or the
/// ingress controller.
/// </summary>
/// <param name="Id">Stable id (see <see cref="GraphIds"/>); the same object keeps the same id across states.</param>
/// <param name="Label">What the graph writes on the node.</param>
/// <param name="Kind">One of <see cref="GraphIds"/>' kinds: namespace, workload, external, externals, internet, controller.</param>
/// <param name="Parent">The namespace node holding a workload; null for top-level nodes.</param>
/// <param name="Classes">Style classes (open-ingress, deny-egress, warning, collapsed, ...), also read by tests.</param>
/// <param name="Title">A sentence for the tooltip.</param>
public sealed record GraphNode(string Id, string Label, string Kind, string? Parent, IReadOnlyList<string> Classes, string Title);
