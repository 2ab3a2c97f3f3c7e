using System.Globalization;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// The policy view's edits of a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy, each in one of its rules (its
/// <c>spec</c> or an item of <c>specs</c>, by <see cref="PeerDraft.Spec"/> and <see cref="DiagramLink.Spec"/>): a peer added as an allow (<c>ingress</c>/<c>egress</c>) or deny
/// (<c>ingressDeny</c>/<c>egressDeny</c>) rule, a link's peer, ports and action rewritten, a link deleted. A DNS name
/// (<c>toFQDNs</c>) is allowed only when the endpoint asks DNS through Cilium's proxy, so adding one adds the DNS rule
/// the Allow dialog writes (<see cref="CiliumSynthesizer.DnsVisibility"/>) when its endpoints have none.
/// Peers are counted in a rule as the engine compiles them: endpoints, CIDRs, entities, services, the DNS names (one peer).
/// </summary>
public static class CiliumPolicyEdits
{
    /// <summary>The kinds of peer a Cilium rule names from the palette.</summary>
    public static readonly IReadOnlyList<PeerKind> Kinds =
        [PeerKind.Pods, PeerKind.Namespace, PeerKind.PodsInNamespace, PeerKind.Cidr, PeerKind.Entity, PeerKind.DnsName];

    /// <summary>The entities the editor offers (Cilium's own list).</summary>
    public static IEnumerable<string> Entities => CiliumEntities.All.Order(StringComparer.Ordinal);

    /// <summary>Whether the policy has several rules (<c>spec</c> and <c>specs</c>), each with its own endpoints: the view draws and edits one at a time.</summary>
    public static bool HasSeveralSpecs(CiliumPolicy policy) => policy.Rules.Skip(1).Any();

    /// <summary>Whether the view edits the policy: it has a rule (a spec) to edit.</summary>
    public static bool Edits(CiliumPolicy policy) => policy.Rules.Any();

    /// <summary>
    /// The policy with a new rule for the draft's peer and ports in the section its direction and action name, and,
    /// for a DNS name its endpoints may not ask about, the DNS rule (told by <paramref name="addedDnsRule"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The draft cannot be read, or names what Cilium's rules do not write.</exception>
    public static CiliumPolicy AddPeer(Cluster cluster, CiliumPolicy policy, PeerDraft draft, out bool addedDnsRule)
    {
        var rule = Peer(draft) with { Ports = Ports(draft) };
        var changed = Change(policy, draft.Spec, r => With(r, draft.Direction, draft.Action, Section(r, draft.Direction, draft.Action).Items.Add(rule)));
        addedDnsRule = !rule.Fqdns.IsEmpty && !AsksDns(cluster, changed);
        return addedDnsRule
            ? Change(changed, draft.Spec, r => r with { Egress = r.Egress.Items.Add(CiliumSynthesizer.DnsVisibility(cluster, [])).ToValueArray() })
            : changed;
    }

    /// <summary>
    /// The policy with the peer of a link (<see cref="PeerDraft.Replaces"/>, in the section of <see cref="PeerDraft.ReplacedAction"/>) replaced by the
    /// draft's, its rule's ports set to the draft's (the L7 rules stay while the ports do), and moved to the deny or allow section when
    /// the draft's action differs. A peer of another kind than the rule's others gets a rule of its own (Cilium takes one kind of peer a rule).
    /// </summary>
    /// <exception cref="ArgumentException">The draft cannot be read, or the rule is gone.</exception>
    public static CiliumPolicy ReplacePeer(CiliumPolicy policy, PeerDraft draft)
    {
        var was = draft.ReplacedAction;
        var (index, peer) = draft.Replaces ?? throw new ArgumentException("The draft rewrites no link.");
        var rules = Section(Rule(policy, draft.Spec), draft.Direction, was);
        if (index < 0 || index >= rules.Count)
        {
            throw new ArgumentException($"{policy.Name} has no such rule any more.");
        }

        var old = rules[index];
        var fresh = Peer(draft);
        var ports = PortsOf(old) is { } had && PeerDraft.PortsText(had) == PeerDraft.PortsText(draft.ReadPorts()) ? old.Ports : Ports(draft);
        if (draft.Action == was && (PeerCount(old) <= 1 || peer < 0))
        {
            var replaced = old with { Endpoints = fresh.Endpoints, Cidrs = fresh.Cidrs, Entities = fresh.Entities, Services = [], Fqdns = fresh.Fqdns, Ports = ports };
            return Change(policy, draft.Spec, r => With(r, draft.Direction, was, rules.Items.SetItem(index, replaced)));
        }

        var without = Remove(policy, draft.Spec, draft.Direction, was, index, peer);
        var added = fresh with { Ports = ports };
        return Change(without, draft.Spec, r => With(r, draft.Direction, draft.Action, Section(r, draft.Direction, draft.Action).Items.Add(added)));
    }

    /// <summary>
    /// The policy without the peer a link stands for: the peer alone when its rule has others, else the rule. The last rule of a
    /// direction leaves an empty rule (<c>{}</c>) behind, which keeps the endpoints isolated, so that deleting a link never opens traffic.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such rule any more.</exception>
    public static CiliumPolicy RemovePeer(CiliumPolicy policy, DiagramLink link)
    {
        var rules = Section(Rule(policy, link.Spec), link.Direction, link.Action);
        if (link.Rule < 0 || link.Rule >= rules.Count)
        {
            throw new ArgumentException($"{policy.Name} has no such rule any more.");
        }

        return Remove(policy, link.Spec, link.Direction, link.Action, link.Rule, link.Peer);
    }

    /// <summary>The editor's form for a link's peer, to rewrite it; null when the form cannot hold it (expressions, services, CIDR groups, several DNS names).</summary>
    public static PeerDraft? Draft(CiliumPolicy policy, DiagramLink link)
    {
        var rules = Section(Rule(policy, link.Spec), link.Direction, link.Action);
        if (link.Rule < 0 || link.Rule >= rules.Count || PortsOf(rules[link.Rule]) is not { } ports)
        {
            return null;
        }

        var rule = rules[link.Rule];
        var draft = new PeerDraft(PeerKind.Entity, link.Direction) { Action = link.Action, ReplacedAction = link.Action, Ports = PeerDraft.PortsText(ports), Replaces = (link.Rule, link.Peer), Spec = link.Spec };
        if (link.Peer < 0)
        {
            return draft;
        }

        var (list, at) = Locate(rule, link.Peer);
        return list switch
        {
            Lists.Endpoints => EndpointDraft(draft, rule.Endpoints[at]),
            Lists.Cidrs when rule.Cidrs[at] is { Cidr: { } cidr, GroupRef: null, GroupSelector: null } c => draft with { Kind = PeerKind.Cidr, Cidr = cidr, Except = string.Join(", ", c.Except) },
            Lists.Entities => draft with { Kind = PeerKind.Entity, Entity = rule.Entities[at] },
            Lists.Fqdns when rule.Fqdns.Count == 1 => draft with { Kind = PeerKind.DnsName, DnsName = rule.Fqdns[0].MatchName ?? rule.Fqdns[0].MatchPattern ?? string.Empty },
            _ => null,
        };
    }

    private static PeerDraft? EndpointDraft(PeerDraft draft, LabelSelector selector)
    {
        if (!selector.MatchExpressions.IsEmpty)
        {
            return null;
        }

        var ns = selector.MatchLabels.Where(l => IsNamespaceLabel(l.Key)).Select(l => l.Value).FirstOrDefault();
        var labels = string.Join(", ", selector.MatchLabels.Where(l => !IsNamespaceLabel(l.Key)).Select(l => $"{l.Key}={l.Value}"));
        return ns is null ? draft with { Kind = PeerKind.Pods, Labels = labels }
            : labels.Length == 0 ? draft with { Kind = PeerKind.Namespace, Namespace = ns }
            : draft with { Kind = PeerKind.PodsInNamespace, Namespace = ns, Labels = labels };
    }

    private static bool IsNamespaceLabel(string key) => key is CiliumSynthesizer.NamespaceLabel or "io.kubernetes.pod.namespace";

    /// <summary>The draft's peer as a rule without ports.</summary>
    private static CiliumPeerRule Peer(PeerDraft draft)
    {
        if (draft.Action is not (RuleAction.Allow or RuleAction.Deny))
        {
            throw new ArgumentException("A Cilium rule allows or denies.");
        }

        var empty = CiliumPeerRule.Empty;
        LabelSelector Endpoints(string? ns) => LabelSelector.ForLabels([
            .. PeerDraft.LabelPairs(draft.Labels),
            .. ns is null ? [] : new[] { (CiliumSynthesizer.NamespaceLabel, ns) }]);
        switch (draft.Kind)
        {
            case PeerKind.Pods:
                return empty with { Endpoints = ValueArray.Create(Endpoints(null)) };
            case PeerKind.Namespace:
                return empty with { Endpoints = ValueArray.Create(LabelSelector.ForLabels((CiliumSynthesizer.NamespaceLabel, draft.ReadNamespace()))) };
            case PeerKind.PodsInNamespace:
                return empty with { Endpoints = ValueArray.Create(Endpoints(draft.ReadNamespace())) };
            case PeerKind.Cidr:
                var (cidr, except) = draft.ReadCidr();
                return empty with { Cidrs = ValueArray.Create(new CiliumCidr(!except.IsEmpty, cidr.Text, null, null, except.Select(e => e.Text).ToValueArray())) };
            case PeerKind.Entity:
                return CiliumEntities.All.Contains(draft.Entity)
                    ? empty with { Entities = ValueArray.Create(draft.Entity) }
                    : throw new ArgumentException($"Entity: '{draft.Entity}' is not one of Cilium's ({string.Join(", ", Entities)}).");
            case PeerKind.DnsName:
                return empty with { Fqdns = ValueArray.Create(Fqdn(draft)) };
            default:
                throw new ArgumentException("Cilium rules name endpoints, namespaces, CIDRs, entities and DNS names; network sets and service accounts are Calico's.");
        }
    }

    private static CiliumFqdn Fqdn(PeerDraft draft)
    {
        if (draft.Direction == TrafficDirection.Ingress || draft.Action == RuleAction.Deny)
        {
            throw new ArgumentException("Cilium takes DNS names (toFQDNs) only in egress allow rules.");
        }

        var name = CiliumFqdn.Normalize(draft.DnsName);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_'))
        {
            throw new ArgumentException($"DNS name: '{draft.DnsName}' is not a name (api.example.com) or a pattern (*.example.com).");
        }

        return name.Contains('*', StringComparison.Ordinal) ? new CiliumFqdn(null, name) : new CiliumFqdn(name, null);
    }

    /// <summary>The draft's ports as one <c>toPorts</c> item (none: every port); a protocol alone is port 0.</summary>
    private static ValueArray<CiliumPortRule> Ports(PeerDraft draft)
    {
        var ports = draft.ReadPorts().Select(p => new CiliumPort(p.Port?.ToString() ?? "0", p.EndPort, p.Protocol.ToString())).ToValueArray();
        return ports.IsEmpty ? [] : ValueArray.Create(new CiliumPortRule(ports, null, []));
    }

    /// <summary>A rule's ports as the form holds them; null when it has ports the form cannot write (ANY, ICMP).</summary>
    private static IReadOnlyList<NetworkPolicyPort>? PortsOf(CiliumPeerRule rule)
    {
        var list = new List<NetworkPolicyPort>();
        foreach (var port in rule.Ports.SelectMany(p => p.Ports))
        {
            if (!Engine.Connections.Protocols.TryParseKubernetes(port.Protocol, out var protocol))
            {
                return null;
            }

            list.Add(int.TryParse(port.Port, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n == 0 ? NetworkPolicyPort.AllOf(protocol) : port.EndPort is { } end ? NetworkPolicyPort.Range(protocol, n, end) : NetworkPolicyPort.Of(protocol, n)
                : NetworkPolicyPort.Named(protocol, port.Port));
        }

        return rule.Icmps.IsEmpty ? list : null;
    }

    /// <summary>
    /// Whether the policy's endpoints may ask DNS about its DNS names through the proxy, with the policy as changed: the engine's
    /// own check (<see cref="CiliumDnsLint"/>) finds nothing for it.
    /// </summary>
    private static bool AsksDns(Cluster cluster, CiliumPolicy changed)
    {
        var id = ((IPolicyResource)changed).Key.Id;
        return !CiliumDnsLint.Lint(cluster.Apply(PolicyChange.Upsert(changed))).Any(f => f.Policy == id);
    }

    private enum Lists
    {
        Endpoints,
        Cidrs,
        Entities,
        Services,
        Fqdns,
        Other,
    }

    /// <summary>Which list of the rule holds its <paramref name="peer"/>-th peer as the engine counts them, and where in it.</summary>
    private static (Lists List, int At) Locate(CiliumPeerRule rule, int peer)
    {
        var sizes = new[] { rule.Endpoints.Count, rule.Cidrs.Count, rule.Entities.Count, rule.Services.Count, rule.Fqdns.IsEmpty ? 0 : 1 };
        for (var i = 0; i < sizes.Length; i++)
        {
            if (peer < sizes[i])
            {
                return ((Lists)i, peer);
            }

            peer -= sizes[i];
        }

        return (Lists.Other, peer);
    }

    private static int PeerCount(CiliumPeerRule rule) =>
        rule.Endpoints.Count + rule.Cidrs.Count + rule.Entities.Count + rule.Services.Count + (rule.Fqdns.IsEmpty ? 0 : 1) + rule.Undecided.Count(u => u.IsPeer);

    private static CiliumPolicy Remove(CiliumPolicy policy, int spec, TrafficDirection direction, RuleAction action, int index, int peer)
    {
        var rule = Rule(policy, spec);
        var rules = Section(rule, direction, action);
        var target = rules[index];
        ValueArray<T> Without<T>(ValueArray<T> list, int at) => list.Items.RemoveAt(at).ToValueArray();
        IEnumerable<CiliumPeerRule> left = peer < 0 || PeerCount(target) <= 1 ? rules.Items.RemoveAt(index) : rules.Items.SetItem(index, Locate(target, peer) switch
        {
            (Lists.Endpoints, var at) => target with { Endpoints = Without(target.Endpoints, at) },
            (Lists.Cidrs, var at) => target with { Cidrs = Without(target.Cidrs, at) },
            (Lists.Entities, var at) => target with { Entities = Without(target.Entities, at) },
            (Lists.Services, var at) => target with { Services = Without(target.Services, at) },
            (Lists.Fqdns, _) => target with { Fqdns = [] },
            _ => throw new ArgumentException("That peer cannot be deleted here: edit it in the YAML pane."),
        });
        var changed = With(rule, direction, action, left);
        var isolated = direction == TrafficDirection.Ingress ? rule.IsolatesIngress : rule.IsolatesEgress;
        var still = direction == TrafficDirection.Ingress ? changed.IsolatesIngress : changed.IsolatesEgress;
        if (isolated && !still)
        {
            changed = With(changed, direction, RuleAction.Allow, ValueArray.Create(CiliumPeerRule.Empty));
        }

        return Change(policy, spec, _ => changed);
    }

    /// <summary>The policy's rule at <paramref name="spec"/> (<c>spec</c>, then each of <c>specs</c>).</summary>
    private static CiliumRule Rule(CiliumPolicy policy, int spec) =>
        policy.Rules.ElementAtOrDefault(spec) ?? throw new ArgumentException($"{policy.Name} has no {policy.RuleName(spec)} any more.");

    /// <summary>The policy with its rule at <paramref name="spec"/> changed.</summary>
    private static CiliumPolicy Change(CiliumPolicy policy, int spec, Func<CiliumRule, CiliumRule> change)
    {
        var rule = change(Rule(policy, spec));
        return policy.Spec is not null && spec == 0 ? policy with { Spec = rule }
            : policy with { Specs = policy.Specs.Items.SetItem(policy.Spec is null ? spec : spec - 1, rule).ToValueArray() };
    }

    private static ValueArray<CiliumPeerRule> Section(CiliumRule rule, TrafficDirection direction, RuleAction action) => (direction, action == RuleAction.Deny) switch
    {
        (TrafficDirection.Ingress, false) => rule.Ingress,
        (TrafficDirection.Ingress, true) => rule.IngressDeny,
        (_, false) => rule.Egress,
        _ => rule.EgressDeny,
    };

    private static CiliumRule With(CiliumRule rule, TrafficDirection direction, RuleAction action, IEnumerable<CiliumPeerRule> rules) => (direction, action == RuleAction.Deny) switch
    {
        (TrafficDirection.Ingress, false) => rule with { Ingress = rules.ToValueArray() },
        (TrafficDirection.Ingress, true) => rule with { IngressDeny = rules.ToValueArray() },
        (_, false) => rule with { Egress = rules.ToValueArray() },
        _ => rule with { EgressDeny = rules.ToValueArray() },
    };
}
