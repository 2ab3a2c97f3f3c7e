using System.Globalization;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// Observed traffic as cilium.io/v2 CiliumNetworkPolicies: per workload one policy with an <c>ingress</c> and an
/// <c>egress</c> section (which put it into default deny both ways; <c>ingress: [{}]</c> when nothing came in) allowing exactly what was observed: the peers
/// reached on the same connections in one rule, workloads as <c>fromEndpoints</c>/<c>toEndpoints</c> (with
/// <c>k8s:io.kubernetes.pod.namespace</c> for another namespace), addresses as CIDRs, special peers as entities;
/// ports in <c>toPorts</c> and ICMP types in <c>icmps</c>, each in rules of their own as Cilium requires; and the
/// DNS rule Cilium's documentation gives (kube-dns on port 53 through the DNS proxy, <c>matchPattern: "*"</c>).
/// </summary>
internal static class CiliumFromFlows
{
    /// <summary>Cilium takes at most this many ports in one <c>toPorts</c> item, and this many ICMP fields in one <c>icmps</c> item.</summary>
    private const int MaxItems = 40;

    /// <summary>One CiliumNetworkPolicy per workload of the input.</summary>
    public static IReadOnlyList<IPolicyResource> Write(FlowPolicyInput input)
    {
        var dnsWarnings = new List<string>();
        var dns = CiliumSynthesizer.DnsVisibility(input.Cluster, dnsWarnings);
        if (input.Workloads.Count > 0)
        {
            input.Warnings.AddRange(dnsWarnings);
        }

        var everyNamespace = new LabelSelector(LabelSet.Empty, ValueArray.Create(new LabelRequirement(CiliumSynthesizer.NamespaceLabel, SelectorOperator.Exists, ValueArray<string>.Empty)));
        var widened = false;
        var policies = new List<IPolicyResource>();
        foreach (var w in input.Workloads)
        {
            var ingress = Rules(input, w, TrafficDirection.Ingress, ref widened);
            if (FlowPolicyInput.IsDns(w))
            {
                // DNS is kept: the resolver stays reachable from every namespace, observed or not.
                ingress.AddRange(WithConnections(CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(everyNamespace) }, FlowPolicyInput.DnsConnections, ref widened));
            }

            if (ingress.Count == 0)
            {
                // Nothing observed coming in: an empty rule puts the endpoint into default deny for ingress and allows nothing.
                ingress.Add(CiliumPeerRule.Empty);
            }

            var egress = Rules(input, w, TrafficDirection.Egress, ref widened);
            egress.Add(dns);
            var rule = new CiliumRule(input.Selectors.Of(w), null, ingress.ToValueArray(), [], egress.ToValueArray(), [], null, null,
                $"Allows what was observed into and out of {w.Id}, and DNS.");
            policies.Add(new CiliumPolicy(w.Namespace, input.PolicyName(w), rule, []));
        }

        if (widened)
        {
            input.Warnings.Add("CiliumNetworkPolicy names ICMP types, not codes: every code of an observed ICMP type is allowed.");
        }

        return policies;
    }

    /// <summary>The rules of one direction: per set of connections, one rule per kind of peer (Cilium takes one kind a rule).</summary>
    private static List<CiliumPeerRule> Rules(FlowPolicyInput input, Workload subject, TrafficDirection direction, ref bool widened)
    {
        var rules = new List<CiliumPeerRule>();
        foreach (var (connections, peers) in input.Groups(subject, direction))
        {
            var endpoints = peers.OfType<WorkloadEndpoint>().Select(p => Endpoints(input, p.Workload, subject.Namespace)).Distinct().ToValueArray();
            var cidrs = peers.OfType<ExternalEndpoint>().SelectMany(e => e.Range.ToCidrs()).Select(CiliumCidr.Plain).ToValueArray();
            var entities = peers.OfType<SpecialEndpoint>().Select(s => s.Name).ToValueArray();
            foreach (var peer in new[] { CiliumPeerRule.Empty with { Endpoints = endpoints }, CiliumPeerRule.Empty with { Cidrs = cidrs }, CiliumPeerRule.Empty with { Entities = entities } })
            {
                if (peer.HasPeers)
                {
                    rules.AddRange(WithConnections(peer, connections, ref widened));
                }
            }
        }

        return rules;
    }

    /// <summary>An endpoint selector for one workload seen from a policy of <paramref name="policyNamespace"/>: its labels, and its namespace when it is another.</summary>
    private static LabelSelector Endpoints(FlowPolicyInput input, Workload workload, string policyNamespace)
    {
        var selector = input.Selectors.Of(workload);
        return workload.Namespace == policyNamespace
            ? selector
            : selector with { MatchLabels = LabelSet.From(selector.MatchLabels.Append(new KeyValuePair<string, string>(CiliumSynthesizer.NamespaceLabel, workload.Namespace))) };
    }

    /// <summary>
    /// The peer on <paramref name="connections"/>: a rule with <c>toPorts</c> for TCP, UDP and SCTP (at most
    /// <see cref="MaxItems"/> ports an item) and rules with <c>icmps</c> for ICMP and ICMPv6 types.
    /// </summary>
    private static IEnumerable<CiliumPeerRule> WithConnections(CiliumPeerRule peer, ConnectionSet connections, ref bool widened)
    {
        var rules = new List<CiliumPeerRule>();
        var ports = CiliumSynthesizer.Ports(connections).SelectMany(p => p.Ports).Chunk(MaxItems)
            .Select(chunk => new CiliumPortRule(chunk.ToValueArray(), null, [])).ToValueArray();
        if (!ports.IsEmpty)
        {
            rules.Add(peer with { Ports = ports });
        }

        var icmps = new List<CiliumIcmp>();
        foreach (var (protocol, family) in new[] { (Protocol.ICMP, "IPv4"), (Protocol.ICMPv6, "IPv6") })
        {
            var types = connections.Types(protocol);
            while (types.First is var (type, _))
            {
                var whole = IcmpSet.OfType(type);
                widened |= !whole.Subtract(types).IsEmpty;
                icmps.Add(new CiliumIcmp(type.ToString(CultureInfo.InvariantCulture), family));
                types = types.Subtract(whole);
            }
        }

        rules.AddRange(icmps.Chunk(MaxItems).Select(chunk => peer with { Icmps = chunk.ToValueArray() }));
        return rules;
    }
}
