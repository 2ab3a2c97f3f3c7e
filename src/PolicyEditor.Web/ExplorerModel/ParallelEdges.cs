namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Draws two edges that join the same nodes in opposite directions (A → B and B → A) as one: the edge
/// from the node first by id carries arrows at both ends and both labels; the other stays in the model
/// (the inspector, the matrix and a selection find it by its id) but is drawn only while selected.
/// Edges whose direction says something on its own are left apart: the draft's changes, intents,
/// observed traffic, L7 rules, and the counted edges between groups of namespaces.
/// </summary>
public static class ParallelEdges
{
    /// <summary>The class of an edge drawn for both directions.</summary>
    public const string BothWays = "both-ways";

    /// <summary>The class of the edge a <see cref="BothWays"/> edge draws (hidden unless selected).</summary>
    public const string MergedAway = "merged-away";

    private static readonly HashSet<string> Directed = new(StringComparer.Ordinal)
    {
        "added", "changed", "blocked", "group-bundle", ObservedEdges.Observed, ObservedEdges.Unobserved,
        "intent", "intent-allowed", "intent-blocked", "intent-gap", "l7",
    };

    private static readonly HashSet<string> Protocols = new(StringComparer.Ordinal)
    {
        "all", "tcp", "udp", "sctp", "udplite", "icmp", "icmpv6", "other", "mixed", "none",
    };

    /// <summary>The graph with each pair of opposite, undirected-looking edges drawn as one.</summary>
    public static GraphModel Merge(GraphModel graph)
    {
        var byEnds = new Dictionary<(string, string), int>();
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            byEnds[(graph.Edges[i].Source, graph.Edges[i].Target)] = i;
        }

        GraphEdge[]? merged = null;
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var forward = graph.Edges[i];
            if (string.CompareOrdinal(forward.Source, forward.Target) >= 0 || !byEnds.TryGetValue((forward.Target, forward.Source), out var j))
            {
                continue;
            }

            var backward = graph.Edges[j];
            if (forward.Classes.Any(Directed.Contains) || backward.Classes.Any(Directed.Contains))
            {
                continue;
            }

            merged ??= [.. graph.Edges];
            merged[i] = Combine(forward, backward);
            merged[j] = backward with { Classes = [.. backward.Classes, MergedAway] };
        }

        return merged is null ? graph : graph with { Edges = merged };
    }

    /// <summary>The label of two opposite edges drawn as one, read along the drawn edge (from its source).</summary>
    public static string Label(string forward, string backward) => forward == backward ? $"⇄ {forward}" : $"→ {forward}  ·  ← {backward}";

    private static GraphEdge Combine(GraphEdge forward, GraphEdge backward)
    {
        var (p1, p2) = (forward.Classes.FirstOrDefault(Protocols.Contains), backward.Classes.FirstOrDefault(Protocols.Contains));
        var protocol = p1 == p2 ? p1 : p1 is "none" ? p2 : p2 is "none" ? p1 : "mixed";
        List<string> classes = [.. forward.Classes.Where(c => !Protocols.Contains(c)), BothWays];
        if (protocol is not null)
        {
            classes.Insert(0, protocol);
        }

        if (backward.Classes.Contains("bundle") && !classes.Contains("bundle"))
        {
            classes.Add("bundle");
        }

        return forward with
        {
            Label = Label(forward.Label, backward.Label),
            Classes = classes,
            Title = $"{forward.Title}\n{backward.Title}",
            Pairs = forward.Pairs + backward.Pairs,
        };
    }
}
