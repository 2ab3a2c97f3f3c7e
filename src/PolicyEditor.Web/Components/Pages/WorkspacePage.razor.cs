using Microsoft.AspNetCore.Components;
using MudBlazor;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.Components.Graph;
using PolicyEditor.Web.Explorer;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.Components.Pages;

/// <summary>
/// The explorer: a workspace as a live graph with an inspector, a "can A reach B?" box, the draft's
/// change impact, its policies as a list and as YAML, and its posture. Every open view of the same
/// workspace follows every change as it happens.
/// </summary>
public sealed partial class WorkspacePage
{
    private const int InspectTab = 0;
    private const int ImpactTab = 2;
    private const int PoliciesTab = 3;

    private WorkspaceState? _state;
    private WorkspaceAnalysis? _analysis;
    private GraphModel _graph = GraphModel.Empty;
    private GraphOptions _options = new();
    private IReadOnlyDictionary<string, GraphPoint> _positions = new Dictionary<string, GraphPoint>();
    private IDisposable? _subscription;
    private ReachabilityGraph? _graphView;
    private ReachQuery? _query;
    private Actor _actor = Actor.Local;
    private List<string> _namespaces = [];
    private string _protocol = "any";
    private string? _search;
    private int _tab;
    private bool _missing;
    private Workload? _selectedWorkload;
    private (Endpoint Source, Endpoint Destination)? _selectedPair;
    private string? _selectedNamespace;
    private string? _selectedEdgeTitle;
    private string? _focused;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    [Parameter]
    public Guid? Id { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    [Inject]
    private WorkspaceService Workspaces { get; set; } = default!;

    [Inject]
    private WorkspaceDirectory Directory { get; set; } = default!;

    [Inject]
    private IGraphLayoutStore Layouts { get; set; } = default!;

    [Inject]
    private ICurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    public void Dispose()
    {
        _subscription?.Dispose();
        _refreshing.Dispose();
    }

    protected override async Task OnParametersSetAsync()
    {
        _actor = await CurrentActor.GetAsync();
        var state = Id is { } id ? await Workspaces.GetAsync(id) : await Directory.DefaultAsync();
        if (state is null)
        {
            _missing = true;
            return;
        }

        if (_state?.Id != state.Id)
        {
            _subscription?.Dispose();
            _subscription = Workspaces.Subscribe(state.Id, OnWorkspaceChanged);
            _positions = await Layouts.LoadAsync(state.Id);
            _options = new GraphOptions();
        }

        await Show(state);
    }

    private Task OnWorkspaceChanged(WorkspaceChanged change) => InvokeAsync(async () =>
    {
        if (change.Actor.Id != _actor.Id)
        {
            Snackbar.Add($"{change.Actor.DisplayName}: {change.Description}", Severity.Info);
        }

        await Show(change.State);
        StateHasChanged();
    });

    /// <summary>Shows a state: the engine's analysis and the graph, computed off the circuit's thread.</summary>
    private async Task Show(WorkspaceState state)
    {
        await _refreshing.WaitAsync();
        try
        {
            if (_state is not null && state.Revision < _state.Revision && state.Id == _state.Id)
            {
                return;
            }

            var analysis = await Workspaces.AnalyzeAsync(state);
            var options = _options;
            var graph = await Task.Run(() => GraphModelBuilder.Build(analysis, options));
            (_state, _analysis, _graph) = (state, analysis, graph);
            _namespaces = [.. analysis.Draft.Workloads.Select(w => w.Namespace).Distinct().Order(StringComparer.Ordinal)];
            RefreshSelection();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task Reshape(GraphOptions options)
    {
        _options = options;
        if (_analysis is not null)
        {
            var analysis = _analysis;
            _graph = await Task.Run(() => GraphModelBuilder.Build(analysis, options));
        }
    }

    private Task ProtocolChanged(string value)
    {
        _protocol = value;
        return Reshape(_options with { Protocol = value == "any" ? null : Enum.Parse<Protocol>(value) });
    }

    private Task PortChanged(int? port) => Reshape(_options with { Port = port is >= 1 and <= 65535 ? port : null });

    private Task NamespaceFilterChanged(string ns) => Reshape(_options with { Namespace = ns == "all" ? null : ns });

    private async Task Execute(WorkspaceCommand command)
    {
        if (_state is null)
        {
            return;
        }

        try
        {
            var result = await Workspaces.ExecuteAsync(_state.Id, command, _actor);
            if (!result.Applied)
            {
                Snackbar.Add(result.Message ?? "The change was not applied.", Severity.Warning);
            }

            await Show(result.State);
        }
        catch (AccessDeniedException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    private async Task Accept()
    {
        var message = await AcceptDialog.AskAsync(Dialogs, _analysis!.Impact.Changes.Count);
        if (message is not null)
        {
            await Execute(new AcceptDraft(message));
        }
    }

    private async Task NodeSelected(string nodeId)
    {
        ClearSelectionFields();
        if (nodeId.StartsWith("ns:", StringComparison.Ordinal))
        {
            _selectedNamespace = nodeId[3..];
        }
        else if (nodeId.StartsWith("w:", StringComparison.Ordinal))
        {
            _selectedWorkload = _analysis!.Draft.Workloads.FirstOrDefault(w => w.Id == nodeId[2..]);
        }
        else if (NodeEndpoints.Of(nodeId, _analysis!.Draft) is { } endpoint)
        {
            _selectedEdgeTitle = $"{endpoint.Id}: outside the cluster. Select one of its edges to see what it may reach or what reaches it.";
        }

        _focused = nodeId;
        _tab = InspectTab;
        await _graphView!.FocusAsync(nodeId);
    }

    private async Task EdgeSelected(string edgeId)
    {
        ClearSelectionFields();
        var edge = _graph.Edges.FirstOrDefault(e => e.Id == edgeId);
        if (edge is null)
        {
            return;
        }

        var source = NodeEndpoints.Of(edge.Source, _analysis!.Draft);
        var destination = NodeEndpoints.Of(edge.Target, _analysis.Draft);
        if (source is not null && destination is not null)
        {
            _selectedPair = (source, destination);
        }
        else
        {
            _selectedEdgeTitle = edge.Title;
        }

        _tab = InspectTab;
        if (_focused is not null)
        {
            _focused = null;
            await _graphView!.FocusAsync(null);
        }
    }

    private async Task ClearSelection()
    {
        ClearSelectionFields();
        _focused = null;
        await _graphView!.FocusAsync(null);
    }

    private void ClearSelectionFields()
    {
        _selectedWorkload = null;
        _selectedPair = null;
        _selectedNamespace = null;
        _selectedEdgeTitle = null;
    }

    /// <summary>Keeps the selection pointing at the current draft's objects after a change.</summary>
    private void RefreshSelection()
    {
        if (_selectedWorkload is not null)
        {
            _selectedWorkload = _analysis!.Draft.Workloads.FirstOrDefault(w => w.Id == _selectedWorkload.Id);
        }
    }

    private async Task ToggleNamespace(string ns)
    {
        if (!_graph.Collapsed)
        {
            return;
        }

        var expanded = new HashSet<string>(_options.Expanded);
        if (!expanded.Remove(ns))
        {
            expanded.Add(ns);
        }

        await Reshape(_options with { Expanded = expanded });
    }

    private async Task NodesMoved(IReadOnlyDictionary<string, GraphPoint> moved)
    {
        if (_state is not null)
        {
            await Layouts.SaveAsync(_state.Id, moved);
        }
    }

    private async Task Relayout()
    {
        if (_state is not null)
        {
            await Layouts.SaveAsync(_state.Id, _positions.Keys.ToDictionary(k => k, _ => default(GraphPoint)));
            _positions = new Dictionary<string, GraphPoint>();
            await _graphView!.RelayoutAsync();
        }
    }

    private async Task Search(string? text)
    {
        _search = text;
        if (_graphView is null)
        {
            return;
        }

        var ids = string.IsNullOrWhiteSpace(text) ? [] : GraphSearch.Find(_graph, _analysis!.Draft, text.Trim());
        await _graphView.HighlightAsync(ids);
    }

    private async Task ShowPolicy(string policyId)
    {
        // Highlight the workloads a policy selects.
        var policy = _analysis!.Draft.Evaluator.Cluster.NetworkPolicies.FirstOrDefault(p => p.Id == policyId);
        if (policy is null || _graphView is null)
        {
            return;
        }

        var selected = _analysis.Draft.Workloads.Where(w => w.Namespace == policy.Namespace && policy.PodSelector.Matches(w.Labels))
            .Select(w => _graph.Nodes.Any(n => n.Id == GraphModelBuilder.WorkloadId(w.Id)) ? GraphModelBuilder.WorkloadId(w.Id) : GraphModelBuilder.NamespaceId(w.Namespace))
            .Distinct().ToList();
        await _graphView.HighlightAsync(selected);
        Snackbar.Add($"{policyId} selects {selected.Count} workload(s), highlighted on the graph.", Severity.Normal);
    }

    private async Task ShowChange(ConnectionChange change)
    {
        var source = NodeEndpoints.Parse(change.Source, _analysis!.Draft, out _) ?? ExternalOf(change.Source);
        var destination = NodeEndpoints.Parse(change.Destination, _analysis.Draft, out _) ?? ExternalOf(change.Destination);
        ClearSelectionFields();
        if (source is not null && destination is not null)
        {
            _selectedPair = (source, destination);
            _tab = InspectTab;
        }

        var edge = _graph.Edges.FirstOrDefault(e => e.Source == NodeIdOf(change.Source) && e.Target == NodeIdOf(change.Destination));
        if (edge is not null && _graphView is not null)
        {
            await _graphView.SelectAsync(edge.Id);
        }
    }

    private static Endpoint? ExternalOf(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && System.Net.IPAddress.TryParse(id[..dash], out var address) ? Endpoint.Of(address) : null;
    }

    private string NodeIdOf(string endpointId) =>
        _graph.Nodes.Any(n => n.Id == GraphModelBuilder.WorkloadId(endpointId)) ? GraphModelBuilder.WorkloadId(endpointId) : endpointId == Endpoint.IngressController.Id ? GraphModelBuilder.ControllerId : endpointId;
}
