using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>
/// Picks selectors for generated policies: from stable labels only (never the per-pod hashes that
/// controllers add), as few as tell the workload apart from its neighbours, preferring the labels
/// people select by (<c>app.kubernetes.io/name</c>, <c>app</c>...).
/// </summary>
public static class SelectorChooser
{
    /// <summary>Labels controllers set per pod or per revision: selecting by them breaks on the next rollout.</summary>
    public static readonly IReadOnlySet<string> UnstableKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "pod-template-hash", "controller-revision-hash", "pod-template-generation", "statefulset.kubernetes.io/pod-name",
        "controller-uid", "batch.kubernetes.io/controller-uid", "apps.kubernetes.io/pod-index", "deploymentconfig", "deployment",
    };

    private static readonly string[] PreferredKeys =
    [
        "app.kubernetes.io/name", "app", "k8s-app", "name", "app.kubernetes.io/component", "component", "app.kubernetes.io/instance",
        "tier", "role", "service", "run", "job-name",
    ];

    /// <summary>The labels of a workload that are safe to select by.</summary>
    public static IEnumerable<KeyValuePair<string, string>> StableLabels(Workload workload) =>
        workload.Labels.Where(l => !UnstableKeys.Contains(l.Key));

    /// <summary>
    /// The smallest selector of stable labels that takes in <paramref name="target"/> and none of
    /// <paramref name="neighbours"/> (other workloads of its namespace), and the neighbours it cannot
    /// tell apart (empty when the selector is exact).
    /// </summary>
    public static (LabelSelector Selector, IReadOnlyList<Workload> AlsoSelected) Exact(Workload target, IEnumerable<Workload> neighbours)
    {
        var others = neighbours.Where(w => !ReferenceEquals(w, target) && w.Id != target.Id).ToList();
        var stable = StableLabels(target)
            .OrderBy(l => Array.IndexOf(PreferredKeys, l.Key) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(l => l.Key, StringComparer.Ordinal)
            .ToList();
        if (stable.Count == 0)
        {
            return (LabelSelector.Everything, others);
        }

        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Candidates()
        {
            foreach (var l in stable)
            {
                yield return [l];
            }

            for (var i = 0; i < stable.Count; i++)
            {
                for (var j = i + 1; j < stable.Count; j++)
                {
                    yield return [stable[i], stable[j]];
                }
            }

            yield return stable;
        }

        foreach (var labels in Candidates())
        {
            var selector = new LabelSelector(LabelSet.From(labels), ValueArray<LabelRequirement>.Empty);
            if (!others.Any(o => selector.Matches(o.Labels)))
            {
                return (selector, []);
            }
        }

        var all = new LabelSelector(LabelSet.From(stable), ValueArray<LabelRequirement>.Empty);
        return (all, others.Where(o => all.Matches(o.Labels)).ToList());
    }

    /// <summary>
    /// NetworkPolicy ports for a connection set: no list for everything, whole protocols without a
    /// port, ranges with endPort, and a container-port name where the destination names that exact port.
    /// </summary>
    public static ValueArray<NetworkPolicyPort> PortsFor(ConnectionSet connections, Workload? destination)
    {
        if (connections.IsAll)
        {
            return ValueArray<NetworkPolicyPort>.Empty;
        }

        var ports = new List<NetworkPolicyPort>();
        foreach (var protocol in new[] { Protocol.TCP, Protocol.UDP, Protocol.SCTP })
        {
            var set = connections[protocol];
            if (set.IsAll)
            {
                ports.Add(NetworkPolicyPort.AllOf(protocol));
                continue;
            }

            foreach (var range in set.Ranges)
            {
                if (range.IsSingle)
                {
                    var named = destination?.Ports.FirstOrDefault(p => p.Number == range.Start && p.Protocol == protocol && p.Name is not null
                        && destination.Ports.Count(q => q.Name == p.Name && q.Protocol == protocol) == 1);
                    ports.Add(named is not null ? NetworkPolicyPort.Named(protocol, named.Name!) : NetworkPolicyPort.Of(protocol, range.Start));
                }
                else
                {
                    ports.Add(NetworkPolicyPort.Range(protocol, range.Start, range.End));
                }
            }
        }

        return ports.ToValueArray();
    }
}
