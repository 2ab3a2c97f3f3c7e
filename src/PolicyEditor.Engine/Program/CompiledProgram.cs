using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>A program rule compiled: its action, its peers and ports as the evaluator matches them, and how explanations name it.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(CompiledPolicy policy, ProgramRule rule, TrafficDirection direction, RuleMatcher matcher)
    {
        Policy = policy;
        Rule = rule;
        Direction = direction;
        Matcher = matcher;
    }

    public CompiledPolicy Policy { get; }

    public ProgramRule Rule { get; }

    public TrafficDirection Direction { get; }

    public RuleAction Action => Rule.Action;

    public RuleMatcher Matcher { get; }

    /// <summary>The rule named for explanations: tier, policy (kind, name, priority or order), rule number and name, action.</summary>
    public RuleReference Reference
    {
        get
        {
            var p = Policy.Source;
            var name = Rule.Name is { Length: > 0 } n ? $"rule '{n}'" : $"{Direction.ToString().ToLowerInvariant()} rule {Rule.Number}";
            return new RuleReference(p.Source.Kind, PolicyName(p.Source), Direction, Rule.Number, Rule.Name,
                p.ShownOrder is double o ? (int)o : null, $"{name} of {p.Description}{(p.Placement is { } at ? $" ({at})" : string.Empty)}: {Rule.Text}")
            {
                Tier = Policy.Tier.Description,
                Key = p.Source,
                Placement = p.Placement,
                Action = Rule.Action,
            };
        }
    }

    internal static string PolicyName(PolicyKey key) => key.Namespace is null ? key.Name : $"{key.Namespace}/{key.Name}";
}

/// <summary>A program policy compiled.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(ProgramTier tier, ProgramPolicy source, Func<ProgramPeer, PeerMatcher[]> peers, Func<ProgramPorts, PortsMatcher> ports)
    {
        Tier = tier;
        Source = source;
        Ingress = Compile(source.Ingress, TrafficDirection.Ingress, peers, ports);
        Egress = Compile(source.Egress, TrafficDirection.Egress, peers, ports);
    }

    public ProgramTier Tier { get; }

    public ProgramPolicy Source { get; }

    public WorkloadSelector Subject => Source.Subject;

    public CompiledRule[] Ingress { get; }

    public CompiledRule[] Egress { get; }

    public CompiledRule[] Rules(TrafficDirection direction) => direction == TrafficDirection.Ingress ? Ingress : Egress;

    public bool Isolates(TrafficDirection direction) => direction == TrafficDirection.Ingress ? Source.IsolatesIngress : Source.IsolatesEgress;

    public bool Selects(Workload workload, LabelSet namespaceLabels) => Source.Subject.Matches(workload, namespaceLabels);

    private CompiledRule[] Compile(ValueArray<ProgramRule> rules, TrafficDirection direction, Func<ProgramPeer, PeerMatcher[]> peers, Func<ProgramPorts, PortsMatcher> ports)
    {
        var result = new CompiledRule[rules.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var rule = rules[i];
            var matchers = Matchers(rule.Peers, peers);
            // A rule whose peers were all written but none can be matched matches nothing, not everything.
            var matcher = new RuleMatcher(i, matchers.Length == 0 && !rule.Peers.IsEmpty ? [peers(ProgramPeer.Nothing("nothing"))[0]] : matchers, ports(rule.Ports));
            result[i] = new CompiledRule(this, rule, direction, matcher);
        }

        return result;
    }

    /// <summary>The matchers of every peer of a rule, in order (of its one peer: the compiled peer's own array).</summary>
    private static PeerMatcher[] Matchers(ValueArray<ProgramPeer> rulePeers, Func<ProgramPeer, PeerMatcher[]> peers)
    {
        if (rulePeers.Count == 1)
        {
            return peers(rulePeers[0]);
        }

        var matchers = new List<PeerMatcher>(rulePeers.Count);
        foreach (var peer in rulePeers)
        {
            matchers.AddRange(peers(peer));
        }

        return [.. matchers];
    }
}

/// <summary>A tier compiled: its policies in order, and where NetworkPolicies run inside it when it is their tier.</summary>
internal sealed class CompiledTier
{
    public CompiledTier(ProgramTier tier, CompiledPolicy[] policies, bool hostsNetworkPolicies)
    {
        Tier = tier;
        Policies = policies;
        HostsNetworkPolicies = hostsNetworkPolicies;
        NetworkPolicySlot = hostsNetworkPolicies ? policies.Count(p => p.Source.Order < ProgramTier.NetworkPolicyOrder) : -1;
    }

    public ProgramTier Tier { get; }

    /// <summary>The tier's policies (NetworkPolicies aside) in evaluation order.</summary>
    public CompiledPolicy[] Policies { get; }

    /// <summary>True for the tier NetworkPolicies belong to.</summary>
    public bool HostsNetworkPolicies { get; }

    /// <summary>How many of <see cref="Policies"/> run before the NetworkPolicies (-1: none run here).</summary>
    public int NetworkPolicySlot { get; }
}
