using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

// The view half of the explorer's session: what is selected and focused, the side tab, the graph's
// options and names, and the graph drawn in the browser.
public sealed partial class ExplorerSession
{
    private ReachQuestion? _question;
    private string? _policyToReveal;

    /// <summary>What is selected and focused.</summary>
    public ExplorerSelection Selection { get; private set; } = ExplorerSelection.None;

    /// <summary>The policy shown in the Policies tab.</summary>
    public NetworkPolicy? SelectedPolicy { get; private set; }

    /// <summary>The side tab shown.</summary>
    public ExplorerTab Tab { get; set; } = ExplorerTab.Lesson;

    /// <summary>The search text.</summary>
    public string? Search { get; private set; }

    /// <summary>Whether a large graph draws every edge.</summary>
    public bool ShowAllEdges { get; private set; }

    /// <summary>Whether dragging between nodes draws an edge (allows traffic).</summary>
    public bool Drawing { get; set; }

    /// <summary>The ends of an intent drawn from one node to another (a namespace's node stands for all of it).</summary>
    public (SynthesisPeer? Source, SynthesisPeer? Destination) DrawnIntent(string sourceNode, string targetNode) => (PeerOf(sourceNode), PeerOf(targetNode));

    /// <summary>The source of an intent started from the selection (the selected node), if any.</summary>
    public SynthesisPeer? SelectedPeer => Selection.Node is { } node ? PeerOf(node) : null;

    /// <summary>Draws the graph with other options: rebuilt from the analysis at hand and sent as a delta.</summary>
    public async Task ReshapeAsync(GraphOptions options)
    {
        await _showing.WaitAsync();
        try
        {
            Options = options;
            if (Analysis is { } analysis)
            {
                Graph = await BuildGraphAsync(analysis, options);
                RefreshSelection();
            }
        }
        finally
        {
            _showing.Release();
        }

        Notify();
        if (Selection.Focused is { } focused && View is { } view)
        {
            await view.FocusAsync(focused, options.Direction);
        }
    }

    /// <summary>A node was clicked: inspect it and focus the graph on it.</summary>
    public Task SelectNodeAsync(string nodeId)
    {
        Selection = new ExplorerSelection(nodeId, null, null, null, nodeId);
        Tab = ExplorerTab.Inspect;
        return RenderThenAsync(view => view.FocusAsync(nodeId, Options.Direction));
    }

    /// <summary>An edge was clicked: inspect it (its pair, when it joins two single endpoints).</summary>
    public async Task SelectEdgeAsync(string edgeId)
    {
        Selection = Selection with { Node = null, Edge = null, Pair = null, PairFromEdge = null };
        Tab = ExplorerTab.Inspect;
        if (Graph.Edge(edgeId) is { } edge)
        {
            var pair = Graph.EndpointOf(edge.Source) is { } source && Graph.EndpointOf(edge.Target) is { } target ? new EndpointPair(source, target) : null;
            Selection = Selection with { Edge = edge, Pair = pair };
            if (Selection.Focused is not null && View is { } view)
            {
                Selection = Selection with { Focused = null };
                await view.FocusAsync(null);
            }
        }

        Notify();
    }

    /// <summary>The background was clicked (or Escape pressed): nothing selected, nothing focused.</summary>
    public async Task ClearSelectionAsync()
    {
        Selection = ExplorerSelection.None;
        Notify();
        if (View is { } view)
        {
            await view.FocusAsync(null);
        }
    }

    /// <summary>Explains a pair, selecting the edge that carries its traffic.</summary>
    public Task ShowPairAsync(EndpointPair pair) => ShowPairAsync(pair, null);

    /// <summary>
    /// Shows a pair as asked about (<paramref name="asked"/>: the protocol and port its explanation keeps to):
    /// its edge selected, or, for a pair with no edge (denied), its two nodes marked.
    /// </summary>
    public async Task ShowPairAsync(EndpointPair pair, (Protocol Protocol, int Port)? asked)
    {
        Selection = new ExplorerSelection(null, null, pair, null, Selection.Focused) { Asked = asked };
        Tab = ExplorerTab.Inspect;
        if (View is { } view)
        {
            if (EdgeOf(pair) is { } edge)
            {
                Selection = Selection with { Edge = edge, Focused = null };
                await view.FocusAsync(null);
                await view.SelectAsync(edge.Id);
            }
            else if (NodesOf(pair.Source).FirstOrDefault(n => Graph.Node(n) is not null) is { } from
                && NodesOf(pair.Destination).FirstOrDefault(n => Graph.Node(n) is not null) is { } to)
            {
                await view.FocusAsync(null);
                await view.HighlightAsync([from, to]);
            }
        }

        Notify();
    }

    /// <summary>A pair of the selected edge was picked: explain it, keeping the way back to the edge.</summary>
    public void ShowPairOfEdge(EndpointPair pair)
    {
        Selection = Selection with { PairFromEdge = Selection.Edge, Pair = pair };
        Notify();
    }

    /// <summary>Back from a pair to the edge it was picked from.</summary>
    public void BackToEdge()
    {
        Selection = Selection with { Edge = Selection.PairFromEdge, PairFromEdge = null, Pair = null };
        Notify();
    }

    /// <summary>A row of the impact was clicked: explain its pair as the draft has it.</summary>
    public Task ShowChangeAsync(ConnectionChange change)
    {
        // A change names an external range; the explorer explains a range by its first address.
        static Endpoint Explained(Endpoint end) => end is ExternalEndpoint e ? EndpointText.FirstAddress(e.Range) : end;
        return _answers?.InDraft(new EndpointPair(Explained(change.Source), Explained(change.Destination))) is { } pair ? ShowPairAsync(pair) : Task.CompletedTask;
    }

    /// <summary>Fills the Ask tab with a question and shows it.</summary>
    public void AskAbout(ReachQuestion question)
    {
        _question = question;
        Tab = ExplorerTab.Ask;
        Notify();
    }

    /// <summary>The question asked from elsewhere for the Ask tab, once (its box takes it when drawn).</summary>
    public ReachQuestion? TakeQuestion() => Interlocked.Exchange(ref _question, null);

    /// <summary>Expands or collapses a namespace of a collapsed graph, or the group of external blocks.</summary>
    public async Task ToggleAsync(string nodeId)
    {
        if (GraphIds.NamespaceOf(nodeId) is { } ns && Graph.Collapsed)
        {
            await ReshapeAsync(Options.Toggle(ns));
        }
        else if (nodeId == GraphIds.Externals || (Options.ExternalsExpanded && Graph.Node(nodeId)?.Kind == GraphIds.ExternalKind))
        {
            await ReshapeAsync(Options with { ExternalsExpanded = !Options.ExternalsExpanded });
        }
    }

    /// <summary>Shows a namespace of a collapsed graph with its workloads, or as one node again.</summary>
    public Task ToggleNamespaceAsync(string ns) => ToggleAsync(GraphIds.Namespace(ns));

    /// <summary>Selects a workload on the graph (expanding its namespace when it is collapsed).</summary>
    public async Task SelectWorkloadAsync(string workloadId)
    {
        if (_answers?.Workload(workloadId) is not { } workload)
        {
            return;
        }

        if (Graph.Collapsed && !Options.Expanded.Contains(workload.Namespace))
        {
            await ReshapeAsync(Options.Toggle(workload.Namespace));
        }

        var node = GraphIds.Workload(workload.Id);
        await SelectNodeAsync(node);
        if (View is { } view)
        {
            await view.SelectAsync(node);
        }
    }

    /// <summary>Shows a NetworkPolicy in the Policies tab and marks what it selects on the graph.</summary>
    public async Task ShowPolicyAsync(string policyId)
    {
        if (_answers?.FindPolicy(policyId) is not { } policy)
        {
            // A policy of another kind (an admin policy) has no details tab: it is shown in the YAML tab.
            if (State?.Draft.Policies.Any(p => p.Key.Id == policyId) == true)
            {
                EditPolicy(policyId);
                return;
            }

            Notice($"{policyId} is not a policy of this workspace.", NoticeLevel.Normal);
            return;
        }

        SelectedPolicy = policy;
        Tab = ExplorerTab.Policies;
        Notify();
        await HighlightPolicyAsync(policyId);
    }

    /// <summary>Marks on the graph the workloads a policy selects (or their namespace where it is collapsed).</summary>
    public async Task HighlightPolicyAsync(string policyId)
    {
        if (_answers?.FindPolicy(policyId) is { } policy && View is { } view)
        {
            await view.HighlightAsync(_answers.NodesSelectedBy(policy, Graph));
        }
    }

    /// <summary>Closes the policy shown in detail.</summary>
    public void ClosePolicy()
    {
        SelectedPolicy = null;
        Notify();
    }

    /// <summary>Shows a policy in the YAML tab, for editing.</summary>
    public void EditPolicy(string policyId)
    {
        _policyToReveal = policyId;
        Tab = ExplorerTab.Yaml;
        Notify();
    }

    /// <summary>The policy to reveal in the YAML tab, once (the pane takes it when drawn).</summary>
    public string? TakePolicyToReveal() => Interlocked.Exchange(ref _policyToReveal, null);

    /// <summary>Marks on the graph the nodes that match a search text.</summary>
    public async Task SearchAsync(string? text)
    {
        Search = text;
        if (View is not { } view || Analysis is not { } analysis)
        {
            return;
        }

        var ids = string.IsNullOrWhiteSpace(text) ? [] : GraphSearch.Find(Graph, analysis.Draft, text);
        await view.HighlightAsync(ids);
        if (!string.IsNullOrWhiteSpace(text) && ids.Count == 0)
        {
            Notice($"Nothing on the graph matches '{text.Trim()}'.", NoticeLevel.Normal);
        }
    }

    /// <summary>Keeps the positions the user dragged nodes to.</summary>
    public async Task KeepPositionsAsync(IReadOnlyDictionary<string, GraphPoint> moved)
    {
        if (State is { } state)
        {
            await layouts.SaveAsync(state.Id, moved);
            Positions = await layouts.LoadAsync(state.Id);
        }
    }

    /// <summary>Lays the graph out again, forgetting dragged positions.</summary>
    public async Task RelayoutAsync()
    {
        if (State is { } state && View is { } view)
        {
            await layouts.ClearAsync(state.Id);
            Positions = new Dictionary<string, GraphPoint>();
            await view.RelayoutAsync();
        }
    }

    /// <summary>Draws every edge of a large graph, or only those that matter now.</summary>
    public async Task ShowAllEdgesAsync(bool show)
    {
        ShowAllEdges = show;
        Notify();
        if (View is { } view)
        {
            await view.ShowAllEdgesAsync(show);
        }
    }

    /// <summary>The name of a node in a sentence: <c>shop/db</c>, <c>namespace shop</c> or <c>every workload of shop</c>, a block's CIDRs.</summary>
    public string NodeName(string nodeId) => Graph.Node(nodeId) is { } node
        ? node.Kind switch
        {
            GraphIds.WorkloadKind when Graph.EndpointOf(nodeId) is { } workload => EndpointText.Short(workload),
            GraphIds.NamespaceKind when GraphIds.NamespaceOf(nodeId) is { } ns => Graph.Collapsed && !Options.Expanded.Contains(ns) ? $"namespace {ns}" : $"every workload of {ns}",
            _ => node.Label.Replace('\n', ' '),
        }
        : nodeId;

    /// <summary>The focused node's name as the status line says it: a workload, a namespace, or the node's label.</summary>
    public string? FocusName => Selection.Focused is not { } focused ? null
        : Graph.EndpointOf(focused) is WorkloadEndpoint workload ? EndpointText.Short(workload)
        : GraphIds.NamespaceOf(focused) ?? NodeName(focused);

    /// <summary>The selected node's workload (its id), when a workload node is selected.</summary>
    public string? InspectedWorkload => Selection.Node is { } node && Graph.EndpointOf(node) is WorkloadEndpoint w ? w.Workload.Id : null;

    /// <summary>The selected node's namespace, when a namespace node is selected.</summary>
    public string? InspectedNamespace => Selection.Node is { } node ? GraphIds.NamespaceOf(node) : null;

    /// <summary>The selected node outside the cluster (a block, the internet, the group of blocks, the ingress controller).</summary>
    public GraphNode? InspectedOutside => Selection.Node is { } node && Graph.Node(node) is { Kind: not (GraphIds.WorkloadKind or GraphIds.NamespaceKind) } outside ? outside : null;

    /// <summary>Whether a node is the group of external blocks, which can be shown block by block.</summary>
    public static bool IsGroupOfBlocks(GraphNode node) => node.Id == GraphIds.Externals;

    /// <summary>Keeps the selection on the current graph and draft after a change.</summary>
    private void RefreshSelection()
    {
        var selection = Selection;
        Selection = selection with
        {
            Edge = selection.Edge is { } edge ? Graph.Edge(edge.Id) : null,
            PairFromEdge = selection.PairFromEdge is { } from ? Graph.Edge(from.Id) : null,
            Pair = selection.Pair is { } pair ? _answers?.InDraft(pair) : null,
        };
    }

    /// <summary>
    /// The peer a graph node stands for in an intent: a namespace's node stands for the whole namespace, the
    /// internet for every address (0.0.0.0/0), not the one address it is explained by.
    /// </summary>
    private SynthesisPeer? PeerOf(string nodeId) =>
        GraphIds.NamespaceOf(nodeId) is { } ns ? SynthesisPeer.OfNamespace(ns)
        : nodeId == GraphIds.Internet ? SynthesisPeer.Internet
        : Graph.EndpointOf(nodeId) is { } e ? SynthesisPeer.Of(e) : null;

    /// <summary>The graph edge that carries a pair's traffic: between the pair's own nodes, or their namespaces' boxes.</summary>
    private GraphEdge? EdgeOf(EndpointPair pair)
    {
        var sources = NodesOf(pair.Source);
        var targets = NodesOf(pair.Destination);
        return sources.SelectMany(s => targets.Select(t => Graph.Edge(GraphIds.Edge(s, t)))).FirstOrDefault(e => e is not null);
    }

    /// <summary>The nodes that may stand for an endpoint, the most specific first.</summary>
    private List<string> NodesOf(Endpoint endpoint) => endpoint switch
    {
        WorkloadEndpoint w => [GraphIds.Workload(w.Workload.Id), GraphIds.Namespace(w.Workload.Namespace)],
        IngressControllerEndpoint => [GraphIds.Controller],
        ExternalEndpoint e when Analysis?.Draft.External.BlockOf(new AddressRange(e.Range.Family, e.Range.First, e.Range.First)) is { } block =>
            [GraphIds.External(block.Representative), GraphIds.Externals, GraphIds.Internet],
        ExternalEndpoint => [GraphIds.Internet],
        _ => [],
    };

    /// <summary>Shows the new selection first, then restyles the graph: on a large graph the restyling takes longer than the inspector does.</summary>
    private async Task RenderThenAsync(Func<IGraphView, Task> graphWork)
    {
        Notify();
        await Task.Yield();
        if (View is { } view)
        {
            await graphWork(view);
        }
    }
}
