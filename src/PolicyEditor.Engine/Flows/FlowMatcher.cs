using System.Collections.Concurrent;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Matches the peers of flow records to the cluster's endpoints: by namespace and workload or pod name
/// first, then by the workload's pod labels, then by address (a pod's address in the manifests, else the
/// address outside the cluster it names). Each distinct peer is matched once; what cannot be matched says why.
/// </summary>
public sealed class FlowMatcher
{
    /// <summary>Hubble's identity labels for traffic that is not a pod's; only "world" is an address outside the cluster.</summary>
    private const string ReservedPrefix = "reserved:";

    private readonly Dictionary<string, List<Workload>> _byNamespace = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FlowPeer, PeerMatch> _matches = new();
    private readonly Dictionary<System.Net.IPAddress, Workload> _byAddress = [];

    /// <summary>A matcher for the workloads of <paramref name="cluster"/>.</summary>
    public FlowMatcher(Cluster cluster)
    {
        Cluster = cluster;
        foreach (var w in cluster.Workloads)
        {
            if (!_byNamespace.TryGetValue(w.Namespace, out var list))
            {
                _byNamespace[w.Namespace] = list = [];
            }

            list.Add(w);
            foreach (var cidr in w.Addresses.Where(c => c.PrefixLength == (c.Family == Addresses.IpFamily.V4 ? 32 : 128)))
            {
                _byAddress.TryAdd(System.Net.IPAddress.Parse(cidr.Text.Split('/')[0]), w);
            }
        }
    }

    /// <summary>The cluster matched against.</summary>
    public Cluster Cluster { get; }

    /// <summary>The endpoint <paramref name="peer"/> stands for, or why there is none.</summary>
    public PeerMatch Match(FlowPeer peer) => _matches.GetOrAdd(peer, Find);

    private PeerMatch Find(FlowPeer peer)
    {
        if (peer.Namespace is null)
        {
            var reserved = peer.Labels.Keys.FirstOrDefault(k => k.StartsWith(ReservedPrefix, StringComparison.Ordinal));
            if (reserved is not null && reserved != ReservedPrefix + "world")
            {
                return PeerMatch.Unmatched($"{peer.Text} is {reserved[ReservedPrefix.Length..]} traffic, not a workload's; policies do not decide it.");
            }

            if (peer.Address is { } known && _byAddress.TryGetValue(known, out var pod))
            {
                return PeerMatch.Of(Endpoint.Of(pod), PeerMatchKind.Address);
            }

            return peer.Address is { } address
                ? PeerMatch.Of(Endpoint.Of(address), PeerMatchKind.Address)
                : PeerMatch.Unmatched($"{peer.Text} names neither a namespace nor an address.");
        }

        if (!_byNamespace.TryGetValue(peer.Namespace, out var workloads))
        {
            return PeerMatch.Unmatched($"{peer.Text}: the namespace {peer.Namespace} has no workload in the manifests.");
        }

        foreach (var name in new[] { peer.Workload, peer.Pod })
        {
            if (name is not null && ByName(workloads, name) is { } named)
            {
                return PeerMatch.Of(Endpoint.Of(named), PeerMatchKind.Name);
            }
        }

        if (peer.Labels.Count > 0)
        {
            var candidates = workloads.Where(w => w.Labels.Count > 0 && w.Labels.All(l => peer.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
            var most = candidates.Count == 0 ? 0 : candidates.Max(w => w.Labels.Count);
            var best = candidates.Where(w => w.Labels.Count == most).ToList();
            if (best.Count == 1)
            {
                return PeerMatch.Of(Endpoint.Of(best[0]), PeerMatchKind.Labels);
            }

            if (best.Count > 1)
            {
                return PeerMatch.Unmatched($"{peer.Text}: its labels fit {string.Join(", ", best.Select(w => w.Id))} alike.");
            }
        }

        return PeerMatch.Unmatched($"{peer.Text}: no workload of namespace {peer.Namespace} has that name or those labels.");
    }

    /// <summary>
    /// The workload named <paramref name="name"/>, or whose pods are named after it: the longest workload name
    /// the pod name starts with, followed by at most two generated parts (a ReplicaSet hash and a pod suffix,
    /// or a StatefulSet ordinal). Calico's aggregated names end in <c>-*</c>.
    /// </summary>
    private static Workload? ByName(List<Workload> workloads, string name)
    {
        var pod = name.EndsWith("-*", StringComparison.Ordinal) ? name[..^2] : name;
        Workload? best = null;
        foreach (var w in workloads)
        {
            if (w.Name == pod)
            {
                return w;
            }

            if (pod.Length > w.Name.Length + 1 && pod.StartsWith(w.Name, StringComparison.Ordinal) && pod[w.Name.Length] == '-'
                && pod.AsSpan(w.Name.Length + 1).Count('-') <= 1 && (best is null || w.Name.Length > best.Name.Length))
            {
                best = w;
            }
        }

        return best;
    }
}
