using Microsoft.AspNetCore.Components;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.Components.Workspace;

/// <summary>The cluster's namespaces with their labels and how many workloads and policies each holds.</summary>
public partial class NamespaceTable
{
    private IReadOnlyList<NamespaceRow> _rows = [];

    /// <summary>The cluster whose namespaces to list.</summary>
    [Parameter, EditorRequired]
    public Cluster Cluster { get; set; } = Cluster.Empty;

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var workloads = Cluster.Workloads.CountBy(w => w.Namespace).ToDictionary();
        var policies = Cluster.NetworkPolicies.CountBy(p => p.Namespace).ToDictionary();
        _rows = Cluster.Namespaces
            .Select(n => new NamespaceRow(n.Name, n.Labels, workloads.GetValueOrDefault(n.Name), policies.GetValueOrDefault(n.Name)))
            .ToList();
    }

    private sealed record NamespaceRow(string Name, LabelSet Labels, int Workloads, int Policies);
}
