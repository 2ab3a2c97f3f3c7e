using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>The labels of every namespace, including namespaces that workloads or policies name but no manifest defines.</summary>
internal sealed class NamespaceDirectory
{
    private readonly Dictionary<string, LabelSet> _labels = new(StringComparer.Ordinal);

    public NamespaceDirectory(Cluster cluster)
    {
        foreach (var ns in cluster.Namespaces)
        {
            _labels[ns.Name] = ns.Labels;
        }

        foreach (var name in cluster.Workloads.Select(w => w.Namespace).Concat(cluster.NetworkPolicies.Select(p => p.Namespace)))
        {
            if (!_labels.ContainsKey(name))
            {
                _labels[name] = new Namespace(name).Labels;
            }
        }
    }

    /// <summary>All known namespace names with labels.</summary>
    public IReadOnlyDictionary<string, LabelSet> All => _labels;

    /// <summary>The labels of a namespace; an undefined namespace carries only its name label.</summary>
    public LabelSet LabelsOf(string ns) => _labels.TryGetValue(ns, out var labels) ? labels : new Namespace(ns).Labels;
}
