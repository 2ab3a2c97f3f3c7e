using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>Compares the reachability of two versions of a cluster, pair by pair, by endpoint name.</summary>
public static class ConnectivityDiff
{
    /// <summary>Both versions' matrices over one common cut of the external space, so their blocks compare.</summary>
    public static (ReachabilityMatrix Before, ReachabilityMatrix After) BuildPair(ClusterEvaluator before, ClusterEvaluator after)
    {
        var space = ExternalSpace.Cut(before.AddressSets().Concat(after.AddressSets()));
        return (ReachabilityMatrix.Build(before, space), ReachabilityMatrix.Build(after, space));
    }

    /// <summary>Every pair whose connections differ between two clusters.</summary>
    public static IReadOnlyList<ConnectionChange> Compare(Cluster before, Cluster after)
    {
        var (m1, m2) = BuildPair(new ClusterEvaluator(before), new ClusterEvaluator(after));
        return Compare(m1, m2);
    }

    /// <summary>Every pair whose connections differ between two matrices built over the same external cut.</summary>
    public static IReadOnlyList<ConnectionChange> Compare(ReachabilityMatrix before, ReachabilityMatrix after)
    {
        var changes = new List<ConnectionChange>();
        var ids = before.Workloads.Select(w => w.Id).Union(after.Workloads.Select(w => w.Id), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index1 = ids.Select(before.IndexOf).ToArray();
        var index2 = ids.Select(after.IndexOf).ToArray();
        var endpoints = ids.Select((_, i) => Endpoint.Of(index2[i] >= 0 ? after.Workloads[index2[i]] : before.Workloads[index1[i]])).ToArray();
        string? Info(int i) => index1[i] < 0 ? $"workload {ids[i]} added" : index2[i] < 0 ? $"workload {ids[i]} removed" : null;
        string? PairInfo(int s, int d) => (Info(s), Info(d)) switch
        {
            (null, var only) => only,
            (var only, null) => only,
            _ => $"workload {ids[s]} and {ids[d]} {(index1[s] < 0 ? "added" : "removed")}",
        };

        for (var s = 0; s < ids.Count; s++)
        {
            for (var d = 0; d < ids.Count; d++)
            {
                if (s == d)
                {
                    continue;
                }

                var c1 = index1[s] >= 0 && index1[d] >= 0 ? before.Between(index1[s], index1[d]) : ConnectionSet.None;
                var c2 = index2[s] >= 0 && index2[d] >= 0 ? after.Between(index2[s], index2[d]) : ConnectionSet.None;
                Add(changes, endpoints[s], endpoints[d], c1, c2, PairInfo(s, d));
            }
        }

        var blocks = before.External.Blocks;
        for (var i = 0; i < ids.Count; i++)
        {
            foreach (var block in blocks)
            {
                var to1 = index1[i] >= 0 ? before.ToBlock(index1[i], block.Index) : ConnectionSet.None;
                var to2 = index2[i] >= 0 ? after.ToBlock(index2[i], block.Index) : ConnectionSet.None;
                var from1 = index1[i] >= 0 ? before.FromBlock(block.Index, index1[i]) : ConnectionSet.None;
                var from2 = index2[i] >= 0 ? after.FromBlock(block.Index, index2[i]) : ConnectionSet.None;
                foreach (var range in block.Ranges)
                {
                    var external = new ExternalEndpoint(range);
                    Add(changes, endpoints[i], external, to1, to2, Info(i));
                    Add(changes, external, endpoints[i], from1, from2, Info(i));
                }
            }

            var ic1 = index1[i] >= 0 ? before.FromIngressController(index1[i]) : ConnectionSet.None;
            var ic2 = index2[i] >= 0 ? after.FromIngressController(index2[i]) : ConnectionSet.None;
            Add(changes, Endpoint.IngressController, endpoints[i], ic1, ic2, Info(i));
        }

        // The endpoints the dialects' policies name (Cilium's entities and DNS names, Calico's host endpoints), in either version; a DNS name is only a destination.
        var others = before.OtherEndpoints.Concat(after.OtherEndpoints).DistinctBy(e => e.Id).ToList();
        foreach (var other in others)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                ConnectionSet Between(ReachabilityMatrix m, int index, bool outwards) => index < 0 || (!outwards && other is DnsEndpoint) ? ConnectionSet.None
                    : outwards ? m.Evaluator.Evaluate(new WorkloadEndpoint(m.Workloads[index]), other) : m.Evaluator.Evaluate(other, new WorkloadEndpoint(m.Workloads[index]));
                Add(changes, endpoints[i], other, Between(before, index1[i], true), Between(after, index2[i], true), Info(i));
                Add(changes, other, endpoints[i], Between(before, index1[i], false), Between(after, index2[i], false), Info(i));
            }
        }

        // A host endpoint has policies of its own, so its traffic with addresses outside the cluster and with the other host
        // endpoints is listed too (as the matrix's connections list it), and compared here; a host endpoint only one version has
        // has no traffic in the other.
        static bool Present(ReachabilityMatrix m, Endpoint e) => e is not HostEndpoint || m.OtherEndpoints.Any(o => o.Id == e.Id);
        static ConnectionSet Evaluate(ReachabilityMatrix m, Endpoint source, Endpoint destination) =>
            Present(m, source) && Present(m, destination) ? m.Evaluator.Evaluate(source, destination) : ConnectionSet.None;
        foreach (var host in others.OfType<HostEndpoint>())
        {
            foreach (var (source, destination) in ReachabilityMatrix.HostPairs(host, before.External, others))
            {
                Add(changes, source, destination, Evaluate(before, source, destination), Evaluate(after, source, destination), null);
            }
        }

        return changes;
    }

    private static void Add(List<ConnectionChange> changes, Endpoint source, Endpoint destination, ConnectionSet before, ConnectionSet after, string? info)
    {
        if (before.Equals(after))
        {
            return;
        }

        var kind = before.IsEmpty ? ChangeKind.Added : after.IsEmpty ? ChangeKind.Removed : ChangeKind.Changed;
        changes.Add(new ConnectionChange(source, destination, kind, before, after, info));
    }
}
