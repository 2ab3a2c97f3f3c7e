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
    private readonly Dictionary<string, List<int>> _byNamespace = new(StringComparer.Ordinal);
    // Guarded by itself: a dictionary's entries live in its arrays (a concurrent one allocates a node per entry).
    private readonly Dictionary<(string? Own, LabelSelector? Namespaces, LabelSelector? Pods), int[]> _cache;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PeerMatcher, int[]> _filtered = new(ReferenceEqualityComparer.Instance);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Program.WorkloadSelector, int[]> _filteredSubjects = new(ReferenceEqualityComparer.Instance);

    // Pod peers that differ only in which object holds them (a dialect's equal rules compiled once) share their members.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string?, LabelSelector?, LabelSelector?, Delegate), int[]> _filteredPods = new();
    private readonly Dictionary<LabelSelector, string[]> _namespaceCache = [];
    private readonly string[] _namespaceNames;
    private readonly int[] _withAddresses;

    // Each workload's namespace labels, looked up once: filters run per candidate workload.
    private readonly LabelSet[] _namespaceLabels;
    private readonly LabelIndex _namespaceIndex;
    private LabelIndex? _podIndex;
    private readonly List<int> _result = [];
    private long _scanned;

    /// <param name="workloads">The workloads, in order.</param>
    /// <param name="namespaces">Their namespaces' labels.</param>
    /// <param name="selectors">About how many selector combinations will be asked (a matrix asks about one per compiled peer): the cache is made that size once.</param>
    public SelectorMembership(IReadOnlyList<Workload> workloads, NamespaceDirectory namespaces, int selectors = 0)
    {
        _workloads = workloads;
        _cache = new(selectors);
        for (var i = 0; i < workloads.Count; i++)
        {
            if (!_byNamespace.TryGetValue(workloads[i].Namespace, out var list))
            {
                _byNamespace[workloads[i].Namespace] = list = [];
            }

            list.Add(i);
        }

        _withAddresses = [.. Enumerable.Range(0, workloads.Count).Where(w => !workloads[w].Addresses.IsEmpty)];
        _namespaceLabels = new LabelSet[workloads.Count];
        for (var i = 0; i < workloads.Count; i++)
        {
            _namespaceLabels[i] = namespaces.LabelsOf(workloads[i].Namespace);
        }

        _namespaceNames = [.. _byNamespace.Keys];
        _namespaceIndex = new LabelIndex([.. _namespaceNames.Select(namespaces.LabelsOf)]);
    }

    // Only selectors over many namespaces' pods use the pod index: most clusters' matrices never build it.
    private LabelIndex PodIndex
    {
        get
        {
            if (_podIndex is null)
            {
                var labels = new LabelSet[_workloads.Count];
                for (var i = 0; i < labels.Length; i++)
                {
                    labels[i] = _workloads[i].Labels;
                }

                _podIndex = new LabelIndex(labels);
            }

            return _podIndex;
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

    /// <summary>A pod whose manifests give no address, as address peers see it.</summary>
    private static readonly Workload WithoutAddress = new("-", "-", "Pod", LabelSet.Empty, ValueArray<ContainerPort>.Empty);

    /// <summary>The workloads, in order.</summary>
    public IReadOnlyList<Workload> Workloads => _workloads;

    private int[] Compute(string? ownNamespace, LabelSelector? namespaceSelector, LabelSelector? podSelector)
    {
        var key = (ownNamespace, namespaceSelector, podSelector);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // One list for every computation (callers hold the lock): a selector over many namespaces' pods grew a list of its own to thousands.
        var result = _result;
        result.Clear();
        if (ownNamespace is not null)
        {
            // The common case (a podSelector in the policy's namespace): its pods, already ascending.
            if (_byNamespace.TryGetValue(ownNamespace, out var candidates))
            {
                AddMatching(candidates, podSelector, result);
            }
        }
        else if (namespaceSelector is not null)
        {
            var namespaces = NamespacesOf(namespaceSelector);
            var inNamespaces = 0;
            foreach (var ns in namespaces)
            {
                inNamespaces += _byNamespace.TryGetValue(ns, out var l) ? l.Count : 0;
            }

            // Pods in a few namespaces are quick to scan; the label index pays off across many, once selectors have scanned
            // more pods than building it reads (every pod's labels): a few selectors over many namespaces never build it.
            var podCandidates = podSelector is null || inNamespaces <= 256 || !IndexPaysOff(inNamespaces) ? null : PodIndex.Candidates(podSelector);
            if (podCandidates is not null && podCandidates.Count < inNamespaces)
            {
                // Fewer pods carry the selector's label than live in the namespaces: start from those pods.
                var allowed = namespaces.Length == 1 ? null : new HashSet<string>(namespaces, StringComparer.Ordinal);
                foreach (var w in podCandidates)
                {
                    var ns = _workloads[w].Namespace;
                    if ((allowed is null ? ns == namespaces[0] : allowed.Contains(ns)) && podSelector!.Matches(_workloads[w].Labels))
                    {
                        result.Add(w);
                    }
                }
            }
            else
            {
                foreach (var ns in namespaces)
                {
                    if (_byNamespace.TryGetValue(ns, out var candidates))
                    {
                        AddMatching(candidates, podSelector, result);
                    }
                }
            }

            if (namespaces.Length > 1)
            {
                result.Sort();
            }
        }

        var members = result.ToArray();
        _cache[key] = members;
        return members;
    }

    /// <summary>True when the pod label index is built, or selectors have now scanned several times as many pods as there are.</summary>
    private bool IndexPaysOff(int scanning)
    {
        _scanned += scanning;
        return _podIndex is not null || _scanned > 4 * _workloads.Count;
    }

    private void AddMatching(List<int> candidates, LabelSelector? podSelector, List<int> result)
    {
        foreach (var w in candidates)
        {
            if (podSelector is null || podSelector.Matches(_workloads[w].Labels))
            {
                result.Add(w);
            }
        }
    }

    /// <summary>The members of a compiled peer: the selectors' pods, narrowed by its further condition; or the pods its addresses take in.</summary>
    public int[] Members(PeerMatcher peer)
    {
        if (peer.IsPlainSelector)
        {
            return Members(peer.OwnNamespace, peer.NamespaceSelector, peer.PodSelector);
        }

        if (!peer.SelectsWorkloads)
        {
            return [];
        }

        return Filtered(peer);
    }

    // Apart from Members(PeerMatcher) so that its lambdas' captured state is allocated only on this path.
    private int[] Filtered(PeerMatcher peer)
    {
        if (peer.IsPods && peer.Where is { } where)
        {
            return _filteredPods.GetOrAdd((peer.OwnNamespace, peer.NamespaceSelector, peer.PodSelector, where), _ =>
                [.. Members(peer.OwnNamespace, peer.NamespaceSelector, peer.PodSelector).Where(w => peer.MatchesWorkload(_workloads[w], _namespaceLabels[w]))]);
        }

        return _filtered.GetOrAdd(peer, p =>
        {
            if (!p.IsPods)
            {
                // Addresses take in pods by their addresses, and pods without one only when they cover a whole family.
                return p.MatchesWorkload(WithoutAddress, LabelSet.Empty)
                    ? [.. Enumerable.Range(0, _workloads.Count).Where(w => _workloads[w].Addresses.IsEmpty || p.MatchesWorkload(_workloads[w], LabelSet.Empty))]
                    : [.. _withAddresses.Where(w => p.MatchesWorkload(_workloads[w], LabelSet.Empty))];
            }

            var candidates = Members(p.OwnNamespace, p.NamespaceSelector, p.PodSelector);
            return [.. candidates.Where(w => p.MatchesWorkload(_workloads[w], _namespaceLabels[w]))];
        });
    }

    /// <summary>The workloads a program policy's subject takes in.</summary>
    public int[] Members(Program.WorkloadSelector subject)
    {
        var selected = Members(subject.OwnNamespace, subject.OwnNamespace is null ? subject.Namespaces ?? LabelSelector.Everything : null, subject.Pods);
        if (subject.Where is null)
        {
            return selected;
        }

        return _filteredSubjects.GetOrAdd(subject, s =>
            [.. selected.Where(w => s.Where!(_workloads[w], _namespaceLabels[w]))]);
    }

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
            names = [.. _namespaceIndex.Matching(selector).Select(i => _namespaceNames[i])];
            _namespaceCache[selector] = names;
        }

        return names;
    }
}
