using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// One node of the policy view: the subject (<see cref="Side"/> null) or a peer on the ingress (left) or
/// egress (right) side. <see cref="Selector"/> holds its selector's terms as chips, <see cref="Lines"/>
/// what else to say, <see cref="Workloads"/> how many workloads of the draft it takes in now (null: not
/// workloads). <see cref="X"/> and <see cref="Y"/> place its top-left corner.
/// </summary>
public sealed record DiagramNode(string Id, DiagramNodeShape Shape, TrafficDirection? Side, string Title)
{
    /// <summary>The selector's terms (<c>app=web</c>, <c>tier in (a,b)</c>); empty: no selector to show.</summary>
    public IReadOnlyList<string> Selector { get; init; } = [];

    /// <summary>The namespace selector's terms, when the node chooses namespaces too.</summary>
    public IReadOnlyList<string> NamespaceSelector { get; init; } = [];

    /// <summary>Further lines: a CIDR's exceptions, a description the selector cannot be shown as.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>How many workloads of the draft the node takes in now; null when it does not stand for workloads.</summary>
    public int? Workloads { get; init; }

    /// <summary>The first few of those workloads' names.</summary>
    public IReadOnlyList<string> WorkloadNames { get; init; } = [];

    /// <summary>The endpoints (<see cref="Engine.Evaluation.Endpoint.Id"/>) a node of the workload view stands for; empty in the policy view.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>Whether the node is drawn compact (<see cref="PolicyDiagramBuilder.CompactHeight"/> high: title and selector only).</summary>
    public bool Compact { get; init; }

    /// <summary>Left edge.</summary>
    public double X { get; init; }

    /// <summary>Top edge.</summary>
    public double Y { get; init; }

    /// <summary>The peer in words, whole, when the title says it short (a Calico rule's peer); null: the title and chips say it.</summary>
    public string? Description { get; init; }

    /// <summary>The node's name in a sentence (for screen readers, its tooltip and the rule list).</summary>
    public string Name => Description ?? (Selector.Count > 0 || NamespaceSelector.Count > 0
        ? $"{Title} {string.Join(", ", NamespaceSelector.Concat(Selector))}"
        : Lines.Count > 0 ? $"{Title} {string.Join(", ", Lines)}" : Title);
}
