using System.Globalization;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Draws observed traffic on the graph: each observed pair marks the edge between its nodes with its class
/// and volume (and adds an edge where the policies allow nothing: traffic dropped today or blocked by the
/// draft), and once traffic was imported, allowed edges between workloads that saw none are marked as never observed.
/// </summary>
public static class ObservedEdges
{
    /// <summary>The class every edge with observed traffic carries.</summary>
    public const string Observed = "observed";

    /// <summary>The class of an allowed edge between workloads where no flow was observed.</summary>
    public const string Unobserved = "unobserved";

    /// <summary>The graph with the observed traffic of <paramref name="traffic"/> drawn on it.</summary>
    public static GraphModel Overlay(GraphModel graph, FlowClassification traffic, ReachabilityMatrix matrix)
    {
        if (traffic.Pairs.Count == 0)
        {
            return graph;
        }

        var observed = ByNodes(graph, traffic, matrix);
        var edges = new List<GraphEdge>(graph.Edges.Count + observed.Count);
        foreach (var edge in graph.Edges)
        {
            if (observed.Remove((edge.Source, edge.Target), out var pairs))
            {
                edges.Add(edge with { Classes = [.. edge.Classes, .. Classes(pairs)], Title = $"{edge.Title}\n{Summary(pairs)}" });
            }
            else
            {
                edges.Add(GraphIds.WorkloadOf(edge.Source) is not null && GraphIds.WorkloadOf(edge.Target) is not null ? edge with { Classes = [.. edge.Classes, Unobserved] } : edge);
            }
        }

        foreach (var ((s, d), pairs) in observed)
        {
            var count = pairs.Sum(p => p.Count);
            edges.Add(new GraphEdge(GraphIds.Edge(s, d), s, d, $"{count.ToString("N0", CultureInfo.InvariantCulture)} flows", ["none", .. Classes(pairs)], Summary(pairs), pairs.Count));
        }

        return graph with { Edges = edges };
    }

    /// <summary>The pairs of nodes (source, target) that observed traffic is drawn between.</summary>
    public static IReadOnlySet<(string Source, string Target)> NodePairs(GraphModel graph, FlowClassification traffic, ReachabilityMatrix matrix) =>
        ByNodes(graph, traffic, matrix).Keys.ToHashSet();

    /// <summary>The class word of a flow class on the graph.</summary>
    public static string ClassName(FlowClass flowClass) => flowClass switch
    {
        FlowClass.ObservedAllowed => "obs-allowed",
        FlowClass.BlockedByDraft => "obs-blocked",
        FlowClass.DroppedToday => "obs-dropped",
        _ => "obs-other",
    };

    private static IEnumerable<string> Classes(List<ObservedPair> pairs)
    {
        var worst = pairs.Select(p => p.Class).OrderBy(c => c switch { FlowClass.BlockedByDraft => 0, FlowClass.DroppedToday => 1, _ => 2 }).First();
        var count = pairs.Sum(p => p.Count);
        var volume = count switch { < 10 => 1, < 1_000 => 2, < 100_000 => 3, _ => 4 };
        return [Observed, ClassName(worst), $"obs-v{volume}"];
    }

    private static Dictionary<(string, string), List<ObservedPair>> ByNodes(GraphModel graph, FlowClassification traffic, ReachabilityMatrix matrix)
    {
        var nodeOf = graph.Endpoints.Where(e => e.Value is WorkloadEndpoint).ToDictionary(e => e.Value.Id, e => e.Key, StringComparer.Ordinal);
        var nodes = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var observed = new Dictionary<(string, string), List<ObservedPair>>();
        foreach (var pair in traffic.Pairs)
        {
            if (Node(pair.Source, nodeOf, nodes, matrix) is { } s && Node(pair.Destination, nodeOf, nodes, matrix) is { } d && s != d)
            {
                if (!observed.TryGetValue((s, d), out var list))
                {
                    observed[(s, d)] = list = [];
                }

                list.Add(pair);
            }
        }

        return observed;
    }

    private static string Summary(List<ObservedPair> pairs)
    {
        var flows = pairs.SelectMany(p => p.Flows).ToList();
        var count = flows.Sum(f => f.Flow.Count);
        var services = string.Join(", ", flows.Select(f => f.Flow.Service).Distinct().Take(6));
        return $"Observed: {count.ToString("N0", CultureInfo.InvariantCulture)} flows ({services}); {string.Join("; ", flows.GroupBy(f => f.Class).Select(g => $"{g.Count()} {g.Key.Describe()}"))}";
    }

    /// <summary>The node an endpoint is drawn as: its own, its namespace's when collapsed, its block's or the internet's.</summary>
    private static string? Node(Endpoint endpoint, Dictionary<string, string> nodeOf, HashSet<string> nodes, ReachabilityMatrix matrix)
    {
        switch (endpoint)
        {
            case WorkloadEndpoint w:
                return nodeOf.TryGetValue(w.Id, out var node) ? node
                    : nodes.Contains(GraphIds.Namespace(w.Workload.Namespace)) ? GraphIds.Namespace(w.Workload.Namespace) : null;
            case ExternalEndpoint e:
                var block = matrix.External.BlockOf(e.Range);
                var own = block is null ? null : GraphIds.External(block.Ranges[0]);
                return own is not null && nodes.Contains(own) ? own
                    : nodes.Contains(GraphIds.Internet) ? GraphIds.Internet
                    : nodes.Contains(GraphIds.Externals) ? GraphIds.Externals : null;
            case SpecialEndpoint or DnsEndpoint:
                var other = GraphIds.Other(endpoint.Id);
                return nodes.Contains(other) ? other : null;
            default:
                return nodes.Contains(GraphIds.Controller) ? GraphIds.Controller : null;
        }
    }
}
