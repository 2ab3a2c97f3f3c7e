using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>A NetworkPolicy compiled for evaluation.</summary>
internal sealed class NetworkPolicyMatcher
{
    public NetworkPolicyMatcher(NetworkPolicy policy, CompilationCache cache)
    {
        Policy = policy;
        Subject = cache.Subject(policy.Namespace, policy.PodSelector);
        Ingress = policy.AffectsIngress ? Compile(policy.Ingress, policy.Namespace, cache) : [];
        Egress = policy.AffectsEgress ? Compile(policy.Egress, policy.Namespace, cache) : [];
    }

    /// <summary>The policy.</summary>
    public NetworkPolicy Policy { get; }

    /// <summary>The pods the policy selects, compiled as a peer: policies with equal selectors in a namespace share it (and its members).</summary>
    public PeerMatcher Subject { get; }

    /// <summary>Ingress rules (empty when the policy does not isolate ingress: its ingress rules then have no effect).</summary>
    public RuleMatcher[] Ingress { get; }

    /// <summary>Egress rules (empty when the policy does not isolate egress).</summary>
    public RuleMatcher[] Egress { get; }

    /// <summary>The rules of a direction.</summary>
    public RuleMatcher[] Rules(TrafficDirection direction) => direction == TrafficDirection.Ingress ? Ingress : Egress;

    /// <summary>Whether the policy isolates its pods in a direction.</summary>
    public bool Affects(TrafficDirection direction) => direction == TrafficDirection.Ingress ? Policy.AffectsIngress : Policy.AffectsEgress;

    /// <summary>Whether the policy selects the workload (same namespace, pod selector matches).</summary>
    public bool Selects(Workload workload) =>
        string.Equals(workload.Namespace, Policy.Namespace, StringComparison.Ordinal) && Policy.PodSelector.Matches(workload.Labels);

    /// <summary>A rule of the policy, named for explanations.</summary>
    public RuleReference Reference(TrafficDirection direction, int ruleIndex)
    {
        var rule = direction == TrafficDirection.Ingress ? Policy.Ingress[ruleIndex] : Policy.Egress[ruleIndex];
        var word = direction == TrafficDirection.Ingress ? "from" : "to";
        var peers = rule.Peers.IsEmpty ? $"{word} anywhere" : $"{word} {string.Join(" or ", rule.Peers)}";
        var ports = rule.Ports.IsEmpty ? "on any port" : $"on {string.Join(", ", rule.Ports)}";
        var text = $"{direction.ToString().ToLowerInvariant()} rule {ruleIndex + 1} of NetworkPolicy {Policy.Id} ({peers}; {ports})";
        return new RuleReference("NetworkPolicy", Policy.Id, direction, ruleIndex + 1, null, null, text);
    }

    private static RuleMatcher[] Compile(ValueArray<NetworkPolicyRule> rules, string ns, CompilationCache cache)
    {
        var compiled = new RuleMatcher[rules.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            var rule = rules[i];
            var peers = new PeerMatcher[rule.Peers.Count];
            for (var j = 0; j < peers.Length; j++)
            {
                peers[j] = cache.Peer(rule.Peers[j], ns);
            }

            compiled[i] = new RuleMatcher(i, peers, cache.Ports(rule.Ports));
        }

        return compiled;
    }
}
