using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// Every policy of a cluster, of every dialect, compiled into one ordered program: tiers in order; in
/// each tier, policies in order; in each policy, rules with an action. One side of a connection (the
/// source's egress or the destination's ingress) is decided by one walk over it (<see cref="Walk"/>):
/// evaluation, the matrix rows and explanations all call that walk.
/// NetworkPolicies run in the default tier, where their allow rules are taken together (for rules that
/// only allow, the first match and the union are the same), compiled by the evaluator so that an edit
/// of one recompiles only it.
/// </summary>
internal sealed class PolicyProgram
{
    private PolicyProgram(CompiledTier[] tiers, ProgramMemo memo)
    {
        Tiers = tiers;
        Memo = memo;
        Policies = [.. tiers.SelectMany(t => t.Policies)];
        DefaultTier = tiers.FirstOrDefault(t => t.HostsNetworkPolicies);
    }

    /// <summary>The tiers in order.</summary>
    public CompiledTier[] Tiers { get; }

    /// <summary>Every policy of every tier (NetworkPolicies aside), in program order.</summary>
    public CompiledPolicy[] Policies { get; }

    /// <summary>The tier NetworkPolicies run in.</summary>
    public CompiledTier? DefaultTier { get; }

    /// <summary>What the dialects kept of this compile for the next one (<see cref="ProgramBuilder.Reuse"/>).</summary>
    internal ProgramMemo Memo { get; }

    private Dictionary<CompiledPolicy, int>? _indexOf;
    private bool? _hasNamedPorts;

    // A policy whose subject lies in one namespace is asked only about that namespace's workloads (a thousand namespaced Calico policies).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CompiledPolicy[]> _candidatesIn = new(StringComparer.Ordinal);
    private NamespaceIndex? _byNamespace;

    /// <summary>The place of each policy in <see cref="Policies"/> (read only).</summary>
    internal Dictionary<CompiledPolicy, int> IndexOf => LazyInitializer.EnsureInitialized(ref _indexOf, () =>
    {
        var index = new Dictionary<CompiledPolicy, int>(Policies.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < Policies.Length; i++)
        {
            index[Policies[i]] = i;
        }

        return index;
    });

    /// <summary>Whether a rule names ports by name (resolved against each destination).</summary>
    internal bool HasNamedPorts => _hasNamedPorts ??= Policies.Any(p => p.Ingress.Concat(p.Egress).Any(r => !r.Matcher.Ports.IsFixed));

    /// <summary>
    /// Compiles every dialect's policies of <paramref name="cluster"/>. Given the <paramref name="previous"/> program
    /// compiled with the same <paramref name="cache"/> (an edit's), the parts of the dialects that the edit left alone
    /// are not compiled again: their policies are the same objects, and keep their compiled form. Parts that an earlier
    /// compile made of the same objects come from <paramref name="kept"/> (by default every evaluator's), compiled for this
    /// <paramref name="cache"/> anew.
    /// </summary>
    public static PolicyProgram Compile(
        Cluster cluster, CompilationCache cache, List<EngineDiagnostic> diagnostics, IEnumerable<IPolicyDialect>? dialects = null, PolicyProgram? previous = null, KeptParts? kept = null)
    {
        var builder = new ProgramBuilder(diagnostics, previous?.Memo, kept);
        foreach (var dialect in dialects ?? PolicyDialects.All)
        {
            dialect.Compile(cluster, builder);
        }

        var compiled = new Dictionary<ProgramPolicy, CompiledPolicy>(ReferenceEqualityComparer.Instance);
        foreach (var policy in previous?.Policies ?? [])
        {
            compiled.TryAdd(policy.Source, policy);
        }

        CompiledPolicy Compiled(ProgramTier tier, ProgramPolicy policy) =>
            compiled.TryGetValue(policy, out var done) && done.Tier == tier ? done : new CompiledPolicy(tier, policy, cache.Peers, cache.Ports);

        var tiers = builder.Build()
            .Select(t => new CompiledTier(t.Tier, [.. t.Policies.Select(p => Compiled(t.Tier, p))], t.Tier == ProgramTier.Default))
            .ToArray();
        return new PolicyProgram(tiers, builder.Memo);
    }

    /// <summary>
    /// Walks the program for one side: <paramref name="subject"/>'s traffic in <paramref name="direction"/>
    /// with <paramref name="peer"/>, given what the NetworkPolicies selecting it allow
    /// (<paramref name="networkPolicyAllowed"/>, when <paramref name="isolated"/>). In each tier the first
    /// matching rule decides each part of the traffic still undecided: Allow and Deny end the walk for it,
    /// Pass sends it on to the next tier, Log decides nothing; what no rule of a tier decided gets the tier's
    /// default when a policy of the tier selects the subject (NetworkPolicy isolation is the default tier's
    /// deny). What no tier decided is allowed. Every step is added to <paramref name="trace"/> when given.
    /// </summary>
    public ConnectionSet Walk(
        Workload subject, LabelSet namespaceLabels, Endpoint peer, TrafficDirection direction, NamespaceDirectory namespaces,
        bool isolated, ConnectionSet networkPolicyAllowed, List<ProgramStep>? trace = null) =>
        Walk(Tiers, true, subject, namespaceLabels, peer, direction, namespaces, isolated, networkPolicyAllowed, trace);

    /// <summary>The policies of every tier (NetworkPolicies aside) that select <paramref name="subject"/>, in program order: the one place that asks.</summary>
    public CompiledPolicy[] Selecting(Workload subject, LabelSet namespaceLabels) =>
        Array.FindAll(_candidatesIn.GetOrAdd(subject.Namespace, CandidatesIn), p => p.Selects(subject, namespaceLabels));

    /// <summary>The policies that can select a workload of namespace <paramref name="ns"/>, in program order.</summary>
    private CompiledPolicy[] CandidatesIn(string ns)
    {
        var index = LazyInitializer.EnsureInitialized(ref _byNamespace, () =>
        {
            var result = new NamespaceIndex([], new Dictionary<string, List<int>>(StringComparer.Ordinal));
            for (var i = 0; i < Policies.Length; i++)
            {
                if (Policies[i].Source.Subject.OwnNamespace is { } own)
                {
                    (result.Own.TryGetValue(own, out var list) ? list : result.Own[own] = []).Add(i);
                }
                else
                {
                    result.Any.Add(i);
                }
            }

            return result;
        });
        return [.. index.Any.Concat(index.Own.GetValueOrDefault(ns) ?? []).Order().Select(i => Policies[i])];
    }

    /// <summary>The places (in <see cref="Policies"/>) of the policies whose subject may lie in any namespace, and of those in one, by namespace.</summary>
    private sealed record NamespaceIndex(List<int> Any, Dictionary<string, List<int>> Own);

    /// <summary>
    /// The program as it stands for one subject: each tier with only the policies that select the subject
    /// (<paramref name="selecting"/>, in program order; tiers left empty dropped, the NetworkPolicy tier kept).
    /// A row of the matrix walks this many times, once per peer group, without asking every policy again
    /// whether it selects the subject.
    /// </summary>
    public CompiledTier[] For(IReadOnlyList<CompiledPolicy> selecting)
    {
        var result = new List<CompiledTier>(Tiers.Length);
        var next = 0;
        foreach (var tier in Tiers)
        {
            var start = next;
            while (next < selecting.Count && selecting[next].Tier == tier.Tier)
            {
                next++;
            }

            var count = next - start;
            if (count > 0 || tier.HostsNetworkPolicies)
            {
                result.Add(count == tier.Policies.Length ? tier : new CompiledTier(tier.Tier, [.. selecting.Skip(start).Take(count)], tier.HostsNetworkPolicies));
            }
        }

        return [.. result];
    }

    /// <summary>The walk over tiers already narrowed to the subject's policies (<see cref="For"/>).</summary>
    public ConnectionSet WalkSelected(
        CompiledTier[] tiers, Workload subject, Endpoint peer, TrafficDirection direction, NamespaceDirectory namespaces,
        bool isolated, ConnectionSet networkPolicyAllowed, List<ProgramStep>? trace = null) =>
        Walk(tiers, false, subject, LabelSet.Empty, peer, direction, namespaces, isolated, networkPolicyAllowed, trace);

    /// <summary>
    /// <see cref="WalkSelected"/> with its set algebra remembered in <paramref name="sets"/>: a matrix walks the same rules'
    /// ports against the same undecided connections thousands of times.
    /// </summary>
    public ConnectionSet WalkSelected(
        CompiledTier[] tiers, Workload subject, Endpoint peer, TrafficDirection direction, NamespaceDirectory namespaces,
        bool isolated, ConnectionSet networkPolicyAllowed, Reachability.UnionCache sets) =>
        Walk(tiers, false, subject, LabelSet.Empty, peer, direction, namespaces, isolated, networkPolicyAllowed, null, sets);

    private static ConnectionSet Walk(
        CompiledTier[] tiers, bool checkSubject, Workload subject, LabelSet namespaceLabels, Endpoint peer, TrafficDirection direction, NamespaceDirectory namespaces,
        bool isolated, ConnectionSet networkPolicyAllowed, List<ProgramStep>? trace, Reachability.UnionCache? sets = null)
    {
        ConnectionSet Union(ConnectionSet a, ConnectionSet b) => sets is null ? a.Union(b) : sets.Union(a, b);
        ConnectionSet Intersect(ConnectionSet a, ConnectionSet b) => sets is null ? a.Intersect(b) : sets.Intersect(a, b);
        ConnectionSet Subtract(ConnectionSet a, ConnectionSet b) => sets is null ? a.Subtract(b) : sets.Subtract(a, b);

        var destination = direction == TrafficDirection.Ingress ? subject : peer switch { WorkloadEndpoint w => w.Workload, HostEndpoint h => h.AsWorkload, _ => null };
        var undecided = ConnectionSet.All;
        var allowed = ConnectionSet.None;
        foreach (var tier in tiers)
        {
            var passed = ConnectionSet.None;
            var selected = false;
            var policies = tier.Policies;
            for (var i = 0; i <= policies.Length; i++)
            {
                if (i == tier.NetworkPolicySlot && isolated)
                {
                    selected = true;
                    var c = Intersect(networkPolicyAllowed, undecided);
                    trace?.Add(new ProgramStep(StepKind.NetworkPolicies, tier.Tier.Description, null, RuleAction.Allow, networkPolicyAllowed, c));
                    allowed = Union(allowed, c);
                    undecided = Subtract(undecided, c);
                }

                if (i == policies.Length)
                {
                    break;
                }

                var policy = policies[i];
                if (checkSubject && !policy.Selects(subject, namespaceLabels))
                {
                    continue;
                }

                selected |= policy.Isolates(direction);
                foreach (var rule in policy.Rules(direction))
                {
                    if (undecided.IsEmpty && trace is null)
                    {
                        break;
                    }

                    if (!rule.Matcher.Matches(peer, namespaces))
                    {
                        continue;
                    }

                    var ports = rule.Matcher.Ports.Resolve(destination);
                    var c = Intersect(ports, undecided);
                    trace?.Add(new ProgramStep(StepKind.Rule, tier.Tier.Description, rule.Reference, rule.Action, ports, rule.Action == RuleAction.Log ? ConnectionSet.None : c));
                    if (c.IsEmpty)
                    {
                        continue;
                    }

                    switch (rule.Action)
                    {
                        case RuleAction.Allow:
                            allowed = Union(allowed, c);
                            undecided = Subtract(undecided, c);
                            break;
                        case RuleAction.Deny:
                            undecided = Subtract(undecided, c);
                            break;
                        case RuleAction.Pass:
                            passed = Union(passed, c);
                            undecided = Subtract(undecided, c);
                            break;
                    }
                }
            }

            if (selected && tier.Tier.DefaultAction == TierDefault.Deny)
            {
                trace?.Add(new ProgramStep(StepKind.TierDefault, tier.Tier.Description, null, RuleAction.Deny, ConnectionSet.All, undecided));
                undecided = ConnectionSet.None;
            }

            undecided = Union(undecided, passed);
            if (undecided.IsEmpty && trace is null)
            {
                return allowed;
            }
        }

        trace?.Add(new ProgramStep(StepKind.ProgramDefault, "end of the program", null, RuleAction.Allow, ConnectionSet.All, undecided));
        return Union(allowed, undecided);
    }
}
