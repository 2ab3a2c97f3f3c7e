using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// The policy view's peer edits, one entry for every dialect it edits: which kinds of peer and actions the palette
/// offers for a policy, the policy with the editor's peer added or rewritten (through the dialect's own records, so the
/// dialect's writer writes it), a link deleted, and the editor's form for a drawn link. Each edit comes with its
/// description, as the draft's history names it.
/// </summary>
public static class PeerEdits
{
    /// <summary>The kinds of peer NetworkPolicies and the admin policies name.</summary>
    public static readonly IReadOnlyList<PeerKind> NetworkPolicyKinds = [PeerKind.Pods, PeerKind.Namespace, PeerKind.PodsInNamespace, PeerKind.Cidr];

    /// <summary>The kinds of peer the palette adds to the policy (none: the view adds no peers to it).</summary>
    public static IReadOnlyList<PeerKind> KindsFor(IPolicyResource policy) => policy switch
    {
        NetworkPolicy => NetworkPolicyKinds,
        _ when OrderedPolicyEdits.AddsPeers(policy) => NetworkPolicyKinds,
        CalicoPolicy => CalicoPolicyEdits.Kinds,
        CiliumPolicy c when CiliumPolicyEdits.Edits(c) => CiliumPolicyEdits.Kinds,
        _ => [],
    };

    /// <summary>What a new rule of the policy may do.</summary>
    public static IReadOnlyList<RuleAction> ActionsFor(IPolicyResource policy) => policy switch
    {
        BaselineAdminNetworkPolicy => [RuleAction.Allow, RuleAction.Deny],
        AdminNetworkPolicy or ClusterNetworkPolicy => [RuleAction.Allow, RuleAction.Deny, RuleAction.Pass],
        CalicoPolicy => [RuleAction.Allow, RuleAction.Deny, RuleAction.Pass, RuleAction.Log],
        CiliumPolicy => [RuleAction.Allow, RuleAction.Deny],
        _ => [RuleAction.Allow],
    };

    /// <summary>Whether a drawn link's peer opens in the editor to be rewritten.</summary>
    public static bool EditsPeers(IPolicyResource policy) => policy is NetworkPolicy or CalicoPolicy || (policy is CiliumPolicy c && CiliumPolicyEdits.Edits(c));

    /// <summary>Whether the view deletes the policy's links.</summary>
    public static bool RemovesLinks(IPolicyResource policy) => policy is NetworkPolicy || OrderedPolicyEdits.Edits(policy) || (policy is CiliumPolicy c && CiliumPolicyEdits.Edits(c));

    /// <summary>
    /// The policy with the editor's peer: a new rule (for a new peer), or the link it was opened on rewritten; null for a policy
    /// the view does not add peers to.
    /// </summary>
    /// <exception cref="ArgumentException">The form cannot be read, or names what the dialect does not write.</exception>
    public static (IPolicyResource? Changed, string Description) Apply(Cluster cluster, IPolicyResource policy, PeerDraft draft)
    {
        var ports = draft.ReadPorts();
        var (side, on, id) = (Word(draft.Direction), ports.IsEmpty ? "any port" : string.Join(", ", ports), Name(policy, draft.Spec));
        var toward = draft.Direction == TrafficDirection.Ingress ? "from" : "to";
        if (draft.Replaces is { } at)
        {
            if (policy is NetworkPolicy np)
            {
                var peer = NetworkPolicyPeerOf(draft);
                return (NetworkPolicyEdits.ReplacePeer(np, draft.Direction, at.Rule, at.Peer, peer, ports),
                    $"Change {(at.Peer < 0 ? "the peers" : $"peer {at.Peer + 1}")} of {side} rule {at.Rule + 1} to {peer} on {on} in {id}");
            }

            var changed = policy switch
            {
                CalicoPolicy calico => CalicoPolicyEdits.ReplacePeer(calico, draft),
                CiliumPolicy cilium => CiliumPolicyEdits.ReplacePeer(cilium, draft),
                _ => (IPolicyResource?)null,
            };
            var which = policy is CiliumPolicy && at.Peer >= 0 ? $"peer {at.Peer + 1}" : "the peer";
            return (changed, $"Change {which} of {side} rule {at.Rule + 1} to {Describe(draft)} ({draft.Action}) on {on} in {id}");
        }

        switch (policy)
        {
            case NetworkPolicy np:
                var peer = NetworkPolicyPeerOf(draft);
                return (NetworkPolicyEdits.AddPeer(np, draft.Direction, peer, ports), $"Allow {toward} {peer} on {on} in {id}");
            case CalicoPolicy calico:
                return (CalicoPolicyEdits.AddRule(calico, draft), $"{draft.Action} {toward} {Describe(draft)} on {on} in {id}, {Place(policy, draft)}");
            case CiliumPolicy cilium:
                var added = CiliumPolicyEdits.AddPeer(cluster, cilium, draft, out var dns);
                var section = $"{side}{(draft.Action == RuleAction.Deny ? "Deny" : string.Empty)}";
                var dnsRule = dns ? "; with the DNS rule it needs (egress to kube-dns on port 53 through Cilium's DNS proxy)" : string.Empty;
                return (added, $"{draft.Action} {toward} {Describe(draft)} on {on} in {id} (a new {section} rule){dnsRule}");
            default:
                var adminPeer = NetworkPolicyPeerOf(draft);
                return (OrderedPolicyEdits.AddPeer(policy, draft.Direction, adminPeer, ports, draft.Action, draft.Position),
                    $"{draft.Action} {toward} {adminPeer} on {on} in {id}, {Place(policy, draft)}");
        }
    }

    /// <summary>Where a new rule of an ordered policy goes, in words ("as ingress rule 1", "as its last egress rule").</summary>
    private static string Place(IPolicyResource policy, PeerDraft draft) =>
        draft.Position is { } p && p < OrderedPolicyEdits.RuleCount(policy, draft.Direction) ? $"as {Word(draft.Direction)} rule {p + 1}" : $"as its last {Word(draft.Direction)} rule";

    private static NetworkPolicyPeer NetworkPolicyPeerOf(PeerDraft draft) =>
        draft.Read() is { Peer: { } peer } ? peer : throw new ArgumentException(draft.Read().Error);

    /// <summary>The policy without the peer a link stands for (or its rule, when it is the only peer), described; null for a kind the view does not edit.</summary>
    /// <exception cref="ArgumentException">The policy has no such rule or peer any more.</exception>
    public static (IPolicyResource? Changed, string Description) Remove(IPolicyResource policy, DiagramLink link, string peerName, bool onlyPeer)
    {
        var changed = policy switch
        {
            NetworkPolicy np => NetworkPolicyEdits.RemovePeer(np, link.Direction, link.Rule, link.Peer),
            CiliumPolicy cilium => CiliumPolicyEdits.RemovePeer(cilium, link),
            _ => OrderedPolicyEdits.RemovePeer(policy, link.Direction, link.Rule, link.Peer),
        };
        var section = policy is CiliumPolicy && link.Action == RuleAction.Deny ? $"{Word(link.Direction)}Deny" : Word(link.Direction);
        var what = link.Peer < 0 || onlyPeer ? $"{section} rule {link.Rule + 1}" : $"a peer of {section} rule {link.Rule + 1}";
        return (changed, $"Remove {what} ({peerName}, {link.Ports}) from {Name(policy, link.Spec)}");
    }

    /// <summary>The policy's name in an edit's description, with the spec edited when it has several (a Cilium policy's <c>specs[1]</c>).</summary>
    private static string Name(IPolicyResource policy, int spec) =>
        policy is CiliumPolicy cilium && CiliumPolicyEdits.HasSeveralSpecs(cilium) ? $"{policy.Key.Id} {cilium.RuleName(spec)}" : policy.Key.Id;

    /// <summary>The editor's form for a drawn link, to rewrite its peer; null when the form cannot hold it (the YAML pane edits it).</summary>
    public static PeerDraft? Draft(IPolicyResource policy, DiagramLink link)
    {
        switch (policy)
        {
            case NetworkPolicy np:
                var rules = link.Direction == TrafficDirection.Ingress ? np.Ingress : np.Egress;
                if (link.Rule >= rules.Count || link.Peer >= rules[link.Rule].Peers.Count)
                {
                    return null;
                }

                var rule = rules[link.Rule];
                return link.Peer < 0
                    ? new PeerDraft(PeerKind.Namespace, link.Direction) { Ports = PeerDraft.PortsText(rule.Ports), Replaces = (link.Rule, -1) }
                    : PeerDraft.Of(rule.Peers[link.Peer], rule.Ports, link.Direction, link.Rule, link.Peer);
            case CalicoPolicy calico:
                return CalicoPolicyEdits.Draft(calico, link.Direction, link.Rule);
            case CiliumPolicy cilium when CiliumPolicyEdits.Edits(cilium):
                return CiliumPolicyEdits.Draft(cilium, link);
            default:
                return null;
        }
    }

    /// <summary>The draft's peer in words, for the edit's description.</summary>
    public static string Describe(PeerDraft draft)
    {
        var labels = draft.Labels.Trim().Length == 0 ? "every pod" : $"pods {draft.Labels.Trim()}";
        var ns = draft.Namespace.Trim();
        return draft.Kind switch
        {
            PeerKind.Pods => labels,
            PeerKind.Namespace => $"namespace {ns}",
            PeerKind.PodsInNamespace => $"{labels} in namespace {ns}",
            PeerKind.Cidr => draft.Except.Trim().Length == 0 ? draft.Cidr.Trim() : $"{draft.Cidr.Trim()} except {draft.Except.Trim()}",
            PeerKind.NetworkSet => $"network sets {draft.Labels.Trim()}{(ns.Length == 0 ? " (global)" : $" in namespace {ns}")}",
            PeerKind.ServiceAccount => $"service account {draft.ServiceAccount.Trim()}{(ns.Length == 0 ? string.Empty : $" in namespace {ns}")}",
            PeerKind.Entity => $"entity {draft.Entity}",
            _ => $"DNS {CiliumFqdn.Normalize(draft.DnsName)}",
        };
    }

    /// <summary>A direction as a word.</summary>
    public static string Word(TrafficDirection direction) => direction == TrafficDirection.Ingress ? "ingress" : "egress";
}
