using System.Collections.Immutable;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// An endpoint selector of a Cilium policy compiled against the labels Cilium derives for a pod: its own
/// labels, its namespace (<c>io.kubernetes.pod.namespace</c>), its namespace's labels
/// (<c>io.cilium.k8s.namespace.labels.*</c>), its service account and cluster. In a namespaced policy a
/// selector that does not name the namespace takes in pods of the policy's namespace only (the endpoint
/// selector always does). A selector of one <c>reserved:</c> label names an entity instead.
/// </summary>
internal sealed record CiliumSelector(WorkloadSelector? Workloads, string? Entity, string Description)
{
    /// <summary>Compiles <paramref name="selector"/> of a policy in <paramref name="policyNamespace"/> (null: cluster-wide).</summary>
    public static CiliumSelector Compile(LabelSelector selector, string? policyNamespace, bool isSubject, Action<string>? warn = null)
    {
        var description = $"endpoints [{selector}]";
        var requirements = new List<LabelRequirement>(selector.MatchLabels.Count + selector.MatchExpressions.Count);
        foreach (var pair in selector.MatchLabels.Pairs)
        {
            requirements.Add(new LabelRequirement(CiliumLabels.Normalize(pair.Key), SelectorOperator.In, ImmutableArray.Create(pair.Value)));
        }

        foreach (var r in selector.MatchExpressions)
        {
            var key = CiliumLabels.Normalize(r.Key);
            requirements.Add(ReferenceEquals(key, r.Key) ? r : r with { Key = key });
        }

        LabelRequirement? reserved = null;
        foreach (var r in requirements)
        {
            if (r.Key.StartsWith(CiliumLabels.ReservedPrefix, StringComparison.Ordinal))
            {
                reserved = r;
                break;
            }
        }

        if (reserved is not null)
        {
            if (!isSubject && EntityOf(selector) is { } name)
            {
                return new CiliumSelector(null, name, $"entity {name}");
            }

            warn?.Invoke($"{description} mixes reserved labels with others; an entity has only its reserved label, so it selects nothing.");
            return new CiliumSelector(WorkloadSelector.Matching(description, static (_, _) => false), null, description);
        }

        var pods = new List<LabelRequirement>();
        var namespaces = new List<LabelRequirement>();
        var identity = new List<LabelRequirement>();
        var namesNamespace = false;
        foreach (var r in requirements)
        {
            if (r.Key == CiliumLabels.PodNamespace)
            {
                namespaces.Add(r with { Key = Namespace.NameLabel });
                namesNamespace = true;
            }
            else if (r.Key.StartsWith(CiliumLabels.NamespaceLabelPrefix, StringComparison.Ordinal))
            {
                namespaces.Add(r with { Key = r.Key[CiliumLabels.NamespaceLabelPrefix.Length..] });
            }
            else if (r.Key is CiliumLabels.ServiceAccount or CiliumLabels.Cluster)
            {
                identity.Add(r);
            }
            else
            {
                pods.Add(r);
            }
        }

        var podSelector = new LabelSelector(LabelSet.Empty, pods.ToValueArray());
        var namespaceSelector = new LabelSelector(LabelSet.Empty, namespaces.ToValueArray());
        Func<Workload, LabelSet, bool>? where = identity.Count == 0 ? null : (w, _) => identity.All(r => r.Matches(IdentityOf(w)));
        WorkloadSelector workloads;
        if (policyNamespace is not null && (isSubject || !namesNamespace))
        {
            workloads = new WorkloadSelector(policyNamespace, null, podSelector, where, description);
            if (namespaces.Count > 0)
            {
                workloads = workloads.And(description, (_, ns) => namespaceSelector.Matches(ns));
            }
        }
        else
        {
            workloads = new WorkloadSelector(null, namespaceSelector, podSelector, where, description);
        }

        return new CiliumSelector(workloads, null, description);
    }

    /// <summary>The entity a peer's selector names (<see cref="Compile"/>'s <see cref="Entity"/>, without compiling the rest); null when none.</summary>
    public static string? EntityOf(LabelSelector selector)
    {
        string key;
        if (selector.MatchLabels.Count == 1 && selector.MatchExpressions.IsEmpty)
        {
            key = selector.MatchLabels.Pairs[0].Key;
        }
        else if (selector.MatchLabels.Count == 0 && selector.MatchExpressions.Count == 1
            && selector.MatchExpressions[0].Operator is SelectorOperator.In or SelectorOperator.Exists)
        {
            key = selector.MatchExpressions[0].Key;
        }
        else
        {
            return null;
        }

        var normalized = CiliumLabels.Normalized(key);
        if (!normalized.StartsWith(CiliumLabels.ReservedPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = normalized[CiliumLabels.ReservedPrefix.Length..].ToString();
        return CiliumEntities.All.Contains(name) ? name : null;
    }

    /// <summary>
    /// Whether what <paramref name="selector"/> selects depends on the namespace of its policy: a subject's always does; a
    /// peer's unless it names the namespace or an entity (a reserved label).
    /// </summary>
    public static bool DependsOnNamespace(LabelSelector selector, bool isSubject)
    {
        if (isSubject)
        {
            return true;
        }

        foreach (var pair in selector.MatchLabels.Pairs)
        {
            if (NamesNamespaceOrEntity(pair.Key))
            {
                return false;
            }
        }

        foreach (var r in selector.MatchExpressions)
        {
            if (NamesNamespaceOrEntity(r.Key))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NamesNamespaceOrEntity(string key)
    {
        var normalized = CiliumLabels.Normalized(key);
        return normalized.SequenceEqual(CiliumLabels.PodNamespace) || normalized.StartsWith(CiliumLabels.ReservedPrefix, StringComparison.Ordinal);
    }

    private static LabelSet IdentityOf(Workload workload) =>
        LabelSet.Of((CiliumLabels.ServiceAccount, workload.ServiceAccount ?? Workload.DefaultServiceAccount), (CiliumLabels.Cluster, CiliumLabels.DefaultClusterName));
}
