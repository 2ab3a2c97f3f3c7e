using System.Globalization;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// Allows or denies one connection by writing Calico policy (projectcalico.org/v3 NetworkPolicy) in the
/// place Calico's order needs it: a Deny rule in a policy ordered just before the policy whose rule
/// admitted the traffic (in that rule's tier), an Allow rule just before the Deny rule that refused it or,
/// when the end of a tier refused it, at the end of that tier. Nothing is rewritten: each change is a new
/// policy of one rule per protocol, selecting the workload. Where no tier applied to the workload, the new
/// policy ends in a Pass, so the rest of its traffic goes on as before. Every option is checked on the
/// changed cluster, as the NetworkPolicy synthesizer's are.
/// </summary>
public static class CalicoSynthesizer
{
    /// <summary>How many policies one option may add before it is given up (one per place a connection is decided).</summary>
    private const int MaxSteps = 4;

    /// <summary>True when the cluster's policy is written in Calico: it has Calico policies, staged policies or tiers.</summary>
    public static bool UsesCalico(Cluster cluster) =>
        cluster.OtherPolicies.Any(p => p is CalicoPolicy or CalicoTier or StagedKubernetesNetworkPolicy);

    /// <summary>Makes <paramref name="connections"/> from <paramref name="source"/> to <paramref name="destination"/> allowed with Calico Allow rules.</summary>
    public static SynthesisResult Allow(ReachabilityMatrix current, Endpoint source, Endpoint destination, ConnectionSet connections)
    {
        var intent = $"Allow {PolicySynthesizer.Readable(source)} to reach {PolicySynthesizer.Readable(destination)} on {connections} (Calico)";
        if (!ClusterEvaluator.IsPair(source, destination) || source is IngressControllerEndpoint)
        {
            return new SynthesisResult(intent, [], "Calico rules here allow traffic between workloads, or between a workload and addresses outside the cluster.");
        }

        var before = current.Evaluator.Evaluate(source, destination);
        if (connections.IsSubsetOf(before))
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        var cluster = current.Evaluator.Cluster;
        var changes = new List<PolicyChange>();
        foreach (var (subject, peer, direction) in Sides(source, destination))
        {
            if (!Place(ref cluster, changes, subject, peer, direction, connections, RuleAction.Allow, source, destination, out var reason))
            {
                return new SynthesisResult(intent, [], reason);
            }
        }

        var option = PolicySynthesizer.Finish(current, "Add Calico Allow rules where Calico's order reaches them", changes, cluster, [], source, destination, before.Union(connections));
        return connections.IsSubsetOf(option.AskedPairAfter)
            ? new SynthesisResult(intent, [option], null)
            : new SynthesisResult(intent, [], $"Calico Allow rules would still leave {option.AskedPairAfter} allowed instead of {connections}.");
    }

    /// <summary>
    /// Makes <paramref name="connections"/> from <paramref name="source"/> to <paramref name="destination"/>
    /// denied with one Calico Deny rule ordered before the allow that admitted them: on the destination's
    /// ingress, or on the source's egress.
    /// </summary>
    public static SynthesisResult Revoke(ReachabilityMatrix current, Endpoint source, Endpoint destination, ConnectionSet connections)
    {
        var intent = $"Deny {PolicySynthesizer.Readable(source)} from reaching {PolicySynthesizer.Readable(destination)} on {connections} (Calico)";
        var before = current.Evaluator.Evaluate(source, destination);
        var remove = connections.Intersect(before);
        if (remove.IsEmpty)
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        var options = new List<SynthesisOption>();
        var reasons = new List<string>();
        foreach (var (subject, peer, direction) in Sides(source, destination))
        {
            var cluster = current.Evaluator.Cluster;
            var changes = new List<PolicyChange>();
            if (!Place(ref cluster, changes, subject, peer, direction, remove, RuleAction.Deny, source, destination, out var reason))
            {
                reasons.Add(reason!);
                continue;
            }

            var side = direction == TrafficDirection.Ingress ? $"{subject.Id}'s ingress" : $"{subject.Id}'s egress";
            var option = PolicySynthesizer.Finish(current, $"Add a Calico Deny rule on {side}, ordered before the allow", changes, cluster, [], source, destination, before.Subtract(remove));
            if (option.AskedPairAfter.Intersect(remove).IsEmpty)
            {
                options.Add(option);
            }
        }

        var ordered = options.OrderBy(o => o.IsExact ? 0 : 1).ThenBy(o => o.SideEffects.Count).ToList();
        return new SynthesisResult(intent, ordered, ordered.Count == 0 ? string.Join(" ", reasons.DefaultIfEmpty("No Calico rule can deny this traffic.")) : null);
    }

    /// <summary>The sides a rule can be written on: the destination's ingress, then the source's egress (workloads only).</summary>
    private static IEnumerable<(Workload Subject, Endpoint Peer, TrafficDirection Direction)> Sides(Endpoint source, Endpoint destination)
    {
        if (destination is WorkloadEndpoint d)
        {
            yield return (d.Workload, source, TrafficDirection.Ingress);
        }

        if (source is WorkloadEndpoint s)
        {
            yield return (s.Workload, destination, TrafficDirection.Egress);
        }
    }

    /// <summary>
    /// Adds policies on one side until that side does <paramref name="action"/> to every connection of
    /// <paramref name="wanted"/>: each step explains the first connection still decided otherwise and writes
    /// a policy in the place that decided it. False, with a reason, when no Calico policy can do it there.
    /// </summary>
    private static bool Place(ref Cluster cluster, List<PolicyChange> changes, Workload subject, Endpoint peer, TrafficDirection direction,
        ConnectionSet wanted, RuleAction action, Endpoint source, Endpoint destination, out string? reason)
    {
        reason = null;
        for (var step = 0; ; step++)
        {
            var evaluator = new ClusterEvaluator(cluster);
            var allowed = evaluator.Decide(subject, peer, direction).Intersect(wanted);
            var todo = action == RuleAction.Allow ? wanted.Subtract(allowed) : allowed;
            if (todo.IsEmpty)
            {
                return true;
            }

            if (step == MaxSteps || todo.FirstPoint is not { } point)
            {
                reason = $"Calico rules on {subject.Id} could not be placed where they decide {todo}.";
                return false;
            }

            var explanation = evaluator.Explain(source, destination, point.Protocol, point.Value);
            var side = direction == TrafficDirection.Ingress ? explanation.Ingress : explanation.Egress;
            if (Where(cluster, side, action) is not { } place)
            {
                reason = side.DecidedBy is Decider.AdminNetworkPolicy or Decider.BaselineAdminNetworkPolicy
                    ? $"An admin policy decides this on {subject.Id} ({side.DecidingRule?.Text ?? side.Reason}); Calico policy in an application tier cannot override it."
                    : $"Nothing Calico orders decides this on {subject.Id}: {side.Reason}";
                return false;
            }

            if (Rules(action, direction, peer, subject.Namespace, todo, cluster) is not { } rules)
            {
                reason = $"{PolicySynthesizer.Readable(peer)} cannot be named in a Calico rule.";
                return false;
            }

            if (place.PassAfter)
            {
                rules.Add(CalicoRule.Of(RuleAction.Pass));
            }

            var policy = new CalicoPolicy(CalicoPolicyKind.NetworkPolicy, subject.Namespace,
                UniqueName(cluster, subject.Namespace, place.Tier, $"{(action == RuleAction.Deny ? "deny" : "allow")}-{PolicySynthesizer.ShortName(source)}-to-{PolicySynthesizer.ShortName(destination)}"),
                place.Tier, place.Order, CalicoSelector.Parse(SelectorText(SelectorChooser.Exact(subject, cluster.Workloads.Where(w => w.Namespace == subject.Namespace)).Selector)),
                null, null, ValueArray.Create(direction),
                direction == TrafficDirection.Ingress ? rules.ToValueArray() : ValueArray<CalicoRule>.Empty,
                direction == TrafficDirection.Egress ? rules.ToValueArray() : ValueArray<CalicoRule>.Empty);
            var change = PolicyChange.Upsert(policy);
            changes.Add(change);
            cluster = cluster.Apply(change);
        }
    }

    /// <summary>Where a rule doing <paramref name="action"/> must go to decide before what decided <paramref name="side"/>.</summary>
    private static Placement? Where(Cluster cluster, SideExplanation side, RuleAction action)
    {
        var tiers = cluster.OtherPolicies.OfType<CalicoTier>().ToDictionary(t => $"tier {t.Name}", t => t.Name, StringComparer.Ordinal);
        tiers[ProgramTier.Default.Description] = CalicoPolicy.DefaultTier;
        switch (side.DecidedBy)
        {
            // A rule of a Calico policy decided: just before that policy, in its tier.
            case Decider.Tier or Decider.NetworkPolicy when side.DecidingRule?.Key is { } key && cluster.FindPolicy(key) is CalicoPolicy p:
                return new Placement(p.Tier, Before(cluster, p.Tier, p.Order), false);

            // A Kubernetes NetworkPolicy allowed it: before them, in the default tier (Calico runs them at order 1000).
            case Decider.NetworkPolicy when side.DecidingRule is not null:
                return new Placement(CalicoPolicy.DefaultTier, Before(cluster, CalicoPolicy.DefaultTier, ProgramTier.NetworkPolicyOrder), false);

            // The end of a tier denied it: an Allow at the end of that tier, which already applies to the workload.
            case Decider.Tier or Decider.NetworkPolicy when side.DecidingRule is null && side.Tier is { } t && tiers.TryGetValue(t, out var tier):
                return action == RuleAction.Allow ? new Placement(tier, After(cluster, tier), false) : null;

            // No tier applied (Calico's default profiles decided, or profiles the manifests define): a policy
            // of the default tier decides it and passes the rest on, so no other traffic changes.
            case Decider.Default:
            case Decider.Tier when side.DecidingRule is null || side.DecidingRule.Key is { Kind: "Profile" }:
                return new Placement(CalicoPolicy.DefaultTier, Before(cluster, CalicoPolicy.DefaultTier, ProgramTier.NetworkPolicyOrder), true);

            default:
                return null;
        }
    }

    /// <summary>An order just before <paramref name="order"/> (null: last) in a tier.</summary>
    private static double Before(Cluster cluster, string tier, double? order) => order switch
    {
        null => After(cluster, tier),
        >= 1 and var o => Math.Ceiling(o) - 1,
        > 0 and var o => o / 2,
        var o => o.Value - 1,
    };

    /// <summary>An order after every ordered policy of a tier (after the Kubernetes NetworkPolicies in the default tier).</summary>
    private static double After(Cluster cluster, string tier)
    {
        var orders = cluster.OtherPolicies.OfType<CalicoPolicy>().Where(p => p.Tier == tier && p.Order is not null).Select(p => p.Order!.Value).ToList();
        if (tier == CalicoPolicy.DefaultTier)
        {
            orders.Add(ProgramTier.NetworkPolicyOrder);
        }

        return orders.Count == 0 ? 100 : Math.Floor(orders.Max() / 10) * 10 + 10;
    }

    /// <summary>The rules that match <paramref name="connections"/> with <paramref name="peer"/>: one per protocol (Calico matches one protocol a rule); null when the peer cannot be named.</summary>
    private static List<CalicoRule>? Rules(RuleAction action, TrafficDirection direction, Endpoint peer, string ns, ConnectionSet connections, Cluster cluster) =>
        Entity(peer, ns, cluster) is { } entity ? Rules(action, direction, entity, connections) : null;

    /// <summary>The rules that match <paramref name="connections"/> with the peer <paramref name="entity"/> names: one per protocol, and one per ICMP type (and code).</summary>
    internal static List<CalicoRule> Rules(RuleAction action, TrafficDirection direction, CalicoEntityRule entity, ConnectionSet connections)
    {
        // The peer is an ingress rule's source or an egress rule's destination; the ports are the destination's.
        CalicoRule Rule(CalicoProtocol? protocol, ValueArray<CalicoPort> ports, CalicoIcmp? icmp) => direction == TrafficDirection.Ingress
            ? new(action, protocol, null, icmp, null, null, entity, CalicoEntityRule.Any with { Ports = ports }, null)
            : new(action, protocol, null, icmp, null, null, CalicoEntityRule.Any, entity with { Ports = ports }, null);

        if (connections.IsAll)
        {
            return [Rule(null, ValueArray<CalicoPort>.Empty, null)];
        }

        var rules = new List<CalicoRule>();
        foreach (var protocol in connections.Protocols)
        {
            var calico = ProtocolOf(protocol);
            if (connections.IncludesAllOf(protocol))
            {
                rules.Add(Rule(calico, ValueArray<CalicoPort>.Empty, null));
            }
            else if (protocol.HasPorts)
            {
                rules.Add(Rule(calico, connections.Ports(protocol).Ranges.Select(r => r.Start == r.End ? CalicoPort.Number(r.Start) : CalicoPort.Range(r.Start, r.End)).ToValueArray(), null));
            }
            else
            {
                // ICMP types (and codes) one rule each: Calico's icmp field matches one type, or one type and code.
                var types = connections.Types(protocol);
                while (types.First is var (type, code))
                {
                    var whole = IcmpSet.OfType(type);
                    var matched = whole.Subtract(types).IsEmpty ? whole : IcmpSet.Of(type, code);
                    rules.Add(Rule(calico, ValueArray<CalicoPort>.Empty, new CalicoIcmp(type, ReferenceEquals(matched, whole) ? null : code)));
                    types = types.Subtract(matched);
                }
            }
        }

        return rules;
    }

    /// <summary>The protocol as a Calico rule names it: by name where Calico has one, else by number.</summary>
    internal static CalicoProtocol ProtocolOf(Protocol protocol) =>
        CalicoProtocol.TryParse(protocol.ToString(), out var named) ? named : new CalicoProtocol(protocol.Number.ToString(CultureInfo.InvariantCulture), protocol.Number);

    /// <summary>The peer as a Calico rule's source or destination, seen from a policy of namespace <paramref name="ns"/>.</summary>
    private static CalicoEntityRule? Entity(Endpoint peer, string ns, Cluster cluster) => peer switch
    {
        WorkloadEndpoint w => CalicoEntityRule.Any with
        {
            Selector = CalicoSelector.Parse(SelectorText(SelectorChooser.Exact(w.Workload, cluster.Workloads.Where(o => o.Namespace == w.Workload.Namespace)).Selector)),
            NamespaceSelector = w.Workload.Namespace == ns ? null : NamespaceNamed(w.Workload.Namespace),
        },
        ExternalEndpoint e => CalicoEntityRule.Any with { Nets = e.Range.ToCidrs().Select(Cidr.Parse).ToValueArray() },
        _ => null,
    };

    /// <summary>A namespace selector that takes in the namespace <paramref name="ns"/> alone, by the name label Calico gives every namespace.</summary>
    internal static CalicoSelector NamespaceNamed(string ns) => CalicoSelector.Parse($"projectcalico.org/name == {Quote(ns)}");

    /// <summary>A label selector in Calico's selector language.</summary>
    internal static string SelectorText(LabelSelector selector)
    {
        var terms = selector.MatchLabels.Select(l => $"{l.Key} == {Quote(l.Value)}").ToList();
        foreach (var r in selector.MatchExpressions)
        {
            var values = string.Join(", ", r.Values.Select(Quote));
            terms.Add(r.Operator switch
            {
                SelectorOperator.In => $"{r.Key} in {{{values}}}",
                SelectorOperator.NotIn => $"{r.Key} not in {{{values}}}",
                SelectorOperator.Exists => $"has({r.Key})",
                _ => $"!has({r.Key})",
            });
        }

        return terms.Count == 0 ? "all()" : string.Join(" && ", terms);
    }

    private static string Quote(string value) => value.Contains('\'', StringComparison.Ordinal) ? $"\"{value}\"" : $"'{value}'";

    /// <summary>A policy name not yet taken in the namespace, prefixed by its tier as Calico names tiered policies.</summary>
    private static string UniqueName(Cluster cluster, string ns, string tier, string name)
    {
        var prefix = tier == CalicoPolicy.DefaultTier ? string.Empty : $"{tier}.";
        var baseName = prefix + name;
        baseName = baseName.Length > 240 ? baseName[..240] : baseName;
        var candidate = baseName;
        for (var i = 2; cluster.FindPolicy(new PolicyKey("CalicoNetworkPolicy", ns, candidate)) is not null; i++)
        {
            candidate = $"{baseName}-{i}";
        }

        return candidate;
    }

    /// <summary>Where a new policy goes: its tier and order, and whether it ends in a Pass (the tier applied to nothing of the workload before).</summary>
    private sealed record Placement(string Tier, double Order, bool PassAfter);
}
