using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// Observed traffic as Calico projectcalico.org/v3 NetworkPolicies of the default tier: per workload one policy of
/// both types whose Allow rules match exactly what was observed (one rule per protocol, as Calico matches one
/// protocol a rule; ports merged; ICMP by type and code; any other protocol by number), the peers of one
/// namespace reached on the same connections in one selector; and per namespace wholly in the scope a default
/// deny (<c>selector: all()</c>, both types) that keeps DNS. Calico denies at the end of the tier what no
/// policy that applies to the workload allowed, so no Deny rule is needed, and order among them does not matter.
/// </summary>
internal static class CalicoFromFlows
{
    /// <summary>The name of a namespace's default deny.</summary>
    public const string DefaultDenyName = FlowPolicyGenerator.NamePrefix + "default-deny";

    /// <summary>The order of the workloads' policies: before Kubernetes NetworkPolicies (1000) in the default tier.</summary>
    private const double WorkloadOrder = 100;

    /// <summary>The order of the default deny: after the workloads' policies.</summary>
    private const double DefaultDenyOrder = 2000;

    private static readonly ValueArray<TrafficDirection> BothTypes = ValueArray.Create(TrafficDirection.Ingress, TrafficDirection.Egress);

    /// <summary>The workloads' policies, then each whole namespace's default deny.</summary>
    public static IReadOnlyList<IPolicyResource> Write(FlowPolicyInput input)
    {
        var dns = CalicoEntityRule.Any with
        {
            Selector = CalicoSelector.Parse(CalicoSynthesizer.SelectorText(FlowPolicyInput.DnsPods)),
            NamespaceSelector = CalicoSynthesizer.NamespaceNamed(input.DnsNamespace),
        };
        var dnsEgress = CalicoSynthesizer.Rules(RuleAction.Allow, TrafficDirection.Egress, dns, FlowPolicyInput.DnsConnections);
        var namespaces = input.Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Where(input.WholeNamespaces.Contains).ToList();
        foreach (var ns in namespaces)
        {
            input.Reserve(ns, DefaultDenyName);
        }

        var policies = new List<IPolicyResource>();
        foreach (var w in input.Workloads)
        {
            var ingress = Rules(input, w, TrafficDirection.Ingress);
            if (FlowPolicyInput.IsDns(w))
            {
                // DNS is kept: the resolver stays reachable from every namespace, observed or not.
                ingress.AddRange(CalicoSynthesizer.Rules(RuleAction.Allow, TrafficDirection.Ingress, CalicoEntityRule.Any with { NamespaceSelector = CalicoSelector.All }, FlowPolicyInput.DnsConnections));
            }

            var egress = Rules(input, w, TrafficDirection.Egress);
            if (!input.WholeNamespaces.Contains(w.Namespace))
            {
                // No default deny of the namespace says DNS for it: the workload's own policy does.
                egress.AddRange(dnsEgress);
            }

            policies.Add(new CalicoPolicy(CalicoPolicyKind.NetworkPolicy, w.Namespace, input.PolicyName(w), CalicoPolicy.DefaultTier, WorkloadOrder,
                Selector(input.Selectors.Of(w)), null, null, BothTypes, ingress.ToValueArray(), egress.ToValueArray()));
        }

        foreach (var ns in namespaces)
        {
            policies.Add(new CalicoPolicy(CalicoPolicyKind.NetworkPolicy, ns, DefaultDenyName, CalicoPolicy.DefaultTier, DefaultDenyOrder,
                CalicoSelector.All, null, null, BothTypes, ValueArray<CalicoRule>.Empty, dnsEgress.ToValueArray()));
        }

        return policies;
    }

    /// <summary>The Allow rules of one direction: per set of connections, one source or destination per namespace of workload peers and one for addresses.</summary>
    private static List<CalicoRule> Rules(FlowPolicyInput input, Workload subject, TrafficDirection direction)
    {
        var rules = new List<CalicoRule>();
        foreach (var (connections, peers) in input.Groups(subject, direction))
        {
            foreach (var entity in Entities(input, peers, subject.Namespace))
            {
                rules.AddRange(CalicoSynthesizer.Rules(RuleAction.Allow, direction, entity, connections));
            }
        }

        return rules;
    }

    /// <summary>The peers as Calico rule entities seen from a policy of <paramref name="policyNamespace"/>: workloads by namespace (their selectors ORed), addresses as nets.</summary>
    private static IEnumerable<CalicoEntityRule> Entities(FlowPolicyInput input, IReadOnlyList<Endpoint> peers, string policyNamespace)
    {
        foreach (var group in peers.OfType<WorkloadEndpoint>().GroupBy(p => p.Workload.Namespace, StringComparer.Ordinal))
        {
            var selectors = group.Select(p => CalicoSynthesizer.SelectorText(input.Selectors.Of(p.Workload))).Distinct(StringComparer.Ordinal).ToList();
            var text = selectors.Count == 1 ? selectors[0] : string.Join(" || ", selectors.Select(s => $"({s})"));
            yield return CalicoEntityRule.Any with
            {
                Selector = CalicoSelector.Parse(text),
                NamespaceSelector = group.Key == policyNamespace ? null : CalicoSynthesizer.NamespaceNamed(group.Key),
            };
        }

        var nets = peers.OfType<ExternalEndpoint>().SelectMany(e => e.Range.ToCidrs()).Select(Cidr.Parse).ToValueArray();
        if (!nets.IsEmpty)
        {
            yield return CalicoEntityRule.Any with { Nets = nets };
        }
    }

    private static CalicoSelector Selector(Selectors.LabelSelector selector) => CalicoSelector.Parse(CalicoSynthesizer.SelectorText(selector));
}
