using System.Runtime.CompilerServices;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// The cluster administrator's policies of policy.networking.k8s.io: AdminNetworkPolicy (v1alpha1) and
/// ClusterNetworkPolicy of the Admin tier (v1alpha2) in the admin tier, ClusterNetworkPolicy of the
/// Baseline tier and the BaselineAdminNetworkPolicy (v1alpha1) in the baseline tier. Both tiers fall
/// through when no rule decides (these policies isolate nothing). Within a tier, policies run by
/// ascending priority; the API leaves the order of equal priorities undefined, so this program runs
/// them by generation (v1alpha2 before v1alpha1, the current API before the deprecated one) and then by
/// name, and warns. The BaselineAdminNetworkPolicy, which has no priority, runs after every
/// ClusterNetworkPolicy of the Baseline tier.
/// </summary>
internal sealed class AdminPolicyDialect : IPolicyDialect
{
    // A resource's program policy depends on the resource alone, so each object compiles once while it lives: every matrix
    // and every edit compiles the cluster again, and an admin tier's rule texts and peers were a third of its compile.
    private static readonly ConditionalWeakTable<object, ProgramPolicy> Compiled = new();

    public void Compile(Cluster cluster, ProgramBuilder program)
    {
        var admin = new List<ProgramPolicy>();
        var baseline = new List<ProgramPolicy>();
        foreach (var cnp in cluster.ClusterNetworkPolicies)
        {
            if (!Compiled.TryGetValue(cnp, out var policy))
            {
                policy = Remember(cnp, Policy(((IPolicyResource)cnp).Key, cnp.ToString(), cnp.Priority, "0:" + cnp.Name, cnp.Subject, cnp.Ingress, cnp.Egress));
            }

            (cnp.Tier == ClusterNetworkPolicyTier.Admin ? admin : baseline).Add(policy);
        }

        foreach (var anp in cluster.AdminNetworkPolicies)
        {
            if (!Compiled.TryGetValue(anp, out var policy))
            {
                policy = Remember(anp, Policy(((IPolicyResource)anp).Key, anp.ToString(), anp.Priority, "1:" + anp.Name, anp.Subject, anp.Ingress, anp.Egress));
            }

            admin.Add(policy);
        }

        if (cluster.BaselineAdminNetworkPolicy is { } banp)
        {
            if (!Compiled.TryGetValue(banp, out var policy))
            {
                policy = Remember(banp, Policy(((IPolicyResource)banp).Key, banp.ToString(), ClusterNetworkPolicy.MaxPriority + 1, "2:" + banp.Name, banp.Subject, banp.Ingress, banp.Egress) with { ShownOrder = null });
            }

            baseline.Add(policy);
        }

        if (admin.Count > 0)
        {
            program.Tier(ProgramTier.Admin);
            Add(program, ProgramTier.Admin, admin);
        }

        if (baseline.Count > 0)
        {
            program.Tier(ProgramTier.Baseline);
            Add(program, ProgramTier.Baseline, baseline);
        }
    }

    /// <summary>Keeps <paramref name="policy"/> as <paramref name="resource"/>'s, or returns the one another thread kept first.</summary>
    private static ProgramPolicy Remember(object resource, ProgramPolicy policy) =>
        Compiled.TryAdd(resource, policy) || !Compiled.TryGetValue(resource, out var kept) ? policy : kept;

    private static void Add(ProgramBuilder program, ProgramTier tier, List<ProgramPolicy> policies)
    {
        foreach (var clash in policies.Where(p => p.ShownOrder is not null).GroupBy(p => p.Order).Where(g => g.Count() > 1))
        {
            var names = string.Join(", ", clash.OrderBy(p => p.TieBreak, StringComparer.Ordinal).Select(p => p.Source.Id));
            program.Warn($"{tier.Description} priority {clash.Key}",
                $"{names} share priority {clash.Key}; the API leaves their order undefined, so they are evaluated in the order listed (ClusterNetworkPolicy before AdminNetworkPolicy, then by name).");
        }

        foreach (var p in policies)
        {
            program.Add(tier.Name, p);
        }
    }

    private static ProgramPolicy Policy(PolicyKey key, string description, int priority, string tieBreak, AdminSubject subject, ValueArray<AdminRule> ingress, ValueArray<AdminRule> egress) =>
        new(key, description, priority, tieBreak, Subject(subject), false, false,
            ingress.Select((r, i) => Rule(r, i, TrafficDirection.Ingress, key.Kind)).ToValueArray(),
            egress.Select((r, i) => Rule(r, i, TrafficDirection.Egress, key.Kind)).ToValueArray())
        {
            ShownOrder = priority,
        };

    internal static WorkloadSelector Subject(AdminSubject subject) => subject.Namespaces is not null
        ? WorkloadSelector.InNamespaces(subject.Namespaces, null)
        : WorkloadSelector.InNamespaces(subject.PodNamespaceSelector ?? LabelSelector.Everything, subject.PodSelector ?? LabelSelector.Everything);

    private static ProgramRule Rule(AdminRule rule, int index, TrafficDirection direction, string kind)
    {
        var word = direction == TrafficDirection.Ingress ? "from" : "to";
        var ports = rule.Ports.IsEmpty ? "on any port" : $"on {string.Join(", ", rule.Ports)}";
        var action = kind == nameof(ClusterNetworkPolicy) && rule.Action == AdminAction.Allow ? "Accept" : rule.Action.ToString();
        return new ProgramRule(Action(rule.Action), rule.Peers.Select(Peer).ToValueArray(), Ports(rule.Ports), index + 1, rule.Name,
            $"{action} {word} {string.Join(" or ", rule.Peers)} {ports}");
    }

    private static RuleAction Action(AdminAction action) => action switch
    {
        AdminAction.Allow => RuleAction.Allow,
        AdminAction.Deny => RuleAction.Deny,
        _ => RuleAction.Pass,
    };

    private static ProgramPeer Peer(AdminPeer peer)
    {
        if (peer.Namespaces is not null)
        {
            return new ProgramPeer(WorkloadSelector.InNamespaces(peer.Namespaces, null), null, false, peer.ToString());
        }

        if (peer.PodSelector is not null)
        {
            return new ProgramPeer(WorkloadSelector.InNamespaces(peer.PodNamespaceSelector ?? LabelSelector.Everything, peer.PodSelector), null, false, peer.ToString());
        }

        if (!peer.Networks.IsEmpty)
        {
            return ProgramPeer.Network(peer.Addresses, peer.ToString());
        }

        return ProgramPeer.Nothing(peer.ToString());
    }

    private static ProgramPorts Ports(ValueArray<AdminPort> ports)
    {
        if (ports.IsEmpty)
        {
            return ProgramPorts.Any;
        }

        var fixedPorts = ConnectionSet.None;
        var named = new List<NamedPort>();
        foreach (var p in ports)
        {
            if (p.NamedPort is not null)
            {
                named.Add(new NamedPort(p.NamedPort, null));
            }
            else
            {
                fixedPorts = fixedPorts.Union(ConnectionSet.Of(p.Protocol, p.Start, p.End));
            }
        }

        return new ProgramPorts(fixedPorts, named.ToValueArray(), ConnectionSet.None);
    }
}
