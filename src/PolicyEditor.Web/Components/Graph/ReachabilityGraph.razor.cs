using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PolicyEditor.Web.Explorer;

namespace PolicyEditor.Web.Components.Graph;

/// <summary>
/// The reachability graph, drawn by Cytoscape in the browser. The only component that talks to the
/// graph module (wwwroot/js/graph.js): it sends the first model whole and every later model as a delta,
/// and raises selection, drag, namespace-toggle and edge-drawing events.
/// </summary>
public sealed partial class ReachabilityGraph
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

    /// <summary>What to draw.</summary>
    [Parameter, EditorRequired]
    public GraphModel Model { get; set; } = GraphModel.Empty;

    /// <summary>Draw for the dark theme.</summary>
    [Parameter]
    public bool Dark { get; set; }

    /// <summary>Seeds the layout, so the same workspace is always laid out alike.</summary>
    [Parameter]
    public string Seed { get; set; } = "policyeditor";

    /// <summary>Positions the user chose earlier.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, GraphPoint>? Positions { get; set; }

    /// <summary>Let the user draw edges by dragging from a node's handle to another node.</summary>
    [Parameter]
    public bool Drawing { get; set; }

    [Parameter]
    public string? Class { get; set; }

    [Parameter]
    public string? Style { get; set; }

    [Parameter]
    public EventCallback<string> NodeSelected { get; set; }

    [Parameter]
    public EventCallback<string> EdgeSelected { get; set; }

    [Parameter]
    public EventCallback BackgroundSelected { get; set; }

    [Parameter]
    public EventCallback<string> NamespaceToggled { get; set; }

    [Parameter]
    public EventCallback<IReadOnlyDictionary<string, GraphPoint>> NodesMoved { get; set; }

    /// <summary>The user drew an edge from the first node id to the second.</summary>
    [Parameter]
    public EventCallback<(string Source, string Target)> EdgeDrawn { get; set; }

    public async Task FocusAsync(string? nodeId) => await Call("focus", nodeId);

    public async Task SelectAsync(string elementId) => await Call("select", elementId);

    public async Task HighlightAsync(IReadOnlyList<string> nodeIds) => await Call("highlight", nodeIds);

    public async Task FitAsync() => await Call("fit");

    public async Task RelayoutAsync() => await Call("relayout");

    [JSInvokable]
    public Task OnNodeTapped(string id) => NodeSelected.InvokeAsync(id);

    [JSInvokable]
    public Task OnEdgeTapped(string id) => EdgeSelected.InvokeAsync(id);

    [JSInvokable]
    public Task OnBackgroundTapped() => BackgroundSelected.InvokeAsync();

    [JSInvokable]
    public Task OnNamespaceToggled(string ns) => NamespaceToggled.InvokeAsync(ns);

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

    [Inject]
    private ILogger<ReachabilityGraph> Logger { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            await Render(firstRender);
        }
        catch (JSException e)
        {
            // A drawing failure in the browser must not end the user's session.
            Logger.LogWarning(e, "The graph could not be drawn");
        }
    }

    private async Task Render(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/graph.js");
            _self = DotNetObjectReference.Create(this);
            _instance = await _module.InvokeAsync<int>("create", _element, _self, Model, new { theme = Dark ? "dark" : "light", seed = Seed, positions = Positions ?? new Dictionary<string, GraphPoint>() });
            _shown = Model;
            _dark = Dark;
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
            await _module.InvokeVoidAsync(function, [id, .. args]);
        }
    }
}
