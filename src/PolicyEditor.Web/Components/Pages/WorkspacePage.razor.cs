using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.Components.Drawing;
using PolicyEditor.Web.Components.Graph;
using PolicyEditor.Web.Components.Import;
using PolicyEditor.Web.Export;
using PolicyEditor.Web.Import;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Manifests.Lessons;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;
using PolicyEditor.Web.Access;
using PolicyEditor.Tutorials;

namespace PolicyEditor.Web.Components.Pages;

/// <summary>
/// The explorer: a workspace as a live graph with an inspector, a "can A reach B?" box, the draft's
/// change impact, its policies as a list and as YAML, and its posture. Every open view of the same
/// workspace follows every change as it happens. What this view shows (selection, filters, focus) is
/// its own; what the workspace is lives in <see cref="WorkspaceService"/>.
/// </summary>
public sealed partial class WorkspacePage : IDisposable
{
    private const int InspectTab = 0;
    private const int AskTab = 1;
    private const int PoliciesTab = 3;
    private const int YamlTab = 4;

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private WorkspaceState? _state;
    private WorkspaceAnalysis? _analysis;
    private GraphModel _graph = GraphModel.Empty;
    private GraphOptions _options = new();
    private IReadOnlyDictionary<string, GraphPoint> _positions = new Dictionary<string, GraphPoint>();
    private IDisposable? _subscription;
    private ReachabilityGraph? _graphView;
    private ReachQuery? _query;
    private YamlPane? _yaml;
    private Actor _actor = Actor.Local;
    private List<string> _namespaces = [];
    private string? _search;
    private int _tab;
    private bool _missing;
    private WorkspaceRole _role = WorkspaceRole.Owner;
    private int _warnedPolicies;
    private bool _showAllEdges;
    private bool _drawing;
    private Lesson? _lesson;
    private LessonProgress? _lessonProgress;
    private IReadOnlyList<LessonCheckResult> _lessonResults = [];

    // What this view has selected: a node, an edge, or a pair (perhaps one of an edge's pairs).
    private string? _selectedNode;
    private GraphEdge? _selectedEdge;
    private EndpointPair? _selectedPair;
    private GraphEdge? _pairFromEdge;
    private string? _focused;
    private NetworkPolicy? _selectedPolicy;
    private UnsavedYaml? _unsavedYaml;

    // The open review what this view draws becomes a suggestion in (instead of an edit of the draft), if any.
    private ReviewSession? _suggestTo;

    // Work for panels that exist only once their tab has been drawn.
    private ReachQuestion? _pendingQuestion;
    private string? _pendingReveal;

    [Parameter]
    public Guid? Id { get; set; }

    /// <summary>The lesson worked in this workspace (<c>?lesson=ID</c>): shown beside the graph with its live checklist.</summary>
    [SupplyParameterFromQuery(Name = "lesson")]
    public string? LessonId { get; set; }

    /// <summary>
    /// The review to suggest in (<c>?review=ID</c>): what is drawn, allowed or denied here becomes a
    /// suggestion in it. A person who may suggest but not edit suggests in the newest open review without it.
    /// </summary>
    [SupplyParameterFromQuery(Name = "review")]
    public Guid? ReviewId { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    [Inject]
    private WorkspaceService Workspaces { get; set; } = default!;

    [Inject]
    private WorkspaceAnalyzer Analyzer { get; set; } = default!;

    [Inject]
    private WorkspaceDirectory Directory { get; set; } = default!;

    [Inject]
    private SampleCatalog Samples { get; set; } = default!;

    [Inject]
    private GraphModelBuilder Graphs { get; set; } = default!;

    [Inject]
    private IGraphLayoutStore Layouts { get; set; } = default!;

    [Inject]
    private ICurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<WorkspacePage> Logger { get; set; } = default!;

    [Inject]
    private ImportService Imports { get; set; } = default!;

    [Inject]
    private TutorialService Tutorials { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ReviewService Reviews { get; set; } = default!;

    /// <summary>Whether this person may change the draft (else the page only shows it, or suggests in a review).</summary>
    private bool CanEdit => _role.Allows(Permission.Edit);

    /// <summary>Whether the drawing tools are offered: to change the draft, or to suggest a change in a review.</summary>
    private bool CanDraw => _suggestTo is not null || CanEdit;

    public void Dispose()
    {
        _subscription?.Dispose();
        _refreshing.Dispose();
    }

    protected override async Task OnParametersSetAsync()
    {
        _actor = await CurrentActor.GetAsync();
        var state = Id is { } id ? await Workspaces.GetAsync(id) : await Directory.DefaultAsync(_actor);
        _missing = state is null;
        if (state is null)
        {
            return;
        }

        // The server decides who sees a workspace: without the viewer role, nothing of it is shown.
        _role = await Workspaces.RoleAsync(state.Id, _actor);
        if (!_role.Allows(Permission.View))
        {
            _subscription?.Dispose();
            _subscription = null;
            (_state, _analysis) = (null, null);
            return;
        }

        if (_state?.Id != state.Id)
        {
            // Another workspace: nothing of the last one's view carries over.
            _subscription?.Dispose();
            _subscription = Workspaces.Subscribe(state.Id, OnWorkspaceChanged);
            _positions = await Layouts.LoadAsync(state.Id);
            _options = new GraphOptions();
            _state = null;
            _analysis = null;
            _graph = GraphModel.Empty;
            ClearSelectionFields();
            _focused = null;
            _selectedPolicy = null;
            _search = null;
            _unsavedYaml = null;
            _showAllEdges = false;
        }

        _suggestTo = await SuggestionTargetAsync(state.Id);
        await ShowLessonAsync(state.Id);
        await Show(state);
    }

    /// <summary>The open review of this workspace that drawing suggests in: the one asked for, else for a person who may not edit the newest open one.</summary>
    private async Task<ReviewSession?> SuggestionTargetAsync(Guid workspaceId)
    {
        if (!_role.Allows(Permission.Suggest) || (ReviewId is null && CanEdit))
        {
            return null;
        }

        try
        {
            var candidates = ReviewId is { } id ? [await Reviews.GetAsync(id, _actor)] : await Reviews.ListAsync(workspaceId, _actor);
            return candidates.Where(r => r.WorkspaceId == workspaceId && r.Status == ReviewStatus.Open).OrderByDescending(r => r.Created).FirstOrDefault();
        }
        catch (Exception e) when (e is KeyNotFoundException or AccessDeniedException)
        {
            Snackbar.Add($"{e.Message} What you draw here changes the draft.", Severity.Warning);
            return null;
        }
    }

    /// <summary>Finds the lesson of <c>?lesson=</c> when this workspace is the one it is worked in.</summary>
    private async Task ShowLessonAsync(Guid workspaceId)
    {
        _lesson = null;
        _lessonProgress = null;
        if (LessonId is { Length: > 0 } id && Tutorials.Catalog.Find(id) is { } lesson
            && await Tutorials.ProgressAsync(_actor, id) is { } progress && progress.WorkspaceId == workspaceId)
        {
            _lesson = lesson;
            _lessonProgress = progress;
        }
    }

    /// <summary>How many tabs come before Inspect: the lesson's, when one is open.</summary>
    private int LessonTabs => _lesson is not null && _lessonProgress is not null ? 1 : 0;

    private async Task LessonProgressed(LessonProgress progress)
    {
        _lessonProgress = progress;
        await CheckLessonAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/drop.js");
                await module.InvokeVoidAsync("enablePageDrop");
            }
            catch (JSDisconnectedException)
            {
            }
        }

        if (_pendingQuestion is { } question && _query is not null)
        {
            _pendingQuestion = null;
            _query.Ask(question);
        }

        if (_pendingReveal is { } policy && _yaml is not null)
        {
            _pendingReveal = null;
            await _yaml.RevealPolicyAsync(policy);
        }
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

    /// <summary>Shows a state: the engine's analysis and the graph, computed off the circuit's thread; never goes back to an older revision.</summary>
    private async Task Show(WorkspaceState state)
    {
        await _refreshing.WaitAsync();
        try
        {
            if (_state is not null && state.Id == _state.Id && state.Revision < _state.Revision)
            {
                return;
            }

            if (_state is not null && state.Id == _state.Id && state.Revision == _state.Revision && _analysis is not null)
            {
                return;
            }

            var analysis = await Analyzer.AnalyzeAsync(state);
            var graph = await Graphs.BuildAsync(analysis, _options);
            var cluster = analysis.Draft.Evaluator.Cluster;
            (_state, _analysis, _graph) = (state, analysis, graph);
            _namespaces = [.. analysis.Draft.Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            _warnedPolicies = analysis.Lint.Select(f => f.Policy).Distinct(StringComparer.Ordinal).Count();
            _selectedPolicy = _selectedPolicy is null ? null : cluster.FindPolicy(_selectedPolicy.Namespace, _selectedPolicy.Name);
            RefreshSelection();
        }
        finally
        {
            _refreshing.Release();
        }

        await CheckLessonAsync();
    }

    /// <summary>Evaluates the lesson step's checks on the draft; a step whose checks all hold is recorded as done.</summary>
    private async Task CheckLessonAsync()
    {
        if (_lesson is null || _lessonProgress is null || _analysis is null)
        {
            _lessonResults = [];
            return;
        }

        var step = _lessonProgress.Step;
        _lessonResults = Tutorials.Evaluate(_lesson, step, _analysis.Draft.Evaluator);
        if (_lessonResults.All(r => r.Passed) && !_lessonProgress.IsDone(step))
        {
            _lessonProgress = await Tutorials.CompleteAsync(_lessonProgress, step);
        }
    }

    /// <summary>Applies new view options: the graph is rebuilt from the analysis already at hand and sent as a delta.</summary>
    private async Task Reshape(GraphOptions options)
    {
        await _refreshing.WaitAsync();
        try
        {
            _options = options;
            if (_analysis is not null)
            {
                _graph = await Graphs.BuildAsync(_analysis, options);
                RefreshSelection();
            }
        }
        finally
        {
            _refreshing.Release();
        }

        StateHasChanged();
        if (_focused is not null && _graphView is not null)
        {
            await _graphView.FocusAsync(_focused, options.Direction);
        }
    }

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

    /// <summary>Opens the import dialog (with files already dropped, if any) and applies what the user decides.</summary>
    private async Task ImportAsync(IReadOnlyList<UploadedFile>? files, string? refusal)
    {
        if (_state is null)
        {
            return;
        }

        var decision = await ImportDialog.ShowAsync(Dialogs, _state, files, refusal);
        if (decision is null)
        {
            return;
        }

        if (decision.AsNewWorkspace)
        {
            var created = await Imports.CreateAsync(decision.Preview, _actor, decision.What);
            Navigation.NavigateTo($"/workspaces/{created.Id}");
            return;
        }

        var result = await Imports.ApplyAsync(_state.Id, decision.Preview, _actor, decision.What);
        if (result.Applied)
        {
            Snackbar.Add($"Imported {decision.What} into the draft (undo takes it back).", Severity.Success);
            await Show(result.State);
        }
        else
        {
            Snackbar.Add(result.Message ?? "The import was not applied.", Severity.Warning);
        }
    }

    /// <summary>
    /// Runs a dialog flow without holding up the event that started it (so the menu it came from closes);
    /// a failure is logged and shown, never lost.
    /// </summary>
    private void Detach(Func<Task> work) => _ = InvokeAsync(async () =>
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "A dialog flow failed");
            Snackbar.Add(e.Message, Severity.Error);
        }
    });

    /// <summary>An edge drawn on the graph: propose the policies that allow it.</summary>
    private void EdgeDrawn((string Source, string Target) drawn) => Detach(() => IntentAsync(false, PeerOf(drawn.Source), PeerOf(drawn.Target)));

    private void AllowFromSelection() => Detach(() => IntentAsync(false, _selectedNode is null ? null : PeerOf(_selectedNode), null));

    private void DenySelection()
    {
        if (_selectedPair is { } pair && CanDraw)
        {
            Detach(() => IntentAsync(true, SynthesisPeer.Of(pair.Source), SynthesisPeer.Of(pair.Destination)));
        }
    }

    /// <summary>Opens the allow/deny dialog and applies the chosen option as one undoable edit.</summary>
    private async Task IntentAsync(bool revoke, SynthesisPeer? source, SynthesisPeer? destination)
    {
        if (_analysis is null)
        {
            return;
        }

        var review = _suggestTo;
        var chosen = await IntentDialog.ShowAsync(Dialogs, _analysis.Draft, revoke, source, destination, suggestingIn: review?.Title);
        if (chosen is not { } c)
        {
            return;
        }

        if (review is null)
        {
            await Execute(new EditPolicies(c.Option.Changes, c.Intent));
            return;
        }

        try
        {
            _suggestTo = await Reviews.SuggestAsync(review.Id, c.Intent, c.Option.Changes, _actor);
            Snackbar.Add($"Suggested in the review “{review.Title}”: {c.Intent}.", Severity.Success, config =>
            {
                config.Action = "Open the review";
                config.OnClick = _ =>
                {
                    Navigation.NavigateTo($"/reviews/{review.Id}");
                    return Task.CompletedTask;
                };
            });
        }
        catch (Exception e) when (ReviewService.IsRefusal(e))
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
    }

    private async Task PageDrop(InputFileChangeEventArgs e)
    {
        var (files, refusal) = await ImportDialog.ReadBrowserFilesAsync(e.GetMultipleFiles(500), Imports.Limits);
        await ImportAsync(files, refusal);
    }

    private async Task CopyPolicies()
    {
        if (_state is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", PolicyExport.AllPolicies(_state.Draft));
            Snackbar.Add($"Copied {_state.Draft.NetworkPolicies.Count} NetworkPolicies as YAML.", Severity.Success);
        }
        catch (JSException e)
        {
            Snackbar.Add($"The browser did not allow copying ({e.Message}); use Export instead.", Severity.Warning);
        }
    }

    private async Task OpenSample(string key)
    {
        var sample = Samples.All.FirstOrDefault(s => s.Key == key);
        if (sample is null)
        {
            return;
        }

        var loading = Snackbar.Add($"Loading {sample.Name}…", Severity.Normal);
        var state = await Samples.CreateWorkspaceAsync(key, _actor);
        if (loading is not null)
        {
            Snackbar.Remove(loading);
        }

        if (state is null)
        {
            return;
        }

        Logger.LogInformation("Opened sample {Sample} as workspace {Workspace}", key, state.Id);
        Navigation.NavigateTo($"/workspaces/{state.Id}");
    }

    private async Task NodeSelected(string nodeId)
    {
        ClearSelectionFields();
        _selectedNode = nodeId;
        _focused = nodeId;
        _tab = InspectTab + LessonTabs;
        await RenderThenAsync(view => view.FocusAsync(nodeId, _options.Direction));
    }

    /// <summary>
    /// Shows the new selection first, then restyles the graph: the browser handles messages in order, and
    /// on a large graph the restyling takes longer than the inspector does.
    /// </summary>
    private async Task RenderThenAsync(Func<ReachabilityGraph, Task> graphWork)
    {
        StateHasChanged();
        await Task.Yield();
        if (_graphView is not null)
        {
            await graphWork(_graphView);
        }
    }

    private async Task EdgeSelected(string edgeId)
    {
        ClearSelectionFields();
        _tab = InspectTab + LessonTabs;
        if (_graph.Edge(edgeId) is not { } edge)
        {
            return;
        }

        _selectedEdge = edge;
        if (Single(edge.Source) is { } source && Single(edge.Target) is { } target)
        {
            _selectedPair = new EndpointPair(source, target);
        }

        if (_focused is not null && _graphView is not null)
        {
            _focused = null;
            await _graphView.FocusAsync(null);
        }
    }

    private async Task ClearSelection()
    {
        ClearSelectionFields();
        _focused = null;
        if (_graphView is not null)
        {
            await _graphView.FocusAsync(null);
        }
    }

    private void ClearSelectionFields()
    {
        _selectedNode = null;
        _selectedEdge = null;
        _selectedPair = null;
        _pairFromEdge = null;
    }

    /// <summary>Keeps the selection on the current graph and draft after a change.</summary>
    private void RefreshSelection()
    {
        var draft = _analysis!.Draft;
        if (_selectedEdge is not null)
        {
            _selectedEdge = _graph.Edge(_selectedEdge.Id);
        }

        if (_pairFromEdge is not null)
        {
            _pairFromEdge = _graph.Edge(_pairFromEdge.Id);
        }

        if (_selectedPair is { } pair)
        {
            _selectedPair = ReachQuestion.In(pair, draft);
        }
    }

    private async Task ShowPair(EndpointPair pair)
    {
        ClearSelectionFields();
        _selectedPair = pair;
        _tab = InspectTab + LessonTabs;
        if (EdgeOf(pair) is { } edge && _graphView is not null)
        {
            _selectedEdge = edge;
            _focused = null;
            await _graphView.FocusAsync(null);
            await _graphView.SelectAsync(edge.Id);
        }
    }

    private void PairFromEdge(EndpointPair pair)
    {
        _pairFromEdge = _selectedEdge;
        _selectedPair = pair;
    }

    private void BackToEdge()
    {
        _selectedEdge = _pairFromEdge;
        _pairFromEdge = null;
        _selectedPair = null;
    }

    private void AskAbout(ReachQuestion question)
    {
        _pendingQuestion = question;
        _tab = AskTab + LessonTabs;
    }

    private Task ShowChange(ConnectionChange change)
    {
        var draft = _analysis!.Draft;
        return EndpointOf(change.Source.Id, draft) is { } source && EndpointOf(change.Destination.Id, draft) is { } destination
            ? ShowPair(new EndpointPair(source, destination))
            : Task.CompletedTask;
    }

    private async Task Toggle(string nodeId)
    {
        if (GraphIds.NamespaceOf(nodeId) is { } ns && _graph.Collapsed)
        {
            await Reshape(_options.Toggle(ns));
        }
        else if (nodeId == GraphIds.Externals || (_options.ExternalsExpanded && GraphIds.NamespaceOf(nodeId) is null && nodeId.StartsWith("x:", StringComparison.Ordinal) && nodeId != GraphIds.Internet))
        {
            await Reshape(_options with { ExternalsExpanded = !_options.ExternalsExpanded });
        }
    }

    private async Task SelectWorkload(string workloadId)
    {
        var ns = workloadId[..workloadId.IndexOf('/', StringComparison.Ordinal)];
        if (_graph.Collapsed && !_options.Expanded.Contains(ns))
        {
            await Reshape(_options.Toggle(ns));
        }

        var node = GraphIds.Workload(workloadId);
        await NodeSelected(node);
        if (_graphView is not null)
        {
            await _graphView.SelectAsync(node);
        }
    }

    private async Task NodesMoved(IReadOnlyDictionary<string, GraphPoint> moved)
    {
        if (_state is null)
        {
            return;
        }

        await Layouts.SaveAsync(_state.Id, moved);
        _positions = await Layouts.LoadAsync(_state.Id);
    }

    private async Task ShowAllEdges(bool show)
    {
        _showAllEdges = show;
        if (_graphView is not null)
        {
            await _graphView.ShowAllEdgesAsync(show);
        }
    }

    private async Task Relayout()
    {
        if (_state is null || _graphView is null)
        {
            return;
        }

        await Layouts.ClearAsync(_state.Id);
        _positions = new Dictionary<string, GraphPoint>();
        await _graphView.RelayoutAsync();
    }

    private async Task Search(string? text)
    {
        _search = text;
        if (_graphView is null || _analysis is null)
        {
            return;
        }

        var ids = string.IsNullOrWhiteSpace(text) ? [] : GraphSearch.Find(_graph, _analysis.Draft, text);
        await _graphView.HighlightAsync(ids);
        if (!string.IsNullOrWhiteSpace(text) && ids.Count == 0)
        {
            Snackbar.Add($"Nothing on the graph matches '{text.Trim()}'.", Severity.Normal);
        }
    }

    private async Task ShowPolicy(string policyId)
    {
        var cluster = _analysis!.Draft.Evaluator.Cluster;
        var slash = policyId.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || cluster.FindPolicy(policyId[..slash], policyId[(slash + 1)..]) is not { } policy)
        {
            Snackbar.Add($"{policyId} is not a NetworkPolicy of this workspace (admin policies are edited in the YAML tab).", Severity.Normal);
            return;
        }

        _selectedPolicy = policy;
        _tab = PoliciesTab + LessonTabs;
        await HighlightPolicy(policyId);
    }

    /// <summary>Marks on the graph the workloads a policy selects (or their namespace when it is collapsed).</summary>
    private async Task HighlightPolicy(string policyId)
    {
        var matrix = _analysis!.Draft;
        var policy = matrix.Evaluator.Cluster.NetworkPolicies.FirstOrDefault(p => p.Id == policyId);
        if (policy is null || _graphView is null)
        {
            return;
        }

        var shown = _graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var selected = matrix.Workloads.Where(w => w.Namespace == policy.Namespace && policy.PodSelector.Matches(w.Labels))
            .Select(w => shown.Contains(GraphIds.Workload(w.Id)) ? GraphIds.Workload(w.Id) : GraphIds.Namespace(w.Namespace))
            .Distinct().ToList();
        await _graphView.HighlightAsync(selected);
    }

    private void EditPolicy(string policyId)
    {
        _pendingReveal = policyId;
        _tab = YamlTab + LessonTabs;
    }

    /// <summary>The endpoint a node stands for when it stands for exactly one (a workload, a block, the internet, the ingress controller).</summary>
    private Endpoint? Single(string nodeId) => NodeEndpoints.Of(nodeId, _analysis!.Draft);

    private SynthesisPeer? PeerOf(string nodeId) => NodeEndpoints.PeerOf(nodeId, _analysis!.Draft);

    /// <summary>The graph edge that carries a pair's traffic: between the pair's own nodes, or their namespaces' boxes.</summary>
    private GraphEdge? EdgeOf(EndpointPair pair)
    {
        var sources = NodesOf(pair.Source);
        var targets = NodesOf(pair.Destination);
        return sources.SelectMany(s => targets.Select(t => _graph.Edge(GraphIds.Edge(s, t)))).FirstOrDefault(e => e is not null);
    }

    /// <summary>The nodes that may stand for an endpoint, the most specific first.</summary>
    private List<string> NodesOf(Endpoint endpoint)
    {
        switch (endpoint)
        {
            case WorkloadEndpoint w:
                return [GraphIds.Workload(w.Workload.Id), GraphIds.Namespace(w.Workload.Namespace)];
            case IngressControllerEndpoint:
                return [GraphIds.Controller];
            case ExternalEndpoint e:
                var block = _analysis!.Draft.External.BlockOf(AddressRange.Of(IPAddress.Parse(AddressRange.Format(e.Range.Family, e.Range.First))));
                return block is null ? [GraphIds.Internet] : [GraphIds.External(block.Representative), GraphIds.Externals, GraphIds.Internet];
            default:
                return [];
        }
    }

    /// <summary>The endpoint of an id in a change (<c>ns/name[Kind]</c>, <c>first-last[External]</c>, <c>{ingress-controller}</c>).</summary>
    private static Endpoint? EndpointOf(string id, ReachabilityMatrix matrix)
    {
        if (matrix.IndexOf(id) is var i and >= 0)
        {
            return Endpoint.Of(matrix.Workloads[i]);
        }

        if (id == Endpoint.IngressController.Id)
        {
            return Endpoint.IngressController;
        }

        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && IPAddress.TryParse(id[..dash], out var first) ? Endpoint.Of(first) : null;
    }

    private string NodeName(string nodeId) => _graph.Node(nodeId) is { } n
        ? n.Kind switch
        {
            GraphIds.WorkloadKind => GraphModelBuilder.Describe(GraphIds.WorkloadOf(nodeId)!),
            GraphIds.NamespaceKind => _graph.Collapsed && !_options.Expanded.Contains(GraphIds.NamespaceOf(nodeId)!) ? $"namespace {GraphIds.NamespaceOf(nodeId)}" : $"every workload of {GraphIds.NamespaceOf(nodeId)}",
            _ => n.Label.Replace('\n', ' '),
        }
        : nodeId;

    private string Short(string nodeId) => GraphIds.WorkloadOf(nodeId) is { } w ? GraphModelBuilder.Describe(w) : GraphIds.NamespaceOf(nodeId) ?? NodeName(nodeId);
}
