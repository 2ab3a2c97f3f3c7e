using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Oracle;

/// <summary>
/// Calico's evaluation written straight from its documentation, one side of one connection at a time,
/// sharing no code with the Calico dialect's compiler: tiers by order (no order last, ties by name);
/// in a tier, the policies that select the endpoint and apply in the direction, by order then name
/// (Kubernetes NetworkPolicies in the default tier at order 1000); in a policy, the first rule whose
/// source, destination, protocol and ports all match decides (Allow, Deny; Pass goes to the next
/// tier; Log goes on); what a tier that applies left undecided gets the tier's default action; what
/// no tier decided is allowed (Calico's default profiles); profiles' labelsToApply label their
/// endpoints. Staged policies are not enforced.
/// </summary>
internal sealed partial class CalicoOracle
{
    private readonly Cluster _cluster;
    private readonly List<(double Order, string Name, TierDefault Default, List<CalicoPolicy> Policies)> _tiers = [];

    public CalicoOracle(Cluster cluster)
    {
        _cluster = cluster;
        var tiers = cluster.OtherPolicies.OfType<CalicoTier>().ToDictionary(t => t.Name, StringComparer.Ordinal);
        var policies = cluster.OtherPolicies.OfType<CalicoPolicy>().Where(p => !p.IsStaged).ToList();
        _tiers.Add((1_000_000, CalicoPolicy.DefaultTier, TierDefault.Deny, Sorted(policies.Where(p => p.Tier == CalicoPolicy.DefaultTier))));
        foreach (var tier in tiers.Values.Where(t => t.Name != CalicoPolicy.DefaultTier))
        {
            _tiers.Add((tier.Order ?? double.PositiveInfinity, tier.Name, tier.DefaultAction, Sorted(policies.Where(p => p.Tier == tier.Name))));
        }

        _tiers.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Name, b.Name));
    }

    /// <summary>True when the cluster has Calico policies for this oracle to evaluate.</summary>
    public static bool Applies(Cluster cluster) => cluster.OtherPolicies.Any(p => p is CalicoPolicy or CalicoHostEndpoint);

    private static List<CalicoPolicy> Sorted(IEnumerable<CalicoPolicy> policies) =>
        [.. policies.OrderBy(p => p.Order ?? double.PositiveInfinity).ThenBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// What <paramref name="subject"/>'s side allows of its traffic with <paramref name="peer"/>;
    /// <paramref name="networkPolicies"/>: whether Kubernetes NetworkPolicies select it in this
    /// direction, and what they allow.
    /// </summary>
    public ConnectionSet Side(Workload subject, Endpoint peer, bool ingress, (bool Selected, ConnectionSet Allowed) networkPolicies)
    {
        var undecided = ConnectionSet.All;
        var allowed = ConnectionSet.None;
        foreach (var tier in _tiers)
        {
            var applying = tier.Policies.Where(p => Selects(p, subject) && (ingress ? p.AppliesToIngress : p.AppliesToEgress)).ToList();
            var withNetworkPolicies = tier.Name == CalicoPolicy.DefaultTier && networkPolicies.Selected;
            if (applying.Count == 0 && !withNetworkPolicies)
            {
                continue;
            }

            var passed = ConnectionSet.None;
            var networkPoliciesDone = !withNetworkPolicies;
            foreach (var policy in applying)
            {
                // Calico names Kubernetes NetworkPolicies knp.default.<name> and runs them at order 1000; equal orders go by name.
                var order = policy.Order ?? double.PositiveInfinity;
                if (!networkPoliciesDone && (order > 1000 || (order == 1000 && string.CompareOrdinal(policy.Name, "knp.default.") >= 0)))
                {
                    (allowed, undecided) = (allowed.Union(networkPolicies.Allowed.Intersect(undecided)), undecided.Subtract(networkPolicies.Allowed));
                    networkPoliciesDone = true;
                }

                foreach (var rule in ingress ? policy.Ingress : policy.Egress)
                {
                    var hit = Matched(rule, policy, subject, peer, ingress).Intersect(undecided);
                    if (hit.IsEmpty || rule.Action == RuleAction.Log)
                    {
                        continue;
                    }

                    undecided = undecided.Subtract(hit);
                    if (rule.Action == RuleAction.Allow)
                    {
                        allowed = allowed.Union(hit);
                    }
                    else if (rule.Action == RuleAction.Pass)
                    {
                        passed = passed.Union(hit);
                    }
                }
            }

            if (!networkPoliciesDone)
            {
                (allowed, undecided) = (allowed.Union(networkPolicies.Allowed.Intersect(undecided)), undecided.Subtract(networkPolicies.Allowed));
            }

            undecided = (tier.Default == TierDefault.Deny ? ConnectionSet.None : undecided).Union(passed);
        }

        return allowed.Union(undecided);
    }

    private bool Selects(CalicoPolicy policy, Workload w)
    {
        if (!policy.IsGlobal && policy.Namespace != w.Namespace)
        {
            return false;
        }

        return policy.Selector.Matches(Labels(w))
            && (policy.NamespaceSelector is null || policy.NamespaceSelector.Matches(NamespaceLabels(w.Namespace)))
            && (policy.ServiceAccountSelector is null || policy.ServiceAccountSelector.Matches(AccountLabels(w)));
    }

    /// <summary>The connections a rule matches between the subject and the peer (none when an endpoint does not match).</summary>
    private ConnectionSet Matched(CalicoRule rule, CalicoPolicy policy, Workload subject, Endpoint peer, bool ingress) =>
        Matched(rule, policy, Endpoint.Of(subject), subject, peer, ingress);

    /// <summary>The same for a subject that may be a host endpoint (<paramref name="ports"/>: the subject's named ports, as a workload's).</summary>
    private ConnectionSet Matched(CalicoRule rule, CalicoPolicy policy, Endpoint subjectEndpoint, Workload ports, Endpoint peer, bool ingress)
    {
        var subject = ports;
        if (rule.Http is not null && rule.Action != RuleAction.Allow)
        {
            return ConnectionSet.None;
        }

        var ns = policy.IsGlobal ? null : policy.Namespace;
        var (own, other) = ingress ? (rule.Destination, rule.Source) : (rule.Source, rule.Destination);
        if (!EndpointMatches(own, ns, subjectEndpoint, rule.IpVersion) || !EndpointMatches(other, ns, peer, rule.IpVersion))
        {
            return ConnectionSet.None;
        }

        var destination = ingress ? subject : peer switch
        {
            WorkloadEndpoint w => w.Workload,
            HostEndpoint h => PortsOf(h.Definition),
            _ => null,
        };
        var protocol = rule.Protocol is { } p ? new Protocol(p.Number) : (Protocol?)null;
        var result = protocol is { } proto ? ConnectionSet.AllOf(proto) : ConnectionSet.All;
        if (rule.NotProtocol is { } np)
        {
            result = result.Subtract(ConnectionSet.AllOf(new Protocol(np.Number)));
        }

        if (protocol is { HasTypes: true } icmp)
        {
            if (rule.Icmp?.Type is { } type)
            {
                result = result.Intersect(ConnectionSet.Of(icmp, IcmpSet.Of(type, rule.Icmp.Code)));
            }

            if (rule.NotIcmp?.Type is { } notType)
            {
                result = result.Subtract(ConnectionSet.Of(icmp, IcmpSet.Of(notType, rule.NotIcmp.Code)));
            }
        }

        if (rule.Destination.Services is { } svc && rule.Destination.Ports.IsEmpty)
        {
            // Calico takes the ports of a destination Service from the Service: its target ports, a named one as the destination defines it.
            var service = _cluster.Services.FirstOrDefault(x => x.Name == svc.Name && x.Namespace == (svc.Namespace ?? ns ?? "default"));
            if (service is not null)
            {
                var servicePorts = ConnectionSet.None;
                foreach (var sp in service.Ports)
                {
                    var numbers = sp.TargetPort.Name is { } name
                        ? destination?.Ports.Where(c => c.Name == name && c.Protocol == sp.Protocol).Select(c => c.Number) ?? []
                        : [sp.TargetPort.Number ?? sp.Port];
                    foreach (var number in numbers)
                    {
                        servicePorts = servicePorts.Union(ConnectionSet.Of(sp.Protocol, number));
                    }
                }

                result = result.Intersect(servicePorts);
            }
        }

        if (protocol is not { HasPorts: true } withPorts)
        {
            return result;
        }

        if (!rule.Destination.Ports.IsEmpty)
        {
            result = result.Intersect(PortsOf(rule.Destination.Ports, withPorts, destination));
        }

        return result.Subtract(PortsOf(rule.Destination.NotPorts, withPorts, destination));
    }

    private static ConnectionSet PortsOf(ValueArray<CalicoPort> ports, Protocol protocol, Workload? destination)
    {
        var result = ConnectionSet.None;
        foreach (var port in ports)
        {
            if (port.Name is { } name)
            {
                foreach (var c in destination?.Ports.Where(c => c.Name == name && c.Protocol == protocol) ?? [])
                {
                    result = result.Union(ConnectionSet.Of(protocol, c.Number));
                }
            }
            else
            {
                result = result.Union(ConnectionSet.Of(protocol, Math.Max(1, port.Start), Math.Max(1, port.End)));
            }
        }

        return result;
    }

    /// <summary>Whether an endpoint is what a rule's source or destination describes (every field given must hold).</summary>
    private bool EndpointMatches(CalicoEntityRule e, string? policyNamespace, Endpoint endpoint, int? ipVersion)
    {
        var sets = _cluster.OtherPolicies.OfType<CalicoNetworkSet>().Where(s => SetInScope(s, e.NamespaceSelector, policyNamespace)).ToList();
        AddressSet SetsMatching(CalicoSelector selector) =>
            sets.Where(s => selector.Matches(s.Namespace is null ? s.Labels : s.Labels.With("projectcalico.org/namespace", s.Namespace), s.Namespace is null))
                .Aggregate(AddressSet.Empty, (a, s) => a.Union(s.Addresses));
        var nets = AddressSet.FromRanges(e.Nets.Select(n => n.Range));
        var notNets = AddressSet.FromRanges(e.NotNets.Select(n => n.Range));
        if (endpoint is ExternalEndpoint { Range: var range })
        {
            if (e.ServiceAccounts is not null || e.Services is not null)
            {
                return false;
            }

            var inSets = e.Selector is { } sel ? SetsMatching(sel).Contains(range)
                : e.NamespaceSelector is null || sets.Any(s => s.Addresses.Contains(range));
            return inSets
                && (e.NotSelector is null || !SetsMatching(e.NotSelector).Contains(range))
                && (e.Nets.IsEmpty || nets.Contains(range))
                && !notNets.Contains(range)
                && (ipVersion is null || range.Family == (ipVersion == 6 ? IpFamily.V6 : IpFamily.V4));
        }

        if (endpoint is HostEndpoint { Definition: var host })
        {
            return HostMatches(e, policyNamespace, host, ipVersion, nets, notNets, SetsMatching);
        }

        if (endpoint is not WorkloadEndpoint { Workload: var w })
        {
            return e.MatchesEveryEndpoint && ipVersion is null;
        }

        bool Within(AddressSet set) => w.Addresses.IsEmpty
            ? set.Contains(AddressRange.AllV4) || set.Contains(AddressRange.AllV6)
            : w.Addresses.All(a => set.Contains(a.Range));
        var scoped = e.NamespaceSelector is null && policyNamespace is not null && (e.Selector is not null || e.NotSelector is not null || e.ServiceAccounts is not null);
        if (e.NamespaceSelector is { } nsSelector ? !nsSelector.Matches(NamespaceLabels(w.Namespace)) : scoped && w.Namespace != policyNamespace)
        {
            return false;
        }

        if (e.Selector is { } selector && !(selector.Matches(Labels(w)) || (!w.Addresses.IsEmpty && Within(SetsMatching(selector)) && !SetsMatching(selector).IsEmpty)))
        {
            return false;
        }

        if (e.NotSelector is { } notSelector && (notSelector.Matches(Labels(w)) || (!w.Addresses.IsEmpty && !SetsMatching(notSelector).IsEmpty && Within(SetsMatching(notSelector)))))
        {
            return false;
        }

        var account = w.ServiceAccount ?? "default";
        if (e.ServiceAccounts is { } accounts
            && ((!accounts.Names.IsEmpty && !accounts.Names.Contains(account)) || (accounts.Selector is { } s && !s.Matches(AccountLabels(w)))))
        {
            return false;
        }

        if (e.Services is { } svc)
        {
            var service = _cluster.Services.FirstOrDefault(x => x.Name == svc.Name && x.Namespace == (svc.Namespace ?? policyNamespace ?? "default"));
            if (service?.Selector is null || service.Namespace != w.Namespace || !service.Selector.Matches(w.Labels))
            {
                return false;
            }
        }

        if (!e.Nets.IsEmpty && !Within(nets))
        {
            return false;
        }

        if (!e.NotNets.IsEmpty && (w.Addresses.IsEmpty ? notNets.Contains(AddressRange.AllV4) || notNets.Contains(AddressRange.AllV6) : w.Addresses.Any(a => notNets.Contains(a.Range))))
        {
            return false;
        }

        return ipVersion is null || w.Addresses.IsEmpty || w.Addresses.Any(a => a.Family == (ipVersion == 6 ? IpFamily.V6 : IpFamily.V4));
    }

    private bool SetInScope(CalicoNetworkSet set, CalicoSelector? namespaceSelector, string? policyNamespace)
    {
        if (namespaceSelector is not null)
        {
            return set.Namespace is null ? namespaceSelector.SelectsNonNamespaced : namespaceSelector.Matches(NamespaceLabels(set.Namespace));
        }

        return policyNamespace is null || set.Namespace == policyNamespace;
    }

    /// <summary>
    /// The labels a workload's endpoint carries: Calico's own, then the pod's, then what its profiles
    /// (kns.&lt;namespace&gt;, then ksa.&lt;namespace&gt;.&lt;account&gt;) apply to it through labelsToApply.
    /// </summary>
    private LabelSet Labels(Workload w) => LabelSet.From(
            new[] { $"ksa.{w.Namespace}.{w.ServiceAccount ?? "default"}", $"kns.{w.Namespace}" }
                .SelectMany(name => _cluster.OtherPolicies.OfType<CalicoProfile>().FirstOrDefault(p => p.Name == name)?.LabelsToApply ?? LabelSet.Empty)
                .Concat(w.Labels))
        .With("projectcalico.org/namespace", w.Namespace)
        .With("projectcalico.org/orchestrator", "k8s")
        .With("projectcalico.org/serviceaccount", w.ServiceAccount ?? "default");

    private LabelSet NamespaceLabels(string ns)
    {
        var labels = _cluster.FindNamespace(ns)?.Labels ?? new Namespace(ns).Labels;
        return labels.With("projectcalico.org/name", ns);
    }

    private LabelSet AccountLabels(Workload w) =>
        _cluster.ServiceAccounts.FirstOrDefault(a => a.Namespace == w.Namespace && a.Name == (w.ServiceAccount ?? "default"))?.Labels ?? LabelSet.Empty;
}
