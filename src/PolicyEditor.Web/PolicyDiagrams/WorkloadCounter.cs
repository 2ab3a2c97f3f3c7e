using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>Counts the draft's workloads a selector takes in now (one pass over the workloads per selector).</summary>
internal sealed class WorkloadCounter(Cluster cluster)
{
    /// <summary>How many names a node lists.</summary>
    public const int NamesShown = 3;

    private readonly Dictionary<string, LabelSet> _namespaces = cluster.Namespaces
        .GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Labels, StringComparer.Ordinal);

    /// <summary>How many workloads any of <paramref name="selectors"/> takes in, and the first few names.</summary>
    public (int Count, IReadOnlyList<string> Names) Count(IReadOnlyList<WorkloadSelector> selectors)
    {
        var count = 0;
        var names = new List<string>(NamesShown);
        foreach (var w in cluster.Workloads)
        {
            var labels = _namespaces.TryGetValue(w.Namespace, out var l) ? l : new Namespace(w.Namespace).Labels;
            if (selectors.Any(s => s.Matches(w, labels)))
            {
                count++;
                if (names.Count < NamesShown)
                {
                    names.Add($"{w.Namespace}/{w.Name}");
                }
            }
        }

        return (count, names);
    }
}
