using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>
/// Turns intents into the smallest NetworkPolicy changes: allow or revoke one connection, default deny
/// for a namespace, allow DNS, allow within a namespace, allow from the ingress controller. Every
/// option comes with its full change impact and says whether it does exactly what was asked.
/// </summary>
public static partial class PolicySynthesizer
{
    private const string IngressControllerWarning =
        "The ingress controller runs in a namespace these manifests do not describe, so only a rule open to every namespace is sure to admit it; pods of every namespace gain the same access. Narrow the namespaceSelector to the controller's namespace (for example ingress-nginx) if you know it.";

    /// <summary>Makes <paramref name="connections"/> from <paramref name="source"/> to <paramref name="destination"/> allowed, changing nothing else where the labels allow.</summary>
    public static SynthesisResult Allow(ReachabilityMatrix current, Endpoint source, Endpoint destination, ConnectionSet connections)
    {
        var intent = $"Allow {Readable(source)} to reach {Readable(destination)} on {connections}";
        if (!ClusterEvaluator.IsPair(source, destination))
        {
            return new SynthesisResult(intent, [], "Only traffic to a workload, or from a workload to addresses outside the cluster, can be allowed.");
        }

        var evaluator = current.Evaluator;
        var before = evaluator.Evaluate(source, destination);
        var missing = connections.Subtract(before);
        if (source is IngressControllerEndpoint && destination is WorkloadEndpoint exposedTo)
        {
            var notExposed = missing.Subtract(evaluator.ExposedPorts(exposedTo.Workload));
            if (!notExposed.IsEmpty)
            {
                return new SynthesisResult(intent, [], $"{notExposed} of {exposedTo.Id} is not exposed by any Ingress or Route; a NetworkPolicy cannot open a route the ingress controller does not have.");
            }
        }

        if (missing.IsEmpty)
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        var draft = new PolicyDraft(evaluator.Cluster);
        var warnings = new List<string>();
        if (destination is WorkloadEndpoint d)
        {
            var need = missing.Subtract(evaluator.Decide(d.Workload, source, TrafficDirection.Ingress));
            if (!need.IsEmpty)
            {
                if (AdminDenies(evaluator, d.Workload, source, TrafficDirection.Ingress, need) is { } deny)
                {
                    return new SynthesisResult(intent, [], deny);
                }

                AddRule(current, draft, d.Workload, TrafficDirection.Ingress, PeersFor(current, source, d.Workload.Namespace, warnings),
                    SelectorChooser.PortsFor(need, d.Workload), $"allow-{ShortName(source)}-to-{d.Workload.Name}", warnings);
            }
        }

        if (source is WorkloadEndpoint s)
        {
            var need = missing.Subtract(evaluator.Decide(s.Workload, destination, TrafficDirection.Egress));
            if (!need.IsEmpty)
            {
                if (AdminDenies(evaluator, s.Workload, destination, TrafficDirection.Egress, need) is { } deny)
                {
                    return new SynthesisResult(intent, [], deny);
                }

                AddRule(current, draft, s.Workload, TrafficDirection.Egress, PeersFor(current, destination, s.Workload.Namespace, warnings),
                    SelectorChooser.PortsFor(need, (destination as WorkloadEndpoint)?.Workload), $"allow-{s.Workload.Name}-to-{ShortName(destination)}", warnings);
            }
        }

        // Every option is checked on the changed cluster: one that does not do what was asked is never offered.
        var option = Finish(current, "Add the rules", draft, warnings, source, destination, before.Union(connections));
        return connections.IsSubsetOf(option.AskedPairAfter)
            ? new SynthesisResult(intent, [option], null)
            : new SynthesisResult(intent, [], $"Rules on these NetworkPolicies would still leave {option.AskedPairAfter} allowed instead of {connections}: something else decides this traffic.");
    }

    /// <summary>
    /// Makes <paramref name="connections"/> from <paramref name="source"/> to <paramref name="destination"/>
    /// denied. Options: on the destination's ingress, on the source's egress, or simply narrowing the
    /// rules that allow it (which may also take the traffic away from other peers, listed as side effects).
    /// </summary>
    public static SynthesisResult Revoke(ReachabilityMatrix current, Endpoint source, Endpoint destination, ConnectionSet connections)
    {
        var intent = $"Deny {Readable(source)} from reaching {Readable(destination)} on {connections}";
        var evaluator = current.Evaluator;
        var before = evaluator.Evaluate(source, destination);
        var remove = connections.Intersect(before);
        if (remove.IsEmpty)
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        var expected = before.Subtract(remove);
        var options = new List<SynthesisOption>();
        var reasons = new List<string>();
        foreach (var (subject, peer, direction) in new[] { (destination, source, TrafficDirection.Ingress), (source, destination, TrafficDirection.Egress) })
        {
            if (subject is not WorkloadEndpoint w)
            {
                continue;
            }

            if (AdminAllows(evaluator, w.Workload, peer, direction, remove) is { } allowedByAdmin)
            {
                reasons.Add(allowedByAdmin);
                continue;
            }

            var side = direction == TrafficDirection.Ingress ? $"on {w.Id}'s ingress" : $"on {w.Id}'s egress";
            var exact = new PolicyDraft(evaluator.Cluster);
            var warnings = new List<string>();
            RevokeOnSide(current, exact, w.Workload, peer, direction, remove, before, precise: true, warnings);
            var precise = Finish(current, evaluator.IsIsolated(w.Workload, direction) ? $"Deny {side}, keeping every other peer" : $"Deny {side} with a new policy that allows everything else", exact, warnings, source, destination, expected);
            options.Add(precise);

            if (evaluator.IsIsolated(w.Workload, direction))
            {
                var narrow = new PolicyDraft(evaluator.Cluster);
                var narrowWarnings = new List<string>();
                RevokeOnSide(current, narrow, w.Workload, peer, direction, remove, before, precise: false, narrowWarnings);
                var option = Finish(current, $"Narrow the rules that allow it {side}", narrow, narrowWarnings, source, destination, expected);

                // Narrowing takes the ports out of the rules for all their peers: offered only when that removes nothing else.
                if (option.SideEffects.Count == 0 && !option.Changes.SequenceEqual(precise.Changes))
                {
                    options.Add(option);
                }
            }
        }

        if (options.Count == 0)
        {
            return new SynthesisResult(intent, [], string.Join(" ", reasons.DefaultIfEmpty("No NetworkPolicy change can deny this traffic.")));
        }

        // Exact options first, then fewest side effects, then the smallest change to read.
        // Every option is checked on the changed cluster: one that leaves some of the traffic allowed is never offered.
        var ordered = options.Where(o => o.Impact.Changes.Count > 0 && o.AskedPairAfter.Intersect(remove).IsEmpty)
            .OrderBy(o => o.IsExact ? 0 : 1).ThenBy(o => o.SideEffects.Count).ThenBy(o => ChangeSize.Of(evaluator.Cluster, o.Changes)).ToList();
        return new SynthesisResult(intent, ordered, ordered.Count == 0 ? "No NetworkPolicy change can deny this traffic." : null);
    }

    /// <summary>A default-deny policy for a namespace: every pod isolated in the given directions.</summary>
    public static SynthesisResult DefaultDeny(ReachabilityMatrix current, string ns, PolicyTypes types)
    {
        var what = types switch { PolicyTypes.Ingress => "ingress", PolicyTypes.Egress => "egress", _ => "all" };
        var intent = $"Deny all {(what == "all" ? "ingress and egress" : what)} traffic of namespace {ns} unless a policy allows it";
        var draft = new PolicyDraft(current.Evaluator.Cluster);
        if (draft.Policies.Any(p => p.Namespace == ns && p.PodSelector.IsEmpty && (p.Types & types) == types && p.Ingress.IsEmpty && p.Egress.IsEmpty))
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        draft.Set(new NetworkPolicy(ns, draft.UniqueName(ns, $"default-deny-{what}"), LabelSelector.Everything, types, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty));
        return Intent(current, intent, draft, []);
    }

    /// <summary>Lets every pod of a namespace reach the cluster DNS (UDP and TCP 53).</summary>
    public static SynthesisResult AllowDnsEgress(ReachabilityMatrix current, string ns, LabelSelector? dnsPods = null)
    {
        var intent = $"Allow pods of {ns} to reach DNS";
        dnsPods ??= LabelSelector.ForLabels(("k8s-app", "kube-dns"));
        var dnsNamespace = current.Workloads.FirstOrDefault(w => dnsPods.Matches(w.Labels))?.Namespace ?? "kube-system";
        var peer = NetworkPolicyPeer.PodsInNamespaces(NameSelector(dnsNamespace), dnsPods);
        var rule = new NetworkPolicyRule(ValueArray.Create(peer), ValueArray.Create(NetworkPolicyPort.Of(Protocol.UDP, 53), NetworkPolicyPort.Of(Protocol.TCP, 53)));
        var draft = new PolicyDraft(current.Evaluator.Cluster);
        draft.Set(new NetworkPolicy(ns, draft.UniqueName(ns, "allow-dns"), LabelSelector.Everything, PolicyTypes.Egress, ValueArray<NetworkPolicyRule>.Empty, ValueArray.Create(rule)));
        return Intent(current, intent, draft, []);
    }

    /// <summary>Lets pods of a namespace talk to each other freely (ingress, and egress when the namespace isolates egress).</summary>
    public static SynthesisResult AllowWithinNamespace(ReachabilityMatrix current, string ns)
    {
        var intent = $"Allow all traffic between pods of {ns}";
        var rule = new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Pods(LabelSelector.Everything)), ValueArray<NetworkPolicyPort>.Empty);
        var egressIsolated = current.Workloads.Any(w => w.Namespace == ns && current.Evaluator.IsIsolated(w, TrafficDirection.Egress));
        var draft = new PolicyDraft(current.Evaluator.Cluster);
        draft.Set(new NetworkPolicy(ns, draft.UniqueName(ns, "allow-same-namespace"), LabelSelector.Everything,
            egressIsolated ? PolicyTypes.Both : PolicyTypes.Ingress, ValueArray.Create(rule), egressIsolated ? ValueArray.Create(rule) : ValueArray<NetworkPolicyRule>.Empty));
        return Intent(current, intent, draft, []);
    }

    /// <summary>Lets the ingress controller reach a workload on the given ports (by default, all its exposed ports).</summary>
    public static SynthesisResult AllowFromIngressController(ReachabilityMatrix current, Workload workload, ConnectionSet? ports = null) =>
        Allow(current, Endpoint.IngressController, Endpoint.Of(workload), ports ?? current.Evaluator.ExposedPorts(workload));

    private static SynthesisResult Intent(ReachabilityMatrix current, string intent, PolicyDraft draft, List<string> warnings)
    {
        var changes = draft.Changes();
        var impact = ChangeImpact.Compute(current, draft.Apply());
        return new SynthesisResult(intent, [new SynthesisOption(intent, changes, impact, true, warnings)], null);
    }

    private static SynthesisOption Finish(ReachabilityMatrix current, string title, PolicyDraft draft, List<string> warnings, Endpoint source, Endpoint destination, ConnectionSet expected) =>
        Finish(current, title, draft.Changes(), draft.Apply(), warnings, source, destination, expected);

    /// <summary>An option of policy changes of any dialect, with its full impact, its side effects and whether it does exactly what was asked (<paramref name="expected"/> for the asked pair).</summary>
    internal static SynthesisOption Finish(ReachabilityMatrix current, string title, IReadOnlyList<PolicyChange> changes, Cluster after, List<string> warnings, Endpoint source, Endpoint destination, ConnectionSet expected)
    {
        var impact = ChangeImpact.Compute(current, after);
        bool IsAsked(ConnectionChange c) => Same(c.Source, source) && Same(c.Destination, destination);
        var sideEffects = impact.Changes.Where(c => !IsAsked(c)).ToList();
        var asked = impact.Changes.Where(IsAsked).ToList();
        var exact = sideEffects.Count == 0 && asked.Count > 0 && asked.All(c => c.After.Equals(expected));
        if (sideEffects.Count > 0)
        {
            warnings.Add(SideEffectsSentence(sideEffects));
        }

        return new SynthesisOption(title, changes, impact, exact, warnings) { SideEffects = sideEffects, AskedPairAfter = impact.AfterEvaluator.Evaluate(source, destination) };
    }

    /// <summary>What else an option changes, pair by pair (the first few, and how many more).</summary>
    private static string SideEffectsSentence(IReadOnlyList<ConnectionChange> sideEffects)
    {
        const int Shown = 5;
        var listed = string.Join("; ", sideEffects.Take(Shown).Select(c => $"{Readable(c.Source)} => {Readable(c.Destination)} ({c.Before} becomes {c.After})"));
        var more = sideEffects.Count > Shown ? $"; and {sideEffects.Count - Shown} more" : string.Empty;
        return $"This also changes {sideEffects.Count} other connection(s): {listed}{more}.";
    }

    private static bool Same(Endpoint changed, Endpoint asked) => asked is ExternalEndpoint external
        // External pairs are reported per block range; those inside the asked range are the asked pair.
        ? changed is ExternalEndpoint block && external.Range.Contains(block.Range)
        : changed.Id == asked.Id;

    /// <summary>An endpoint in a sentence: its id, or for addresses outside the cluster their CIDRs.</summary>
    internal static string Readable(Endpoint endpoint) => endpoint is ExternalEndpoint e ? AddressText.Of(e.Range) : endpoint.Id;

    /// <summary>An endpoint as a policy name says it (a workload's name, <c>internet</c>, a CIDR with dashes).</summary>
    internal static string ShortName(Endpoint endpoint) => endpoint switch
    {
        WorkloadEndpoint w => w.Workload.Name,
        IngressControllerEndpoint => "ingress-controller",
        ExternalEndpoint e when e.Range == AddressRange.AllV4 || e.Range == AddressRange.AllV6 => "internet",
        ExternalEndpoint e => e.Range.ToCidrs()[0].Replace('/', '-').Replace(':', '-').Replace('.', '-'),
        _ => "peer",
    };

    internal static LabelSelector NameSelector(string ns) => LabelSelector.ForLabels((Namespace.NameLabel, ns));

    /// <summary>The sentence saying that an admin policy denies some of <paramref name="needed"/>, or null.</summary>
    private static string? AdminDenies(ClusterEvaluator evaluator, Workload subject, Endpoint peer, TrafficDirection direction, ConnectionSet needed)
    {
        var permitted = evaluator.DecideWith(subject, peer, direction, true, ConnectionSet.All);
        var denied = needed.Subtract(permitted);
        return denied.IsEmpty ? null : $"An AdminNetworkPolicy denies {denied} {(direction == TrafficDirection.Ingress ? "into" : "out of")} {subject.Id}; NetworkPolicies cannot override it. Ask whoever owns the admin policies.";
    }

    /// <summary>The sentence saying that an admin policy allows some of <paramref name="remove"/> (so NetworkPolicies cannot deny it), or null.</summary>
    private static string? AdminAllows(ClusterEvaluator evaluator, Workload subject, Endpoint peer, TrafficDirection direction, ConnectionSet remove)
    {
        var forced = evaluator.DecideWith(subject, peer, direction, true, ConnectionSet.None).Intersect(remove);
        return forced.IsEmpty ? null : $"An AdminNetworkPolicy allows {forced} {(direction == TrafficDirection.Ingress ? "into" : "out of")} {subject.Id}; NetworkPolicies cannot deny it there.";
    }

    private static List<NetworkPolicyPeer> PeersFor(ReachabilityMatrix current, Endpoint endpoint, string policyNamespace, List<string> warnings)
    {
        switch (endpoint)
        {
            case WorkloadEndpoint w:
                {
                    var selector = ExactSelector(current, w.Workload, warnings);
                    return [w.Workload.Namespace == policyNamespace ? NetworkPolicyPeer.Pods(selector) : NetworkPolicyPeer.PodsInNamespaces(NameSelector(w.Workload.Namespace), selector)];
                }

            case ExternalEndpoint e:
                return [.. e.Range.ToCidrs().Select(c => NetworkPolicyPeer.Addresses(new IpBlock(Cidr.Parse(c), ValueArray<Cidr>.Empty)))];
            default:
                warnings.Add(IngressControllerWarning);
                return [NetworkPolicyPeer.Namespaces(LabelSelector.Everything)];
        }
    }

    internal static LabelSelector ExactSelector(ReachabilityMatrix current, Workload workload, List<string> warnings)
    {
        var (selector, also) = SelectorChooser.Exact(workload, current.Workloads.Where(w => w.Namespace == workload.Namespace));
        if (also.Count > 0)
        {
            warnings.Add($"No stable labels tell {workload.Id} apart from {string.Join(", ", also.Select(a => a.Id))}; the selector [{selector}] takes them in too.");
        }

        return selector;
    }

    private static void AddRule(ReachabilityMatrix current, PolicyDraft draft, Workload subject, TrafficDirection direction, List<NetworkPolicyPeer> peers, ValueArray<NetworkPolicyPort> ports, string nameBase, List<string> warnings)
    {
        var selector = ExactSelector(current, subject, warnings);
        if (!AddRuleOn(current, draft, subject.Namespace, selector, direction, new NetworkPolicyRule(peers.ToValueArray(), ports), nameBase)
            && !current.Evaluator.IsIsolated(subject, direction))
        {
            var dir = direction.ToString().ToLowerInvariant();
            warnings.Add($"{subject.Id} was not isolated for {dir}; this new policy isolates it, so {dir} traffic it does not list becomes denied.");
        }
    }

    /// <summary>
    /// Adds a rule for the pods <paramref name="selector"/> takes in. An existing policy of the right shape
    /// (it isolates this direction and selects exactly the same pods) is extended only when it is about this
    /// very traffic: it has a rule for the same peers (which gains the ports), or it carries the name this
    /// rule would get. Otherwise a new policy named for the traffic holds the rule, so that no rule lands in a
    /// policy named for something else (DNS, another app). True when an existing policy was extended.
    /// </summary>
    private static bool AddRuleOn(ReachabilityMatrix current, PolicyDraft draft, string ns, LabelSelector selector, TrafficDirection direction, NetworkPolicyRule rule, string nameBase)
    {
        var neighbours = current.Workloads.Where(w => w.Namespace == ns).ToList();
        var members = neighbours.Where(w => selector.Matches(w.Labels)).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var ingress = direction == TrafficDirection.Ingress;
        var name = draft.UniqueName(ns, nameBase);
        bool SamePeers(NetworkPolicy p) => (ingress ? p.Ingress : p.Egress).Any(r => r.Peers == rule.Peers && !r.Ports.IsEmpty && !rule.Ports.IsEmpty);
        bool NamedForIt(NetworkPolicy p) => PolicyDraft.IsNameFrom(p.Name, nameBase);
        var existing = draft.Policies
            .Where(p => p.Namespace == ns && (ingress ? p.AffectsIngress : p.AffectsEgress) && p.DeclaredPolicyTypes is not null
                && (SamePeers(p) || NamedForIt(p))
                && neighbours.Where(w => p.PodSelector.Matches(w.Labels)).Select(w => w.Id).ToHashSet(StringComparer.Ordinal).SetEquals(members))
            .OrderBy(p => SamePeers(p) ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (existing is not null)
        {
            var rules = (ingress ? existing.Ingress : existing.Egress).ToList();
            var same = rules.FindIndex(r => r.Peers == rule.Peers && !r.Ports.IsEmpty && !rule.Ports.IsEmpty);
            if (same >= 0)
            {
                rules[same] = rules[same] with { Ports = rules[same].Ports.Concat(rule.Ports).Distinct().ToValueArray() };
            }
            else
            {
                rules.Add(rule);
            }

            draft.Set(ingress ? existing with { Ingress = rules.ToValueArray() } : existing with { Egress = rules.ToValueArray() });
            return true;
        }

        draft.Set(new NetworkPolicy(ns, name, selector,
            ingress ? PolicyTypes.Ingress : PolicyTypes.Egress,
            ingress ? ValueArray.Create(rule) : ValueArray<NetworkPolicyRule>.Empty,
            ingress ? ValueArray<NetworkPolicyRule>.Empty : ValueArray.Create(rule)));
        return false;
    }

    private static void RevokeOnSide(ReachabilityMatrix current, PolicyDraft draft, Workload subject, Endpoint peer, TrafficDirection direction, ConnectionSet remove, ConnectionSet pairBefore, bool precise, List<string> warnings)
    {
        var evaluator = current.Evaluator;
        var ingress = direction == TrafficDirection.Ingress;
        var destination = ingress ? subject : (peer as WorkloadEndpoint)?.Workload;
        if (!evaluator.IsIsolated(subject, direction))
        {
            // Isolate the subject with a policy that allows everything except the revoked traffic. Towards the
            // peer, only what the pair has now and keeps needs a rule: the other side denies the rest already.
            var rules = new List<NetworkPolicyRule> { new(AllExcept(current, peer, subject.Namespace, warnings).ToValueArray(), ValueArray<NetworkPolicyPort>.Empty) };
            var rest = pairBefore.Subtract(remove);
            if (!rest.IsEmpty)
            {
                rules.Add(new NetworkPolicyRule(PeersFor(current, peer, subject.Namespace, warnings).ToValueArray(), SelectorChooser.PortsFor(rest, destination)));
            }

            var selector = ExactSelector(current, subject, warnings);
            var name = draft.UniqueName(subject.Namespace, ingress ? $"deny-{ShortName(peer)}-to-{subject.Name}" : $"deny-{subject.Name}-to-{ShortName(peer)}");
            draft.Set(new NetworkPolicy(subject.Namespace, name, selector, ingress ? PolicyTypes.Ingress : PolicyTypes.Egress,
                ingress ? rules.ToValueArray() : ValueArray<NetworkPolicyRule>.Empty, ingress ? ValueArray<NetworkPolicyRule>.Empty : rules.ToValueArray()));
            return;
        }

        foreach (var matcher in evaluator.SelectingMatchers(subject, direction).ToList())
        {
            var policy = matcher.Policy;
            var rules = (ingress ? policy.Ingress : policy.Egress).ToList();
            var compiled = matcher.Rules(direction);
            var result = new List<NetworkPolicyRule>();
            var changed = false;
            for (var i = 0; i < rules.Count; i++)
            {
                var allowed = compiled[i].Ports.Resolve(destination);
                if (!compiled[i].Matches(peer, evaluator.Namespaces) || allowed.Intersect(remove).IsEmpty)
                {
                    result.Add(rules[i]);
                    continue;
                }

                changed = true;
                if (!precise)
                {
                    var kept = allowed.Subtract(remove);
                    if (!kept.IsEmpty)
                    {
                        result.Add(rules[i] with { Ports = SelectorChooser.PortsFor(kept, destination) });
                    }

                    continue;
                }

                result.AddRange(SplitRule(current, rules[i], compiled[i], peer, remove.Intersect(allowed), allowed, policy.Namespace, destination, warnings));
            }

            if (changed)
            {
                // Without policyTypes, a policy's types follow from whether it has egress rules: removing its
                // last egress rule would stop it isolating egress and allow everything. Write the types out.
                var pinned = !ingress && result.Count == 0 && policy.DeclaredPolicyTypes is null ? policy with { DeclaredPolicyTypes = policy.Types } : policy;
                var narrowed = ingress ? pinned with { Ingress = result.ToValueArray() } : pinned with { Egress = result.ToValueArray() };
                if (precise && SplitOff(current, draft, policy, narrowed, subject, direction))
                {
                    continue;
                }

                if (IsolatesNothingNew(current, narrowed, direction))
                {
                    // Left with no rule, the policy would only isolate pods that other policies isolate already.
                    draft.Delete(policy);
                }
                else
                {
                    draft.Set(narrowed);
                }
            }
        }
    }

    /// <summary>Whether a policy has no rules left, applies to one direction only, and every workload it selects is isolated in that direction by some other policy.</summary>
    private static bool IsolatesNothingNew(ReachabilityMatrix current, NetworkPolicy policy, TrafficDirection direction)
    {
        var ingress = direction == TrafficDirection.Ingress;
        if (!(ingress ? policy.Ingress : policy.Egress).IsEmpty || policy.Types != (ingress ? PolicyTypes.Ingress : PolicyTypes.Egress))
        {
            return false;
        }

        var evaluator = current.Evaluator;
        return current.Workloads.Where(w => w.Namespace == policy.Namespace && policy.PodSelector.Matches(w.Labels))
            .All(w => evaluator.PoliciesSelecting(w, direction).Any(p => p.Id != policy.Id));
    }

    /// <summary>
    /// When <paramref name="policy"/> selects other workloads besides <paramref name="subject"/>, changes it for
    /// the subject alone: the policy stops selecting the subject (which the others do not notice) and a copy,
    /// selecting only the subject, holds the changed rules. False (nothing done) when the policy selects the
    /// subject alone, or no single stable label tells the subject apart.
    /// </summary>
    private static bool SplitOff(ReachabilityMatrix current, PolicyDraft draft, NetworkPolicy policy, NetworkPolicy narrowed, Workload subject, TrafficDirection direction)
    {
        var neighbours = current.Workloads.Where(w => w.Namespace == policy.Namespace).ToList();
        if (!neighbours.Any(w => w.Id != subject.Id && policy.PodSelector.Matches(w.Labels)))
        {
            return false;
        }

        var (own, also) = SelectorChooser.Exact(subject, neighbours);
        if (also.Count > 0 || own.MatchLabels.Count != 1 || !own.MatchExpressions.IsEmpty)
        {
            return false;
        }

        var (key, value) = own.MatchLabels.Single();
        var notIt = new LabelRequirement(key, SelectorOperator.NotIn, ValueArray.Create(value));
        draft.Set(policy with { PodSelector = policy.PodSelector with { MatchExpressions = policy.PodSelector.MatchExpressions.Append(notIt).ToValueArray() } });
        // A copy that would only isolate the subject where another policy isolates it already says nothing: left out.
        var ingress = direction == TrafficDirection.Ingress;
        var onlyThisDirection = narrowed.Types == (ingress ? PolicyTypes.Ingress : PolicyTypes.Egress);
        var empty = (ingress ? narrowed.Ingress : narrowed.Egress).IsEmpty;
        if (!(empty && onlyThisDirection && current.Evaluator.PoliciesSelecting(subject, direction).Any(p => p.Id != policy.Id)))
        {
            draft.Set(narrowed with { Name = draft.UniqueName(policy.Namespace, $"{policy.Name}-{subject.Name}"), PodSelector = own });
        }

        return true;
    }

    /// <summary>A rule that allowed <paramref name="peer"/> rewritten to allow it all it did except <paramref name="remove"/>, and everyone else exactly as before.</summary>
    private static IEnumerable<NetworkPolicyRule> SplitRule(ReachabilityMatrix current, NetworkPolicyRule rule, RuleMatcher compiled, Endpoint peer, ConnectionSet remove, ConnectionSet allowed, string policyNamespace, Workload? destination, List<string> warnings)
    {
        var namespaces = current.Evaluator.Namespaces;
        var others = new List<NetworkPolicyPeer>();
        var excluded = new List<NetworkPolicyPeer>();
        if (rule.Peers.IsEmpty)
        {
            excluded.AddRange(AllExcept(current, peer, policyNamespace, warnings));
        }
        else
        {
            for (var j = 0; j < rule.Peers.Count; j++)
            {
                if (!compiled.Peers[j].Matches(peer, namespaces))
                {
                    others.Add(rule.Peers[j]);
                    continue;
                }

                excluded.AddRange(Exclude(current, rule.Peers[j], compiled.Peers[j], peer, warnings));
            }
        }

        var kept = others.Concat(excluded).ToList();
        if (kept.Count > 0)
        {
            yield return rule with { Peers = kept.ToValueArray() };
        }

        var rest = allowed.Subtract(remove);
        if (!rest.IsEmpty)
        {
            yield return new NetworkPolicyRule(PeersFor(current, peer, policyNamespace, warnings).ToValueArray(), SelectorChooser.PortsFor(rest, destination));
        }
    }

    /// <summary>A peer's members except <paramref name="endpoint"/>, as peers (several when a negation needs De Morgan's law); none when the peer took in only the endpoint.</summary>
    private static IEnumerable<NetworkPolicyPeer> Exclude(ReachabilityMatrix current, NetworkPolicyPeer peer, PeerMatcher compiled, Endpoint endpoint, List<string> warnings)
    {
        switch (endpoint)
        {
            case WorkloadEndpoint w:
                {
                    var members = current.Membership.Members(compiled);
                    if (members.Length <= 1)
                    {
                        yield break;
                    }

                    var selector = ExactSelector(current, w.Workload, warnings);
                    foreach (var (key, value) in selector.MatchLabels)
                    {
                        var notIt = new LabelRequirement(key, SelectorOperator.NotIn, ValueArray.Create(value));
                        var pods = peer.PodSelector ?? LabelSelector.Everything;
                        yield return peer with { PodSelector = pods with { MatchExpressions = pods.MatchExpressions.Append(notIt).ToValueArray() } };
                    }

                    // Pods of the peer in other namespaces than the workload's stay as they were.
                    if (peer.NamespaceSelector is { } nsSelector)
                    {
                        var otherNamespaces = nsSelector with
                        {
                            MatchExpressions = nsSelector.MatchExpressions.Append(new LabelRequirement(Namespace.NameLabel, SelectorOperator.NotIn, ValueArray.Create(w.Workload.Namespace))).ToValueArray(),
                        };
                        yield return peer with { NamespaceSelector = otherNamespaces };
                    }

                    break;
                }

            case ExternalEndpoint e when peer.IpBlock is { } block:
                {
                    var holes = e.Range.ToCidrs().Select(Cidr.Parse).Where(c => block.Cidr.Range.Contains(c.Range) && c.PrefixLength > block.Cidr.PrefixLength).ToList();
                    if (holes.Count == 0)
                    {
                        yield break;
                    }

                    yield return peer with { IpBlock = block with { Except = block.Except.Concat(holes).Distinct().ToValueArray() } };
                    break;
                }

            case IngressControllerEndpoint:
                // Only a selector of every namespace admits the controller; one that lists them all by label does not.
                yield return peer with { NamespaceSelector = EveryNamedNamespace };
                break;
        }
    }

    private static readonly LabelSelector EveryNamedNamespace =
        new(LabelSet.Empty, ValueArray.Create(new LabelRequirement(Namespace.NameLabel, SelectorOperator.Exists, ValueArray<string>.Empty)));

    /// <summary>Peers that take in everything (every pod, every address) except <paramref name="endpoint"/>.</summary>
    private static List<NetworkPolicyPeer> AllExcept(ReachabilityMatrix current, Endpoint endpoint, string policyNamespace, List<string> warnings)
    {
        var everywhere = new List<NetworkPolicyPeer>
        {
            NetworkPolicyPeer.Addresses(new IpBlock(Cidr.Parse("0.0.0.0/0"), ValueArray<Cidr>.Empty)),
            NetworkPolicyPeer.Addresses(new IpBlock(Cidr.Parse("::/0"), ValueArray<Cidr>.Empty)),
        };
        switch (endpoint)
        {
            case WorkloadEndpoint w:
                {
                    var ns = w.Workload.Namespace;
                    var peers = new List<NetworkPolicyPeer>
                    {
                        NetworkPolicyPeer.Namespaces(new LabelSelector(LabelSet.Empty, ValueArray.Create(new LabelRequirement(Namespace.NameLabel, SelectorOperator.NotIn, ValueArray.Create(ns))))),
                    };
                    foreach (var (key, value) in ExactSelector(current, w.Workload, warnings).MatchLabels)
                    {
                        var notIt = new LabelSelector(LabelSet.Empty, ValueArray.Create(new LabelRequirement(key, SelectorOperator.NotIn, ValueArray.Create(value))));
                        peers.Add(ns == policyNamespace ? NetworkPolicyPeer.Pods(notIt) : NetworkPolicyPeer.PodsInNamespaces(NameSelector(ns), notIt));
                    }

                    return [.. peers, .. everywhere];
                }

            case ExternalEndpoint e:
                {
                    var family = e.Range.Family;
                    var whole = family == IpFamily.V4 ? Cidr.Parse("0.0.0.0/0") : Cidr.Parse("::/0");
                    var holes = e.Range.ToCidrs().Select(Cidr.Parse).Where(c => c.PrefixLength > 0).ToValueArray();
                    return
                    [
                        NetworkPolicyPeer.Namespaces(LabelSelector.Everything),
                        NetworkPolicyPeer.Addresses(new IpBlock(whole, holes)),
                        everywhere.First(p => p.IpBlock!.Cidr.Family != family),
                    ];
                }

            default:
                return [NetworkPolicyPeer.Namespaces(EveryNamedNamespace), .. everywhere];
        }
    }
}
