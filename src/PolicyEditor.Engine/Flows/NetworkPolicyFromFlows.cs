using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Observed traffic as NetworkPolicies: per workload one policy of both types, one rule per set of ports
/// (named ports where the destination names them), DNS egress to kube-dns on UDP and TCP 53.
/// </summary>
internal static class NetworkPolicyFromFlows
{
    private static readonly ValueArray<NetworkPolicyPort> DnsPorts =
        ValueArray.Create(NetworkPolicyPort.Of(Protocol.UDP, 53), NetworkPolicyPort.Of(Protocol.TCP, 53));

    /// <summary>One NetworkPolicy per workload of the input.</summary>
    public static IReadOnlyList<IPolicyResource> Write(FlowPolicyInput input)
    {
        var dnsRule = new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.PodsInNamespaces(PolicySynthesizer.NameSelector(input.DnsNamespace), FlowPolicyInput.DnsPods)), DnsPorts);
        var policies = new List<IPolicyResource>();
        foreach (var w in input.Workloads)
        {
            var ingressRules = Rules(w, input, TrafficDirection.Ingress).ToList();
            if (FlowPolicyInput.IsDns(w))
            {
                // DNS is kept: the resolver stays reachable from every namespace, observed or not.
                ingressRules.Add(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Namespaces(LabelSelector.Everything)), DnsPorts));
            }

            var egressRules = Rules(w, input, TrafficDirection.Egress).Append(dnsRule).ToList();
            policies.Add(new NetworkPolicy(w.Namespace, input.PolicyName(w), input.Selectors.Of(w), PolicyTypes.Both, ingressRules.ToValueArray(), egressRules.ToValueArray()));
        }

        return policies;
    }

    // One rule per set of ports: the peers reached on the same ports share it, in a stable order.
    private static IEnumerable<NetworkPolicyRule> Rules(Workload subject, FlowPolicyInput input, TrafficDirection direction) =>
        input.Observed(subject, direction)
            .Select(p => (Peer: p.Key, Ports: SelectorChooser.PortsFor(p.Value, direction == TrafficDirection.Ingress ? subject : (p.Key as WorkloadEndpoint)?.Workload)))
            .GroupBy(p => p.Ports)
            .Select(g => new NetworkPolicyRule(g.OrderBy(p => p.Peer.Id, StringComparer.Ordinal).SelectMany(p => Peers(input, p.Peer, subject.Namespace)).Distinct().ToValueArray(), g.Key))
            .OrderBy(r => r.Peers[0].ToString(), StringComparer.Ordinal);

    private static IEnumerable<NetworkPolicyPeer> Peers(FlowPolicyInput input, Endpoint endpoint, string policyNamespace) => endpoint switch
    {
        WorkloadEndpoint w when w.Workload.Namespace == policyNamespace => [NetworkPolicyPeer.Pods(input.Selectors.Of(w.Workload))],
        WorkloadEndpoint w => [NetworkPolicyPeer.PodsInNamespaces(PolicySynthesizer.NameSelector(w.Workload.Namespace), input.Selectors.Of(w.Workload))],
        ExternalEndpoint e => e.Range.ToCidrs().Select(c => NetworkPolicyPeer.Addresses(new IpBlock(Cidr.Parse(c), ValueArray<Cidr>.Empty))),
        _ => [NetworkPolicyPeer.Namespaces(LabelSelector.Everything)],
    };
}
