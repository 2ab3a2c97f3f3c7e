using Microsoft.AspNetCore.Components;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Components.Workspace;

/// <summary>The cluster's workloads: kind, pod labels, container ports and where each was defined.</summary>
public partial class WorkloadTable
{
    private IReadOnlyList<WorkloadRow> _rows = [];
    private string? _search;

    /// <summary>The loaded cluster whose workloads to list.</summary>
    [Parameter, EditorRequired]
    public LoadedCluster Sample { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnParametersSet() =>
        _rows = Sample.Result.Cluster.Workloads
            .Select(w => new WorkloadRow(w.Namespace, w.Name, w.Kind, w.Labels, w.Ports.Select(Describe).ToList(), Sample.Describe(Sample.Result.LocationOf(w))))
            .ToList();

    /// <summary>A port as <c>name number/protocol</c>, e.g. <c>http 8080/TCP</c>.</summary>
    internal static string Describe(ContainerPort port) =>
        port.Name is null ? $"{port.Number}/{port.Protocol}" : $"{port.Name} {port.Number}/{port.Protocol}";

    private bool Matches(WorkloadRow row) => TableSearch.Matches(_search, row.Namespace, row.Name, row.Kind, row.Labels.ToString());

    private sealed record WorkloadRow(string Namespace, string Name, string Kind, LabelSet Labels, IReadOnlyList<string> Ports, string Source);
}
