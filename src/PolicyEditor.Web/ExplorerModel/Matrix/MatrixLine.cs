namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// A row or column of the reachability matrix: one node of the graph at the graph's grouping level (a
/// namespace in the overview, a workload where its namespace is open, an external block, the internet,
/// the ingress controller, a special peer or a DNS name).
/// </summary>
/// <param name="NodeId">The graph node it stands for (see <see cref="GraphIds"/>); selecting the line selects the node.</param>
/// <param name="Label">What the header says: a namespace, a workload's name, a block's CIDRs.</param>
/// <param name="Kind">The node's kind (<see cref="GraphIds"/>' kinds).</param>
/// <param name="Namespace">The namespace of a workload or namespace line; null outside the cluster.</param>
/// <param name="Members">How many endpoints it stands for (a namespace's workloads, a group's blocks).</param>
/// <param name="Name">The line in a sentence: <c>shop/web</c>, <c>namespace shop</c>, <c>the internet</c>.</param>
public sealed record MatrixLine(string NodeId, string Label, string Kind, string? Namespace, int Members, string Name)
{
    /// <summary>Whether the line is a namespace shown as one (it opens to its workloads).</summary>
    public bool IsNamespace => Kind == GraphIds.NamespaceKind;

    /// <summary>Whether the line is outside the cluster.</summary>
    public bool IsOutside => Namespace is null;

    /// <summary>Whether a search text names the line (its label, namespace or name).</summary>
    public bool Matches(string? text) =>
        string.IsNullOrWhiteSpace(text) || Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) || Label.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase);
}
