using System.Globalization;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// The policy view's edits of Calico's NetworkPolicy and GlobalNetworkPolicy: a new rule for a peer, placed where
/// the user says (rules run in order), and a rule's peer, ports and action rewritten. A Calico rule names one
/// protocol, so ports of several protocols become one rule each, in a row.
/// </summary>
public static class CalicoPolicyEdits
{
    /// <summary>The label Calico gives every namespace for its name.</summary>
    public const string NamespaceNameLabel = "projectcalico.org/name";

    /// <summary>The kinds of peer a Calico rule names from the palette.</summary>
    public static readonly IReadOnlyList<PeerKind> Kinds =
        [PeerKind.Pods, PeerKind.Namespace, PeerKind.PodsInNamespace, PeerKind.Cidr, PeerKind.NetworkSet, PeerKind.ServiceAccount];

    /// <summary>The policy with new rules (one per protocol of the draft's ports) for the draft's peer, at <see cref="PeerDraft.Position"/> (null: last).</summary>
    /// <exception cref="ArgumentException">The draft cannot be read, or names a peer Calico does not have.</exception>
    public static CalicoPolicy AddRule(CalicoPolicy policy, PeerDraft draft)
    {
        var rules = Rules(policy, draft.Direction);
        var at = draft.Position ?? rules.Count;
        if (at < 0 || at > rules.Count)
        {
            throw new ArgumentException($"There is no place {at + 1} among {rules.Count + 1}.");
        }

        return With(policy, draft.Direction, rules.Items.InsertRange(at, RulesOf(policy, draft, null)));
    }

    /// <summary>The policy with the rule <see cref="PeerDraft.Replaces"/> names doing the draft's action with its peer on its ports; the rule's other conditions stay.</summary>
    /// <exception cref="ArgumentException">The draft cannot be read, its ports name several protocols, or the rule is gone.</exception>
    public static CalicoPolicy ReplacePeer(CalicoPolicy policy, PeerDraft draft)
    {
        var rules = Rules(policy, draft.Direction);
        if (draft.Replaces is not { } at || at.Rule < 0 || at.Rule >= rules.Count)
        {
            throw new ArgumentException($"{policy.Name} has no such rule any more.");
        }

        var made = RulesOf(policy, draft, rules[at.Rule]);
        return made.Count == 1
            ? With(policy, draft.Direction, rules.Items.SetItem(at.Rule, made[0]))
            : throw new ArgumentException("A Calico rule names one protocol: give ports of one protocol here, and add a peer for the other.");
    }

    /// <summary>The editor's form for a rule, to rewrite it; null when the form cannot hold it (ICMP, HTTP, not-conditions, selectors with more than labels), which the YAML pane edits.</summary>
    public static PeerDraft? Draft(CalicoPolicy policy, TrafficDirection direction, int rule)
    {
        var rules = Rules(policy, direction);
        if (rule < 0 || rule >= rules.Count)
        {
            return null;
        }

        var r = rules[rule];
        var peer = direction == TrafficDirection.Ingress ? r.Source : r.Destination;
        if (r is not { Icmp: null, NotIcmp: null, NotProtocol: null, Http: null, IpVersion: null } || r.Protocol is { HasPorts: false } || r.Protocol?.Number == 136
            || !r.Destination.NotPorts.IsEmpty || (direction == TrafficDirection.Ingress && !r.Source.Ports.IsEmpty)
            || peer.NotSelector is not null || peer.Services is not null || !PortsText(r, out var ports))
        {
            return null;
        }

        var draft = new PeerDraft(PeerKind.Namespace, direction) { Action = r.Action, ReplacedAction = r.Action, Ports = ports, Replaces = (rule, 0) };
        var ns = peer.NamespaceSelector is { } nss ? NameOf(nss) : string.Empty;
        var labels = peer.Selector is { } s ? LabelsOf(s) : string.Empty;
        if (ns is null || labels is null)
        {
            return null;
        }

        return peer switch
        {
            { Nets.Count: 1, Selector: null, NamespaceSelector: null, ServiceAccounts: null } =>
                draft with { Kind = PeerKind.Cidr, Cidr = peer.Nets[0].Text, Except = string.Join(", ", peer.NotNets.Select(n => n.Text)) },
            { Nets.IsEmpty: false } => null,
            { ServiceAccounts: { Names.Count: 1, Selector: null } sa, Selector: null } => draft with { Kind = PeerKind.ServiceAccount, ServiceAccount = sa.Names[0], Namespace = ns },
            { ServiceAccounts: not null } => null,
            { NamespaceSelector.IsGlobal: true, Selector: not null } => draft with { Kind = PeerKind.NetworkSet, Labels = labels },
            { NamespaceSelector: not null, Selector: not null } => draft with { Kind = PeerKind.PodsInNamespace, Namespace = ns, Labels = labels },
            { NamespaceSelector: not null } => draft with { Kind = PeerKind.Namespace, Namespace = ns },
            { Selector: not null } => draft with { Kind = PeerKind.Pods, Labels = labels },
            _ => draft,
        };
    }

    /// <summary>The rules the draft stands for (one per protocol), built on <paramref name="template"/> (a rule rewritten: its other conditions stay) or afresh.</summary>
    private static List<CalicoRule> RulesOf(CalicoPolicy policy, PeerDraft draft, CalicoRule? template)
    {
        if (draft.Action is not (RuleAction.Allow or RuleAction.Deny or RuleAction.Pass or RuleAction.Log))
        {
            throw new ArgumentException("A Calico rule allows, denies, passes or logs.");
        }

        var peer = Peer(policy, draft);
        var ingress = draft.Direction == TrafficDirection.Ingress;
        var byProtocol = draft.ReadPorts().GroupBy(p => p.Protocol).ToList();
        List<(CalicoProtocol? Protocol, ValueArray<CalicoPort> Ports)> variants = byProtocol.Count == 0
            ? [(null, ValueArray<CalicoPort>.Empty)]
            : [.. byProtocol.Select(g => ((CalicoProtocol?)new CalicoProtocol(g.Key.ToString(), g.Key.Number),
                g.Any(p => p.Port is null) ? ValueArray<CalicoPort>.Empty : g.Select(Port).ToValueArray()))];
        var rule = template ?? CalicoRule.Of(draft.Action);
        return [.. variants.Select(v =>
        {
            var side = ingress ? rule.Source : rule.Destination;
            var withPeer = side with
            {
                Nets = peer.Nets, NotNets = peer.NotNets, Selector = peer.Selector, NotSelector = null, NamespaceSelector = peer.NamespaceSelector,
                ServiceAccounts = peer.ServiceAccounts, Services = null,
            };
            var destination = (ingress ? rule.Destination : withPeer) with { Ports = v.Ports };
            return rule with { Action = draft.Action, Protocol = v.Protocol, Source = ingress ? withPeer : rule.Source, Destination = destination };
        })];
    }

    /// <summary>The draft's peer as the fields of a rule's source or destination.</summary>
    private static CalicoEntityRule Peer(CalicoPolicy policy, PeerDraft draft)
    {
        var any = CalicoEntityRule.Any;
        CalicoSelector? Namespace(string ns) => ns.Length == 0 ? null : Selector($"{NamespaceNameLabel} == '{ns}'");
        switch (draft.Kind)
        {
            case PeerKind.Cidr:
                var (cidr, except) = draft.ReadCidr();
                return any with { Nets = ValueArray.Create(cidr), NotNets = except };
            case PeerKind.Pods:
                return any with { Selector = LabelSelector(draft.Labels) };
            case PeerKind.Namespace:
                return any with { NamespaceSelector = Namespace(draft.ReadNamespace()) };
            case PeerKind.PodsInNamespace:
                return any with { Selector = LabelSelector(draft.Labels), NamespaceSelector = Namespace(draft.ReadNamespace()) };
            case PeerKind.NetworkSet:
                if (PeerDraft.LabelPairs(draft.Labels).Count == 0)
                {
                    throw new ArgumentException("Name the network set's labels (role=cloud-metadata).");
                }

                // Without a namespace: the global network sets (a namespaced policy's selector alone sees its own namespace's).
                var global = policy.IsGlobal ? null : Selector("global()");
                return any with { Selector = LabelSelector(draft.Labels), NamespaceSelector = Namespace(draft.Namespace.Trim()) ?? global };
            case PeerKind.ServiceAccount:
                var name = draft.ServiceAccount.Trim();
                return name.Length == 0
                    ? throw new ArgumentException("Name the service account.")
                    : any with { ServiceAccounts = new CalicoServiceAccountMatch(ValueArray.Create(name), null), NamespaceSelector = Namespace(draft.Namespace.Trim()) };
            default:
                throw new ArgumentException("Calico rules name endpoints, namespaces, nets, network sets and service accounts; entities and DNS names are Cilium's.");
        }
    }

    private static CalicoSelector LabelSelector(string labels)
    {
        var pairs = PeerDraft.LabelPairs(labels);
        return pairs.Count == 0 ? CalicoSelector.All : Selector(string.Join(" && ", pairs.Select(p => $"{p.Key} == '{p.Value}'")));
    }

    private static CalicoSelector Selector(string text) =>
        CalicoSelector.TryParse(text, out var selector, out var error, out var column) ? selector : throw new ArgumentException($"Selector {text}: {error} (column {column}).");

    private static CalicoPort Port(NetworkPolicyPort port) => port switch
    {
        { Port.Name: { } name } => CalicoPort.Named(name),
        { Port.Number: int n, EndPort: int end } => CalicoPort.Range(n, end),
        { Port.Number: int n } => CalicoPort.Number(n),
        _ => throw new ArgumentException("A port is neither a number nor a name."),
    };

    /// <summary>A rule's protocol and destination ports as the form writes them (<c>TCP 80, TCP 8000-8080, TCP http</c>).</summary>
    private static bool PortsText(CalicoRule rule, out string text)
    {
        text = rule.Protocol is not { } p ? string.Empty
            : rule.Destination.Ports.IsEmpty ? p.Name
            : string.Join(", ", rule.Destination.Ports.Select(port => port.Name is { } name ? $"{p.Name} {name}"
                : port.Start == port.End ? $"{p.Name} {port.Start.ToString(CultureInfo.InvariantCulture)}"
                : $"{p.Name} {port.Start.ToString(CultureInfo.InvariantCulture)}-{port.End.ToString(CultureInfo.InvariantCulture)}"));
        return rule.Protocol is not null || rule.Destination.Ports.IsEmpty;
    }

    /// <summary>The namespace a selector names (<c>projectcalico.org/name == 'x'</c>); empty for <c>global()</c>; null for any other.</summary>
    private static string? NameOf(CalicoSelector selector) => selector.Root switch
    {
        CalicoSelectorExpression.GlobalExpression => string.Empty,
        CalicoSelectorExpression.CompareExpression { Key: NamespaceNameLabel, Operator: CalicoSelectorOperator.Equal, Values.Count: 1 } c => c.Values[0],
        _ => null,
    };

    /// <summary>A selector of label equalities joined by <c>&amp;&amp;</c> as <c>key=value</c> terms; null for any other.</summary>
    private static string? LabelsOf(CalicoSelector selector)
    {
        var terms = new List<string>();
        bool Walk(CalicoSelectorExpression e) => e switch
        {
            CalicoSelectorExpression.AllExpression => true,
            CalicoSelectorExpression.AndExpression and => Walk(and.Left) && Walk(and.Right),
            CalicoSelectorExpression.CompareExpression { Operator: CalicoSelectorOperator.Equal, Values.Count: 1 } c => Add(terms, $"{c.Key}={c.Values[0]}"),
            _ => false,
        };
        return Walk(selector.Root) ? string.Join(", ", terms) : null;
    }

    private static bool Add(List<string> terms, string term)
    {
        terms.Add(term);
        return true;
    }

    private static ValueArray<CalicoRule> Rules(CalicoPolicy policy, TrafficDirection direction) =>
        direction == TrafficDirection.Ingress ? policy.Ingress : policy.Egress;

    private static CalicoPolicy With(CalicoPolicy policy, TrafficDirection direction, IEnumerable<CalicoRule> rules) =>
        direction == TrafficDirection.Ingress ? policy with { Ingress = rules.ToValueArray() } : policy with { Egress = rules.ToValueArray() };
}
