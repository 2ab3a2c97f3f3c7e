using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Oracle;

/// <summary>
/// Host endpoints, from Calico's host endpoint pages: the failsafe ports stay open (Felix's configuration, node first,
/// else its defaults); untracked policies, then pre-DNAT ones (ingress), decide first and have no default drop; then
/// the normal policies by tier, then the endpoint's profiles in order (<c>projectcalico-default-allow</c> allows all);
/// the rest is denied. Global policies without namespace or service account selectors select host endpoints by their
/// labels (and their profiles' labelsToApply); rules take one in by a selector only when it has expected addresses.
/// </summary>
internal sealed partial class CalicoOracle
{
    private static readonly (Protocol Protocol, int Port)[] InboundDefaults =
        [(Protocol.TCP, 22), (Protocol.UDP, 68), (Protocol.TCP, 179), (Protocol.TCP, 2379), (Protocol.TCP, 2380), (Protocol.TCP, 5473), (Protocol.TCP, 6443), (Protocol.TCP, 6666), (Protocol.TCP, 6667)];

    private static readonly (Protocol Protocol, int Port)[] OutboundDefaults =
        [(Protocol.UDP, 53), (Protocol.UDP, 67), (Protocol.TCP, 179), (Protocol.TCP, 2379), (Protocol.TCP, 2380), (Protocol.TCP, 5473), (Protocol.TCP, 6443), (Protocol.TCP, 6666), (Protocol.TCP, 6667)];

    /// <summary>What a host endpoint's side allows of its traffic with <paramref name="peer"/>.</summary>
    public ConnectionSet HostSide(CalicoHostEndpoint host, Endpoint peer, bool ingress)
    {
        var allowed = Failsafe(host, peer, ingress);
        var open = ConnectionSet.All.Subtract(allowed);
        foreach (var stage in new[] { "doNotTrack", "preDNAT", "normal" })
        {
            if (stage == "preDNAT" && !ingress)
            {
                continue;
            }

            var (stageAllowed, undecided) = HostTiers(host, peer, ingress, stage);
            allowed = allowed.Union(stageAllowed.Intersect(open));
            open = open.Intersect(undecided);
        }

        // The normal stage's leftovers meet the profiles, in the order the endpoint lists them.
        foreach (var name in host.Profiles)
        {
            var profile = _cluster.OtherPolicies.OfType<CalicoProfile>().FirstOrDefault(p => p.Name == name);
            if (profile is null)
            {
                if (name == "projectcalico-default-allow")
                {
                    allowed = allowed.Union(open);
                    open = ConnectionSet.None;
                }

                continue;
            }

            var asPolicy = new CalicoPolicy(CalicoPolicyKind.GlobalNetworkPolicy, null, profile.Name, "profiles", 0, CalicoSelector.All, null, null, ValueArray<TrafficDirection>.Empty, profile.Ingress, profile.Egress);
            foreach (var rule in ingress ? profile.Ingress : profile.Egress)
            {
                var hit = Matched(rule, asPolicy, new HostEndpoint(host), PortsOf(host), peer, ingress).Intersect(open);
                if (hit.IsEmpty || rule.Action is RuleAction.Log or RuleAction.Pass)
                {
                    continue;
                }

                open = open.Subtract(hit);
                if (rule.Action == RuleAction.Allow)
                {
                    allowed = allowed.Union(hit);
                }
            }
        }

        return allowed;
    }

    /// <summary>One stage's tiers for a host endpoint: what they allow, and what they leave undecided (denied at a normal tier's end).</summary>
    private (ConnectionSet Allowed, ConnectionSet Undecided) HostTiers(CalicoHostEndpoint host, Endpoint peer, bool ingress, string stage)
    {
        var undecided = ConnectionSet.All;
        var allowed = ConnectionSet.None;
        var labels = HostLabels(host);
        foreach (var tier in _tiers)
        {
            var applying = tier.Policies.Where(p => StageOf(p) == stage && p.IsGlobal && p.NamespaceSelector is null && p.ServiceAccountSelector is null
                && p.Selector.Matches(labels) && (ingress ? p.AppliesToIngress : p.AppliesToEgress)).ToList();
            if (applying.Count == 0)
            {
                continue;
            }

            var passed = ConnectionSet.None;
            foreach (var policy in applying)
            {
                foreach (var rule in ingress ? policy.Ingress : policy.Egress)
                {
                    var hit = Matched(rule, policy, new HostEndpoint(host), PortsOf(host), peer, ingress).Intersect(undecided);
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

            // Pre-DNAT and untracked policies have no default drop.
            undecided = (stage == "normal" && tier.Default == TierDefault.Deny ? ConnectionSet.None : undecided).Union(passed);
        }

        return (allowed, undecided);
    }

    private static string StageOf(CalicoPolicy policy) =>
        policy.HostOptions.Contains("doNotTrack") ? "doNotTrack" : policy.HostOptions.Contains("preDNAT") ? "preDNAT" : "normal";

    private ConnectionSet Failsafe(CalicoHostEndpoint host, Endpoint peer, bool ingress)
    {
        var felix = _cluster.OtherPolicies.OfType<CalicoFelixConfiguration>().ToList();
        var node = felix.FirstOrDefault(f => host.Node is not null && f.Name == "node." + host.Node);
        var all = felix.FirstOrDefault(f => f.Name == "default");
        var configured = ingress ? node?.FailsafeInbound ?? all?.FailsafeInbound : node?.FailsafeOutbound ?? all?.FailsafeOutbound;
        var ports = configured is { } list
            ? list.Where(p => p.Net is not { } net || PeerWithin(peer, net.Range)).Select(p => (p.Protocol, p.Port))
            : ingress ? InboundDefaults : OutboundDefaults;
        return ports.Aggregate(ConnectionSet.None, (c, p) => c.Union(ConnectionSet.Of(p.Protocol, p.Port)));
    }

    private static bool PeerWithin(Endpoint peer, AddressRange net) => peer switch
    {
        ExternalEndpoint e => net.Contains(e.Range),
        WorkloadEndpoint w => w.Workload.Addresses.Count > 0 && w.Workload.Addresses.All(a => net.Contains(a.Range)),
        HostEndpoint h => h.Definition.ExpectedIps.Count > 0 && h.Definition.ExpectedIps.All(a => net.Contains(a.Range)),
        _ => false,
    };

    /// <summary>A host endpoint's labels: its own, then those its profiles apply (the first profile's first).</summary>
    private LabelSet HostLabels(CalicoHostEndpoint host)
    {
        var labels = host.Labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        foreach (var name in host.Profiles)
        {
            foreach (var label in _cluster.OtherPolicies.OfType<CalicoProfile>().FirstOrDefault(p => p.Name == name)?.LabelsToApply ?? LabelSet.Empty)
            {
                labels.TryAdd(label.Key, label.Value);
            }
        }

        return LabelSet.From(labels);
    }

    /// <summary>A host endpoint's named ports, held as a workload's so that rules resolve them alike.</summary>
    private static Workload PortsOf(CalicoHostEndpoint host) => new(string.Empty, host.Name, "HostEndpoint", host.Labels, host.Ports);

    /// <summary>Whether a rule's source or destination takes in a host endpoint (no namespace, account or Service; selectors need expected addresses).</summary>
    private bool HostMatches(CalicoEntityRule e, string? policyNamespace, CalicoHostEndpoint host, int? ipVersion, AddressSet nets, AddressSet notNets, Func<CalicoSelector, AddressSet> setsMatching)
    {
        var ips = host.ExpectedIps;
        var scoped = e.NamespaceSelector is null && policyNamespace is not null && (e.Selector is not null || e.NotSelector is not null);
        if (e.ServiceAccounts is not null || e.Services is not null || scoped || (e.NamespaceSelector is { } ns && !ns.SelectsNonNamespaced))
        {
            return false;
        }

        if ((e.Selector is not null || e.NotSelector is not null) && ips.IsEmpty)
        {
            return false;
        }

        bool Within(AddressSet set) => ips.IsEmpty
            ? set.Contains(AddressRange.AllV4) || set.Contains(AddressRange.AllV6)
            : ips.All(a => set.Contains(a.Range));
        var labels = HostLabels(host);
        if (e.Selector is { } selector && !(selector.Matches(labels) || (!setsMatching(selector).IsEmpty && Within(setsMatching(selector)))))
        {
            return false;
        }

        if (e.NotSelector is { } notSelector && (notSelector.Matches(labels) || (!setsMatching(notSelector).IsEmpty && Within(setsMatching(notSelector)))))
        {
            return false;
        }

        if (!e.Nets.IsEmpty && !Within(nets))
        {
            return false;
        }

        if (!e.NotNets.IsEmpty && (ips.IsEmpty ? notNets.Contains(AddressRange.AllV4) || notNets.Contains(AddressRange.AllV6) : ips.Any(a => notNets.Contains(a.Range))))
        {
            return false;
        }

        return ipVersion is null || ips.IsEmpty || ips.Any(a => a.Family == (ipVersion == 6 ? IpFamily.V6 : IpFamily.V4));
    }
}
