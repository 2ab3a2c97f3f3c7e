using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// The policy view's edits of the policies whose rules run in order (AdminNetworkPolicy,
/// BaselineAdminNetworkPolicy, ClusterNetworkPolicy, Calico's policies): move a rule, delete a link. Each
/// returns the policy changed, or null when the view does not edit that kind.
/// </summary>
public static class OrderedPolicyEdits
{
    /// <summary>Whether the view edits policies of this kind in place.</summary>
    public static bool Edits(IPolicyResource policy) => policy is AdminNetworkPolicy or BaselineAdminNetworkPolicy or ClusterNetworkPolicy or CalicoPolicy;

    /// <summary>The policy with rule <paramref name="rule"/> (from 0) of a direction moved <paramref name="by"/> places (negative: earlier, so it is tried sooner).</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such rule, or no place to move it to.</exception>
    public static IPolicyResource? MoveRule(IPolicyResource policy, TrafficDirection direction, int rule, int by) => Change(policy, direction, new Mover(rule, by));

    /// <summary>
    /// The policy without the peer a link stands for: the peer alone when its rule has others, else the whole
    /// rule (an admin rule needs a peer; a Calico rule has one).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such rule or peer.</exception>
    public static IPolicyResource? RemovePeer(IPolicyResource policy, TrafficDirection direction, int rule, int peer) => Change(policy, direction, new Remover(rule, peer));

    /// <summary>Whether the view adds peers to policies of this kind (the admin policies: their peers are namespaces, pods and, for egress, networks).</summary>
    public static bool AddsPeers(IPolicyResource policy) => policy is AdminNetworkPolicy or BaselineAdminNetworkPolicy or ClusterNetworkPolicy;

    /// <summary>
    /// The admin policy with a new rule (named <c>added-N</c>) that does <paramref name="action"/> with <paramref name="peer"/>
    /// on <paramref name="ports"/> (none: every port), at <paramref name="position"/> among its direction's rules (from 0; null
    /// or past the end: last); null for a kind the view does not add peers to.
    /// </summary>
    /// <exception cref="ArgumentException">The peer or action is not one the kind writes (an address range with exceptions or in ingress, Pass in a baseline policy).</exception>
    public static IPolicyResource? AddPeer(IPolicyResource policy, TrafficDirection direction, NetworkPolicyPeer peer, ValueArray<NetworkPolicyPort> ports, RuleAction action, int? position = null)
    {
        if (!AddsPeers(policy))
        {
            return null;
        }

        if (action == RuleAction.Pass && policy is BaselineAdminNetworkPolicy)
        {
            throw new ArgumentException("A baseline policy's rules allow or deny; Pass is for admin policies.");
        }

        var admin = peer switch
        {
            { IpBlock: { Except.IsEmpty: false } } => throw new ArgumentException("Admin policies write networks without exceptions: leave Except empty, or add a Deny rule for the range to leave out first."),
            { IpBlock: not null } when direction == TrafficDirection.Ingress => throw new ArgumentException("Admin policies name networks only as egress peers."),
            { IpBlock: { } block } => AdminPeer.OfNetworks(block.Cidr),
            { PodSelector: null, NamespaceSelector: { } ns } => AdminPeer.OfNamespaces(ns),
            { PodSelector: { } pods } => AdminPeer.OfPods(peer.NamespaceSelector ?? Engine.Selectors.LabelSelector.Everything, pods),
            _ => throw new ArgumentException("The peer is empty."),
        };
        var adminPorts = ports.Select(p => p.Port switch
        {
            null => AdminPort.Range(p.Protocol, 1, 65535),
            { Name: { } name } => AdminPort.Named(name),
            { Number: int n } when p.EndPort is int end => AdminPort.Range(p.Protocol, n, end),
            { Number: int n } => AdminPort.Number(p.Protocol, n),
            _ => throw new ArgumentException("A port is neither a number nor a name."),
        }).ToValueArray();
        var adminAction = action switch
        {
            RuleAction.Allow => AdminAction.Allow,
            RuleAction.Deny => AdminAction.Deny,
            RuleAction.Pass => AdminAction.Pass,
            _ => throw new ArgumentException("Admin policies' rules allow, deny or pass."),
        };
        return Change(policy, direction, new Adder(admin, adminPorts, adminAction, position));
    }

    /// <summary>How many rules a direction of an ordered policy has (0 for another kind).</summary>
    public static int RuleCount(IPolicyResource policy, TrafficDirection direction)
    {
        var ingress = direction == TrafficDirection.Ingress;
        return policy switch
        {
            AdminNetworkPolicy p => (ingress ? p.Ingress : p.Egress).Count,
            BaselineAdminNetworkPolicy p => (ingress ? p.Ingress : p.Egress).Count,
            ClusterNetworkPolicy p => (ingress ? p.Ingress : p.Egress).Count,
            CalicoPolicy p => (ingress ? p.Ingress : p.Egress).Count,
            _ => 0,
        };
    }

    private static IPolicyResource? Change(IPolicyResource policy, TrafficDirection direction, IRuleEdit edit)
    {
        var ingress = direction == TrafficDirection.Ingress;
        return policy switch
        {
            AdminNetworkPolicy p => ingress ? p with { Ingress = edit.Apply(p.Ingress) } : p with { Egress = edit.Apply(p.Egress) },
            BaselineAdminNetworkPolicy p => ingress ? p with { Ingress = edit.Apply(p.Ingress) } : p with { Egress = edit.Apply(p.Egress) },
            ClusterNetworkPolicy p => ingress ? p with { Ingress = edit.Apply(p.Ingress) } : p with { Egress = edit.Apply(p.Egress) },
            CalicoPolicy p => Pinned(p) is var q && ingress ? q with { Ingress = edit.Apply(q.Ingress) } : q with { Egress = edit.Apply(q.Egress) },
            _ => null,
        };
    }

    /// <summary>A Calico policy without types applies to egress only while it has egress rules: its types are written out, so an edit keeps them.</summary>
    private static CalicoPolicy Pinned(CalicoPolicy p) => !p.Types.IsEmpty ? p
        : p with { Types = new[] { TrafficDirection.Ingress, TrafficDirection.Egress }.Where(d => d == TrafficDirection.Ingress ? p.AppliesToIngress : p.AppliesToEgress).ToValueArray() };

    private interface IRuleEdit
    {
        ValueArray<AdminRule> Apply(ValueArray<AdminRule> rules);

        ValueArray<CalicoRule> Apply(ValueArray<CalicoRule> rules);
    }

    private sealed record Mover(int Rule, int By) : IRuleEdit
    {
        public ValueArray<AdminRule> Apply(ValueArray<AdminRule> rules) => Move(rules);

        public ValueArray<CalicoRule> Apply(ValueArray<CalicoRule> rules) => Move(rules);

        private ValueArray<T> Move<T>(ValueArray<T> rules)
        {
            var to = Rule + By;
            if (Rule < 0 || Rule >= rules.Count || to < 0 || to >= rules.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(Rule), $"Rule {Rule + 1} cannot move to place {to + 1} of {rules.Count}.");
            }

            var moved = rules[Rule];
            return rules.Items.RemoveAt(Rule).Insert(to, moved).ToValueArray();
        }
    }

    private sealed record Adder(AdminPeer Peer, ValueArray<AdminPort> Ports, AdminAction Action, int? Position) : IRuleEdit
    {
        public ValueArray<AdminRule> Apply(ValueArray<AdminRule> rules)
        {
            var n = rules.Count + 1;
            while (rules.Any(r => r.Name == $"added-{n}"))
            {
                n++;
            }

            var at = Position is int p && p >= 0 && p < rules.Count ? p : rules.Count;
            return rules.Items.Insert(at, new AdminRule($"added-{n}", Action, ValueArray.Create(Peer), Ports)).ToValueArray();
        }

        public ValueArray<CalicoRule> Apply(ValueArray<CalicoRule> rules) => throw new NotSupportedException("The view adds peers to admin policies only.");
    }

    private sealed record Remover(int Rule, int Peer) : IRuleEdit
    {
        public ValueArray<AdminRule> Apply(ValueArray<AdminRule> rules)
        {
            Check(rules.Count, Rule >= 0 && Rule < rules.Count && Peer < rules[Rule].Peers.Count);
            var rule = rules[Rule];
            return rule.Peers.Count <= 1 || Peer < 0
                ? rules.Items.RemoveAt(Rule).ToValueArray()
                : rules.Items.SetItem(Rule, rule with { Peers = rule.Peers.Items.RemoveAt(Peer).ToValueArray() }).ToValueArray();
        }

        public ValueArray<CalicoRule> Apply(ValueArray<CalicoRule> rules)
        {
            Check(rules.Count, Peer <= 0);
            return rules.Items.RemoveAt(Rule).ToValueArray();
        }

        private void Check(int count, bool peerExists)
        {
            if (Rule < 0 || Rule >= count || !peerExists)
            {
                throw new ArgumentOutOfRangeException(nameof(Rule), $"There is no rule {Rule + 1} with that peer any more.");
            }
        }
    }
}
