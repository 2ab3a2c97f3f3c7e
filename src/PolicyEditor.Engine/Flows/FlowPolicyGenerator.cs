using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Least-privilege NetworkPolicies from observed traffic: for each workload of the scope one policy that
/// isolates it both ways and allows exactly the connections observed into and out of it (ports merged per
/// peer, peers with the same ports in one rule), plus DNS; selectors of stable labels only.
/// </summary>
public static class FlowPolicyGenerator
{
    /// <summary>The prefix of the generated policies' names.</summary>
    public const string NamePrefix = "observed-";

    private static readonly LabelSelector DnsPods = LabelSelector.ForLabels(("k8s-app", "kube-dns"));

    private static readonly ValueArray<NetworkPolicyPort> DnsPorts =
        ValueArray.Create(NetworkPolicyPort.Of(Protocol.UDP, 53), NetworkPolicyPort.Of(Protocol.TCP, 53));

    /// <summary>
    /// Proposes policies for the workloads of <paramref name="cluster"/> that <paramref name="inScope"/> takes
    /// (all when null) from the observed connections of <paramref name="classification"/> that went through;
    /// the existing policies of namespaces entirely in the scope are replaced.
    /// </summary>
    public static FlowPolicyProposal Generate(Cluster cluster, FlowClassification classification, Func<Workload, bool>? inScope = null)
    {
        inScope ??= _ => true;
        var warnings = new List<string>();
        var ingress = new Dictionary<Workload, Dictionary<Endpoint, ConnectionSet>>();
        var egress = new Dictionary<Workload, Dictionary<Endpoint, ConnectionSet>>();
        var used = 0;
        var (unmatched, unsupported, dropped) = (0, 0, 0);
        foreach (var f in classification.Flows)
        {
            if (f.Class == FlowClass.Unmatched)
            {
                unmatched++;
                continue;
            }

            var protocol = f.Flow.Protocol.Protocol;
            if (!protocol.IsKubernetes)
            {
                unsupported++;
                continue;
            }

            if (f.Flow.Forwarded == 0 && f.Flow.Dropped > 0)
            {
                dropped++;
                continue;
            }

            var connection = ConnectionSet.Of(protocol, f.Flow.Port);
            var counted = false;
            if (f.Destination is WorkloadEndpoint d && inScope(d.Workload))
            {
                Allow(ingress, d.Workload, f.Source!, connection);
                counted = true;
            }

            if (f.Source is WorkloadEndpoint s && inScope(s.Workload))
            {
                Allow(egress, s.Workload, f.Destination!, connection);
                counted = true;
            }

            used += counted ? 1 : 0;
        }

        Report(warnings, unmatched, "not matched to a workload of the manifests");
        Report(warnings, unsupported, "on a protocol NetworkPolicy cannot name (ICMP, another protocol number)");
        Report(warnings, dropped, "only ever dropped");

        var selectors = new Selectors(cluster, warnings);
        var dnsNamespace = cluster.Workloads.FirstOrDefault(w => DnsPods.Matches(w.Labels))?.Namespace ?? "kube-system";
        var dnsRule = new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.PodsInNamespaces(PolicySynthesizer.NameSelector(dnsNamespace), DnsPods)), DnsPorts);
        var policies = new List<NetworkPolicy>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in cluster.Workloads.Where(inScope).OrderBy(w => w.Id, StringComparer.Ordinal))
        {
            var ingressRules = Rules(w, ingress.GetValueOrDefault(w), selectors, TrafficDirection.Ingress).ToList();
            if (DnsPods.Matches(w.Labels))
            {
                // DNS is kept: the resolver stays reachable from every namespace, observed or not.
                ingressRules.Add(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Namespaces(LabelSelector.Everything)), DnsPorts));
            }

            var egressRules = Rules(w, egress.GetValueOrDefault(w), selectors, TrafficDirection.Egress).Append(dnsRule).ToList();
            var name = NamePrefix + w.Name;
            if (!names.Add($"{w.Namespace}/{name}"))
            {
                name = $"{name}-{w.Kind.ToLowerInvariant()}";
                names.Add($"{w.Namespace}/{name}");
            }

            policies.Add(new NetworkPolicy(w.Namespace, name, selectors.Of(w), PolicyTypes.Both, ingressRules.ToValueArray(), egressRules.ToValueArray()));
        }

        var whole = cluster.Workloads.GroupBy(w => w.Namespace).Where(g => g.All(inScope)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var replaced = cluster.NetworkPolicies.Where(p => whole.Contains(p.Namespace)).ToList();
        return new FlowPolicyProposal(policies, replaced, warnings, used);
    }

    private static void Allow(Dictionary<Workload, Dictionary<Endpoint, ConnectionSet>> side, Workload subject, Endpoint peer, ConnectionSet connection)
    {
        if (!side.TryGetValue(subject, out var peers))
        {
            side[subject] = peers = [];
        }

        peers[peer] = peers.TryGetValue(peer, out var known) ? known.Union(connection) : connection;
    }

    private static void Report(List<string> warnings, int count, string what)
    {
        if (count > 0)
        {
            warnings.Add($"Not allowed: {count:N0} observed connection{(count == 1 ? string.Empty : "s")} {what}.");
        }
    }

    // One rule per set of ports: the peers reached on the same ports share it, in a stable order.
    private static IEnumerable<NetworkPolicyRule> Rules(Workload subject, Dictionary<Endpoint, ConnectionSet>? peers, Selectors selectors, TrafficDirection direction)
    {
        if (peers is null)
        {
            yield break;
        }

        var rules = peers
            .Select(p => (Peer: p.Key, Ports: SelectorChooser.PortsFor(p.Value, direction == TrafficDirection.Ingress ? subject : (p.Key as WorkloadEndpoint)?.Workload)))
            .GroupBy(p => p.Ports)
            .Select(g => new NetworkPolicyRule(g.OrderBy(p => p.Peer.Id, StringComparer.Ordinal).SelectMany(p => selectors.Peers(p.Peer, subject.Namespace)).Distinct().ToValueArray(), g.Key))
            .OrderBy(r => r.Peers[0].ToString(), StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            yield return rule;
        }
    }

    /// <summary>Each workload's selector, chosen once, with a warning when stable labels cannot tell it from a neighbour.</summary>
    private sealed class Selectors(Cluster cluster, List<string> warnings)
    {
        private readonly ILookup<string, Workload> _byNamespace = cluster.Workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);
        private readonly Dictionary<Workload, LabelSelector> _chosen = [];

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

        public IEnumerable<NetworkPolicyPeer> Peers(Endpoint endpoint, string policyNamespace) => endpoint switch
        {
            WorkloadEndpoint w when w.Workload.Namespace == policyNamespace => [NetworkPolicyPeer.Pods(Of(w.Workload))],
            WorkloadEndpoint w => [NetworkPolicyPeer.PodsInNamespaces(PolicySynthesizer.NameSelector(w.Workload.Namespace), Of(w.Workload))],
            ExternalEndpoint e => e.Range.ToCidrs().Select(c => NetworkPolicyPeer.Addresses(new IpBlock(Cidr.Parse(c), ValueArray<Cidr>.Empty))),
            _ => [NetworkPolicyPeer.Namespaces(LabelSelector.Everything)],
        };
    }
}
