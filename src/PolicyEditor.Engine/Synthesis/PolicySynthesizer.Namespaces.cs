using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>Intents with a whole namespace at one end (or both): one namespace-wide rule rather than a rule per workload.</summary>
public static partial class PolicySynthesizer
{
    /// <summary>
    /// Makes <paramref name="connections"/> allowed from every member of <paramref name="source"/> to every
    /// member of <paramref name="destination"/>, where either may be a whole namespace. A namespace is named
    /// by <c>kubernetes.io/metadata.name</c> (so pods created there later are covered too); a namespace
    /// whose workloads are all isolated gets one policy selecting all its pods, otherwise each isolated
    /// workload that lacks the traffic gets its own rule.
    /// </summary>
    public static SynthesisResult Allow(ReachabilityMatrix current, SynthesisPeer source, SynthesisPeer destination, ConnectionSet connections)
    {
        if (source.Endpoint is { } s && destination.Endpoint is { } d)
        {
            return Allow(current, s, d, connections);
        }

        var intent = $"Allow {source.Id} to reach {destination.Id} on {connections}";
        var evaluator = current.Evaluator;
        var sources = source.Members(current);
        var destinations = destination.Members(current);
        var pairs = (from a in sources from b in destinations where a.Id != b.Id && ClusterEvaluator.IsPair(a, b) select (a, b)).ToList();
        if (pairs.Count == 0)
        {
            return new SynthesisResult(intent, [], sources.Count == 0 || destinations.Count == 0
                ? "That namespace has no workloads in this workspace."
                : "Only traffic to a workload, or from a workload to addresses outside the cluster, can be allowed.");
        }

        var before = pairs.ToDictionary(p => p, p => evaluator.Evaluate(p.a, p.b));
        if (pairs.All(p => connections.IsSubsetOf(before[p])))
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        var draft = new PolicyDraft(evaluator.Cluster);
        var warnings = new List<string>();
        foreach (var (subjectPeer, otherPeer, direction) in new[] { (destination, source, TrafficDirection.Ingress), (source, destination, TrafficDirection.Egress) })
        {
            // What each workload on this side still lacks, once the other side's rules are taken as they are.
            var needs = new Dictionary<Workload, ConnectionSet>();
            foreach (var (a, b) in pairs)
            {
                var (subject, peer) = direction == TrafficDirection.Ingress ? (b, a) : (a, b);
                if (subject is not WorkloadEndpoint w)
                {
                    continue;
                }

                var need = connections.Subtract(before[(a, b)]).Subtract(evaluator.Decide(w.Workload, peer, direction));
                if (need.IsEmpty)
                {
                    continue;
                }

                if (AdminDenies(evaluator, w.Workload, peer, direction, need) is { } deny)
                {
                    return new SynthesisResult(intent, [], deny);
                }

                needs[w.Workload] = needs.TryGetValue(w.Workload, out var so) ? so.Union(need) : need;
            }

            if (needs.Count == 0)
            {
                continue;
            }

            var arrow = direction == TrafficDirection.Ingress ? $"allow-{NameOf(otherPeer)}-to-{NameOf(subjectPeer)}" : $"allow-{NameOf(subjectPeer)}-to-{NameOf(otherPeer)}";
            if (subjectPeer.Namespace is { } ns && current.Workloads.Where(w => w.Namespace == ns).All(w => evaluator.IsIsolated(w, direction)))
            {
                // Every pod of the namespace is isolated already: one policy for all of them isolates nothing new.
                var all = needs.Values.Aggregate(ConnectionSet.None, (x, y) => x.Union(y));
                var rule = new NetworkPolicyRule(GroupPeers(current, otherPeer, ns, warnings).ToValueArray(), SelectorChooser.PortsFor(all, null));
                AddRuleOn(current, draft, ns, LabelSelector.Everything, direction, rule, arrow);
                continue;
            }

            foreach (var (workload, need) in needs.OrderBy(n => n.Key.Id, StringComparer.Ordinal))
            {
                var ports = SelectorChooser.PortsFor(need, direction == TrafficDirection.Ingress ? workload : (otherPeer.Endpoint as WorkloadEndpoint)?.Workload);
                AddRule(current, draft, workload, direction, GroupPeers(current, otherPeer, workload.Namespace, warnings), ports,
                    direction == TrafficDirection.Ingress ? $"allow-{NameOf(otherPeer)}-to-{workload.Name}" : $"allow-{workload.Name}-to-{NameOf(otherPeer)}", warnings);
            }
        }

        var changes = draft.Changes();
        var impact = ChangeImpact.Compute(current, draft.Apply());
        bool IsAsked(ConnectionChange c) => sources.Any(e => Same(c.Source, e)) && destinations.Any(e => Same(c.Destination, e));
        var sideEffects = impact.Changes.Where(c => !IsAsked(c)).ToList();
        var lost = impact.Changes.Where(c => IsAsked(c) && !c.Before.IsSubsetOf(c.After)).ToList();
        var exact = sideEffects.Count == 0 && lost.Count == 0
            && impact.Changes.Where(IsAsked).All(c => c.After.Equals(c.Before.Union(connections)));
        if (sideEffects.Count > 0)
        {
            warnings.Add(SideEffectsSentence(sideEffects));
        }

        var after = impact.AfterEvaluator;
        var shortfall = pairs.Select(p => (p, now: after.Evaluate(p.a, p.b))).FirstOrDefault(x => !connections.IsSubsetOf(x.now));
        if (shortfall.p.a is not null)
        {
            return new SynthesisResult(intent, [], $"Rules on these NetworkPolicies would still leave {Readable(shortfall.p.a)} => {Readable(shortfall.p.b)} at {shortfall.now} instead of {connections}: something else decides this traffic.");
        }

        var option = new SynthesisOption("Add namespace-wide rules", changes, impact, exact, warnings) { SideEffects = sideEffects, AskedPairAfter = connections };
        return new SynthesisResult(intent, [option], null);
    }

    private static string NameOf(SynthesisPeer peer) => peer.Endpoint is { } e ? ShortName(e) : $"ns-{peer.Namespace}";

    /// <summary>Peers that take in <paramref name="peer"/>, written in a policy of <paramref name="policyNamespace"/>.</summary>
    private static List<NetworkPolicyPeer> GroupPeers(ReachabilityMatrix current, SynthesisPeer peer, string policyNamespace, List<string> warnings) =>
        peer.Namespace is { } ns
            ? [ns == policyNamespace ? NetworkPolicyPeer.Pods(LabelSelector.Everything) : NetworkPolicyPeer.Namespaces(NameSelector(ns))]
            : PeersFor(current, peer.Endpoint!, policyNamespace, warnings);
}
