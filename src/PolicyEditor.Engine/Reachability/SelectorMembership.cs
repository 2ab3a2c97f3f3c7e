using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Which workloads each selector combination takes in, computed once per distinct combination
/// (policies repeat the same selectors) and only over the namespaces that can hold members.
/// </summary>
internal sealed class SelectorMembership
{
    private readonly IReadOnlyList<Workload> _workloads;
    private readonly NamespaceDirectory _namespaces;
    private readonly Dictionary<string, List<int>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Own, LabelSelector? Namespaces, LabelSelector? Pods), int[]> _cache = [];
    private readonly Dictionary<LabelSelector, string[]> _namespaceCache = [];

    public SelectorMembership(IReadOnlyList<Workload> workloads, NamespaceDirectory namespaces)
    {
        _workloads = workloads;
        _namespaces = namespaces;
        for (var i = 0; i < workloads.Count; i++)
        {
            if (!_byNamespace.TryGetValue(workloads[i].Namespace, out var list))
            {
                _byNamespace[workloads[i].Namespace] = list = [];
            }

            list.Add(i);
        }
    }

    /// <summary>Workload indices (ascending) of the pods in <paramref name="ownNamespace"/>, or in the namespaces <paramref name="namespaceSelector"/> takes in, that <paramref name="podSelector"/> takes in (null: all).</summary>
    public int[] Members(string? ownNamespace, LabelSelector? namespaceSelector, LabelSelector? podSelector)
    {
        lock (_cache)
        {
            return Compute(ownNamespace, namespaceSelector, podSelector);
        }
    }

    /// <summary>The workloads, in order.</summary>
    public IReadOnlyList<Workload> Workloads => _workloads;

    private int[] Compute(string? ownNamespace, LabelSelector? namespaceSelector, LabelSelector? podSelector)
    {
        var key = (ownNamespace, namespaceSelector, podSelector);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = new List<int>();
        IEnumerable<string> namespaces = ownNamespace is not null ? [ownNamespace] : namespaceSelector is null ? [] : NamespacesOf(namespaceSelector);
        foreach (var ns in namespaces)
        {
            if (!_byNamespace.TryGetValue(ns, out var candidates))
            {
                continue;
            }

            foreach (var w in candidates)
            {
                if (podSelector is null || podSelector.Matches(_workloads[w].Labels))
                {
                    result.Add(w);
                }
            }
        }

        result.Sort();
        var members = result.ToArray();
        _cache[key] = members;
        return members;
    }

    /// <summary>The members of a compiled pod peer.</summary>
    public int[] Members(PeerMatcher peer) => peer.IsPods ? Members(peer.OwnNamespace, peer.NamespaceSelector, peer.PodSelector) : [];

    /// <summary>The workloads a NetworkPolicy selects.</summary>
    public int[] Members(NetworkPolicy policy) => Members(policy.Namespace, null, policy.PodSelector);

    /// <summary>The workloads an admin policy's subject takes in.</summary>
    public int[] Members(AdminSubject subject) => subject.Namespaces is not null
        ? Members(null, subject.Namespaces, null)
        : Members(null, subject.PodNamespaceSelector ?? LabelSelector.Everything, subject.PodSelector ?? LabelSelector.Everything);

    private string[] NamespacesOf(LabelSelector selector)
    {
        if (!_namespaceCache.TryGetValue(selector, out var names))
        {
            names = [.. _byNamespace.Keys.Where(ns => selector.Matches(_namespaces.LabelsOf(ns)))];
            _namespaceCache[selector] = names;
        }

        return names;
    }
}
