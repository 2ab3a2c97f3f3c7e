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
        var requirements = selector.MatchLabels.Select(p => new LabelRequirement(CiliumLabels.Normalize(p.Key), SelectorOperator.In, new[] { p.Value }))
            .Concat(selector.MatchExpressions.Select(r => r with { Key = CiliumLabels.Normalize(r.Key) }))
            .ToList();
        var reserved = requirements.Where(r => r.Key.StartsWith(CiliumLabels.ReservedPrefix, StringComparison.Ordinal)).ToList();
        if (reserved.Count > 0)
        {
            var name = reserved[0].Key[CiliumLabels.ReservedPrefix.Length..];
            if (requirements.Count == 1 && reserved[0].Operator is SelectorOperator.In or SelectorOperator.Exists && !isSubject && CiliumEntities.All.Contains(name))
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

    private static LabelSet IdentityOf(Workload workload) =>
        LabelSet.Of((CiliumLabels.ServiceAccount, workload.ServiceAccount ?? Workload.DefaultServiceAccount), (CiliumLabels.Cluster, CiliumLabels.DefaultClusterName));
}
