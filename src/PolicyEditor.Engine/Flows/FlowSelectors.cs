using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Flows;

/// <summary>Each workload's selector of stable labels, chosen once per proposal, with a warning when those labels cannot tell it from a neighbour.</summary>
internal sealed class FlowSelectors(Cluster cluster, List<string> warnings)
{
    private readonly ILookup<string, Workload> _byNamespace = cluster.Workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);
    private readonly Dictionary<Workload, LabelSelector> _chosen = [];

    /// <summary>The selector that takes in <paramref name="workload"/> (and, as warned, neighbours no stable label tells apart).</summary>
    public LabelSelector Of(Workload workload)
    {
        if (!_chosen.TryGetValue(workload, out var selector))
        {
            (selector, var also) = SelectorChooser.Exact(workload, _byNamespace[workload.Namespace]);
            if (also.Count > 0)
            {
                warnings.Add($"No stable labels tell {workload.Id} apart from {string.Join(", ", also.Select(a => a.Id))}; the selector [{selector}] takes them in too.");
            }

            _chosen[workload] = selector;
        }

        return selector;
    }
}
