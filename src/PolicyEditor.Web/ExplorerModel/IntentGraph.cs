using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Intents;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// The intent view of the graph: the same nodes, and instead of what the policies allow, one edge per
/// client and target workload of the intent findings of the chosen classes (intended and allowed, intended
/// but blocked, allowed but never intended), classed <c>intent-allowed</c>, <c>intent-blocked</c> or
/// <c>intent-gap</c>. An end inside a collapsed namespace is drawn at the namespace; a target outside the
/// cluster is listed in the Intents panel only.
/// </summary>
public static class IntentGraph
{
    /// <summary>The edge class of each finding class.</summary>
    public static string ClassOf(IntentClass c) => c switch
    {
        IntentClass.IntendedAllowed => "intent-allowed",
        IntentClass.IntendedBlocked => "intent-blocked",
        _ => "intent-gap",
    };

    /// <summary>The short words for a finding class, as labels, filters and the legend say them.</summary>
    public static string Words(IntentClass c) => c switch
    {
        IntentClass.IntendedAllowed => "intended and allowed",
        IntentClass.IntendedBlocked => "intended but blocked",
        _ => "allowed but never intended",
    };

    /// <summary>The short label of a class on an edge.</summary>
    public static string Label(IntentClass c) => c switch
    {
        IntentClass.IntendedAllowed => "intended",
        IntentClass.IntendedBlocked => "intended, blocked",
        _ => "not intended",
    };

    /// <summary>The graph with its edges replaced by the findings of <paramref name="classes"/>.</summary>
    public static GraphModel Overlay(GraphModel model, IntentsAnalysis intents, IReadOnlySet<IntentClass> classes)
    {
        var nodes = model.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        string? NodeOf(Engine.Model.Workload w) =>
            nodes.Contains(GraphIds.Workload(w.Id)) ? GraphIds.Workload(w.Id) : nodes.Contains(GraphIds.Namespace(w.Namespace)) ? GraphIds.Namespace(w.Namespace) : null;

        var edges = new Dictionary<(string, string), List<IntentFinding>>();
        foreach (var finding in intents.Findings.Where(f => classes.Contains(f.Class)))
        {
            if (finding.Target is not WorkloadEndpoint target || NodeOf(finding.Client) is not { } s || NodeOf(target.Workload) is not { } t || s == t)
            {
                continue;
            }

            if (!edges.TryGetValue((s, t), out var list))
            {
                edges[(s, t)] = list = [];
            }

            list.Add(finding);
        }

        return model with
        {
            Edges = [.. edges.Select(e =>
            {
                // A blocked intent is the news on an edge that stands for several pairs, then a gap.
                var worst = e.Value.Select(f => f.Class).OrderBy(c => c switch { IntentClass.IntendedBlocked => 0, IntentClass.AllowedNotIntended => 1, _ => 2 }).First();
                var label = e.Value.Count == 1 ? Label(worst) : $"{e.Value.Count} pairs · {Label(worst)}";
                var title = string.Join("\n", e.Value.Take(12).Select(f => $"{f.Describe()} — {f.Source}"));
                return new GraphEdge(GraphIds.Edge(e.Key.Item1, e.Key.Item2), e.Key.Item1, e.Key.Item2, label, ["intent", ClassOf(worst)], title, e.Value.Count);
            })],
        };
    }
}
