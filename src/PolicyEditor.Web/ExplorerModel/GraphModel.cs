using System.Text.Json.Serialization;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What the graph shows: nodes and edges, and whether namespaces start collapsed because the cluster is large.</summary>
public sealed record GraphModel(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Collapsed)
{
    /// <summary>Above this many edges (or <see cref="LargeNodes"/> nodes) the browser draws only the edges that matter now.</summary>
    public const int LargeEdges = 700;

    /// <summary>See <see cref="LargeEdges"/>.</summary>
    public const int LargeNodes = 400;

    /// <summary>Nothing to draw.</summary>
    public static readonly GraphModel Empty = new([], [], false);

    /// <summary>
    /// The engine's endpoint each node stands for when it stands for one: a workload, one address of an
    /// external block (its first) or of the internet, the ingress controller. Kept on the server, never sent.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, Endpoint> Endpoints { get; init; } = new Dictionary<string, Endpoint>();

    /// <summary>The endpoints of the nodes that stand for several: a namespace's workloads, one address of each block of the group of external blocks.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<Endpoint>> Groups { get; init; } = new Dictionary<string, IReadOnlyList<Endpoint>>();

    /// <summary>The node drawing each external address block, by block index (the internet's, the group's or its own). Kept on the server, never sent.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<int, string> BlockNodes { get; init; } = new Dictionary<int, string>();

    /// <summary>
    /// Too large to draw every edge at every frame and stay responsive: the browser draws the edges of the
    /// focused node, the selected edge and the draft's changes, and the others on request.
    /// </summary>
    public bool Large => Edges.Count > LargeEdges || Nodes.Count > LargeNodes;

    /// <summary>How many workload pairs' edges are folded into "anywhere" badges (not drawn; <see cref="GraphOptions.ShowOpenEdges"/> draws them).</summary>
    public int FoldedEdges { get; init; }

    /// <summary>The edges drawn: every edge but the reverse halves that a both-ways edge draws (<see cref="ParallelEdges"/>).</summary>
    [JsonIgnore]
    public int DrawnEdges => Edges.Count(e => !e.Classes.Contains(ParallelEdges.MergedAway));

    /// <summary>How many of the drawn edges each draw a pair of opposite edges (A ⇄ B).</summary>
    [JsonIgnore]
    public int BothWaysEdges => Edges.Count(e => e.Classes.Contains(ParallelEdges.BothWays));

    /// <summary>The node with this id, or null.</summary>
    public GraphNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>The edge with this id, or null.</summary>
    public GraphEdge? Edge(string id) => Edges.FirstOrDefault(e => e.Id == id);

    /// <summary>The endpoint a node stands for when it stands for exactly one; null for namespaces and the group of blocks.</summary>
    public Endpoint? EndpointOf(string nodeId) => Endpoints.GetValueOrDefault(nodeId);

    /// <summary>Every endpoint a node stands for.</summary>
    public IReadOnlyList<Endpoint> MembersOf(string nodeId) =>
        Groups.TryGetValue(nodeId, out var members) ? members : EndpointOf(nodeId) is { } single ? [single] : [];
}
