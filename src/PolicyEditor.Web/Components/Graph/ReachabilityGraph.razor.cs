using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Components.Graph;

/// <summary>
/// The reachability graph, drawn by Cytoscape in the browser. The only component that talks to the graph
/// module (wwwroot/js/graph.js): it sends the first model whole and every later model as a delta (nodes
/// and edges added, updated, removed), and raises selection, toggle, drag and edge-drawing events.
/// </summary>
/// <remarks>
/// Tests read what is drawn without pixels: <c>window.policyEditorGraph.snapshot()</c> returns the nodes
/// and edges with their classes, <c>position(nodeId)</c> a node's place on the screen (to click it), and
/// the element's <c>data-graph-version</c> counts the deltas applied.
/// </remarks>
public sealed partial class ReachabilityGraph : IGraphView, IAsyncDisposable
{
    private ElementReference _element;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ReachabilityGraph>? _self;
    private int? _instance;
    private GraphModel _shown = GraphModel.Empty;
    private bool _dark;
    private bool _drawing;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<ReachabilityGraph> Logger { get; set; } = default!;

    /// <summary>What to draw.</summary>
    [Parameter, EditorRequired]
    public GraphModel Model { get; set; } = GraphModel.Empty;

    /// <summary>Draw for the dark theme.</summary>
    [Parameter]
    public bool Dark { get; set; }

    /// <summary>Seeds the layout; the same nodes and edges with the same seed are always laid out alike.</summary>
    [Parameter]
    public string Seed { get; set; } = "policyeditor";

    /// <summary>Positions the user chose earlier (node id to position), applied over the automatic layout.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, GraphPoint>? Positions { get; set; }

    /// <summary>Let the user draw edges by dragging from a node's handle to another node.</summary>
    [Parameter]
    public bool Drawing { get; set; }

    /// <summary>CSS classes of the graph's element.</summary>
    [Parameter]
    public string? Class { get; set; }

    /// <summary>Inline style of the graph's element.</summary>
    [Parameter]
    public string? Style { get; set; }

    /// <summary>A node was clicked (its id).</summary>
    [Parameter]
    public EventCallback<string> NodeSelected { get; set; }

    /// <summary>An edge was clicked (its id).</summary>
    [Parameter]
    public EventCallback<string> EdgeSelected { get; set; }

    /// <summary>The empty background was clicked.</summary>
    [Parameter]
    public EventCallback BackgroundSelected { get; set; }

    /// <summary>A namespace or the group of external blocks was double-clicked: expand or collapse it (its id).</summary>
    [Parameter]
    public EventCallback<string> NodeToggled { get; set; }

    /// <summary>The user dragged nodes to new positions.</summary>
    [Parameter]
    public EventCallback<IReadOnlyDictionary<string, GraphPoint>> NodesMoved { get; set; }

    /// <summary>The user drew an edge from the first node id to the second.</summary>
    [Parameter]
    public EventCallback<(string Source, string Target)> EdgeDrawn { get; set; }

    /// <summary>Dims everything but the node, what it reaches and what reaches it (or one of those); null clears the focus.</summary>
    public Task FocusAsync(string? nodeId, EdgeDirection direction = EdgeDirection.Both) => Call("focus", nodeId, direction.ToString());

    /// <summary>Selects a node or an edge and brings it to the middle.</summary>
    public Task SelectAsync(string elementId) => Call("select", elementId);

    /// <summary>Marks nodes (search results, a policy's workloads) and zooms to them; an empty list clears the marks.</summary>
    public Task HighlightAsync(IReadOnlyCollection<string> nodeIds) => Call("highlight", nodeIds);

    /// <summary>Outlines what other people have selected (graph element id and their colour); replaces the previous marks.</summary>
    public Task MarkPeersAsync(IReadOnlyList<(string Element, string Color)> marks) =>
        Call("markPeers", (object)marks.Select(m => new { element = m.Element, color = m.Color }).ToArray());

    /// <summary>Fits the whole graph in view.</summary>
    public Task FitAsync() => Call("fit");

    /// <summary>Zooms in (factor above 1) or out around the middle.</summary>
    public Task ZoomAsync(double factor) => Call("zoom", factor);

    /// <summary>On a <see cref="GraphModel.Large"/> graph, draws every edge (true) or only those that matter now.</summary>
    public Task ShowAllEdgesAsync(bool show) => Call("showAllEdges", show);

    /// <summary>Lays the graph out again, forgetting dragged positions.</summary>
    public Task RelayoutAsync() => Call("relayout");

    [JSInvokable]
    public Task OnNodeTapped(string id) => NodeSelected.InvokeAsync(id);

    [JSInvokable]
    public Task OnEdgeTapped(string id) => EdgeSelected.InvokeAsync(id);

    [JSInvokable]
    public Task OnBackgroundTapped() => BackgroundSelected.InvokeAsync();

    [JSInvokable]
    public Task OnNodeToggled(string id) => NodeToggled.InvokeAsync(id);

    [JSInvokable]
    public Task OnNodesMoved(Dictionary<string, GraphPoint> moved) => NodesMoved.InvokeAsync(moved);

    [JSInvokable]
    public Task OnEdgeDrawn(string source, string target) => EdgeDrawn.InvokeAsync((source, target));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                if (_instance is { } id)
                {
                    await _module.InvokeVoidAsync("dispose", id);
                }

                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; nothing to clean up there.
        }

        _self?.Dispose();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            await Draw(firstRender);
        }
        catch (JSException e)
        {
            // A drawing failure in the browser must not end the user's session.
            Logger.LogWarning(e, "The graph could not be drawn");
        }
    }

    private async Task Draw(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/graph.js");
            _self = DotNetObjectReference.Create(this);
            _shown = Model;
            _dark = Dark;
            _instance = await _module.InvokeAsync<int>("create", _element, _self, Model,
                new { theme = Dark ? "dark" : "light", seed = Seed, positions = Positions ?? new Dictionary<string, GraphPoint>() });
        }
        else if (_module is not null && _instance is { } id)
        {
            if (!ReferenceEquals(_shown, Model))
            {
                var delta = GraphDelta.Between(_shown, Model);
                _shown = Model;
                if (!delta.IsEmpty)
                {
                    await _module.InvokeVoidAsync("applyDelta", id, delta);
                }
            }

            if (_dark != Dark)
            {
                _dark = Dark;
                await _module.InvokeVoidAsync("setTheme", id, Dark ? "dark" : "light");
            }
        }

        if (_module is not null && _instance is { } instance && _drawing != Drawing)
        {
            _drawing = Drawing;
            await _module.InvokeVoidAsync("setDrawing", instance, Drawing);
        }
    }

    private async Task Call(string function, params object?[] args)
    {
        if (_module is not null && _instance is { } id)
        {
            try
            {
                await _module.InvokeVoidAsync(function, [id, .. args]);
            }
            catch (JSDisconnectedException)
            {
                // The browser went away while we were talking to it.
            }
        }
    }
}
