using Microsoft.AspNetCore.Components;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Components.Workspace;

/// <summary>The cluster's NetworkPolicies: which pods each selects, which directions it isolates, how many rules it has.</summary>
public partial class PolicyTable
{
    private IReadOnlyList<PolicyRow> _rows = [];
    private string? _search;

    /// <summary>The loaded cluster whose policies to list.</summary>
    [Parameter, EditorRequired]
    public LoadedCluster Sample { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnParametersSet() =>
        _rows = Sample.Result.Cluster.NetworkPolicies
            .Select(p => new PolicyRow(
                p.Namespace,
                p.Name,
                p.PodSelector.IsEmpty ? "all pods" : p.PodSelector.ToString(),
                p.AffectsIngress,
                p.AffectsEgress,
                p.Ingress.Count,
                p.Egress.Count,
                Sample.Describe(Sample.Result.LocationOf(p))))
            .ToList();

    private bool Matches(PolicyRow row) => TableSearch.Matches(_search, row.Namespace, row.Name, row.Selector);

    private sealed record PolicyRow(string Namespace, string Name, string Selector, bool Ingress, bool Egress, int IngressRules, int EgressRules, string Source);
}
