using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>A compiled admin policy rule with the policy it belongs to.</summary>
internal sealed class AdminRuleMatcher
{
    public AdminRuleMatcher(AdminPolicyMatcher policy, AdminRule rule, int index, CompilationCache cache)
    {
        Policy = policy;
        Rule = rule;
        Index = index;
        Matcher = new RuleMatcher(index, [.. rule.Peers.Select(p => PeerMatcher.From(p, cache.NextPeerId()))], PortsMatcher.FromAdminPolicy(rule.Ports));
    }

    /// <summary>The admin policy.</summary>
    public AdminPolicyMatcher Policy { get; }

    /// <summary>The rule as written.</summary>
    public AdminRule Rule { get; }

    /// <summary>Position in the policy's rule list, from 0.</summary>
    public int Index { get; }

    /// <summary>The action.</summary>
    public AdminAction Action => Rule.Action;

    /// <summary>Peers and ports.</summary>
    public RuleMatcher Matcher { get; }

    /// <summary>The rule named for explanations.</summary>
    public RuleReference Reference(TrafficDirection direction)
    {
        var word = direction == TrafficDirection.Ingress ? "from" : "to";
        var ports = Rule.Ports.IsEmpty ? "on any port" : $"on {string.Join(", ", Rule.Ports)}";
        var text = $"{Describe()}: {Rule.Action} {word} {string.Join(" or ", Rule.Peers)} {ports}";
        return new RuleReference(
            Policy.IsBaseline ? "BaselineAdminNetworkPolicy" : "AdminNetworkPolicy",
            Policy.Name, direction, Index + 1, Rule.Name, Policy.IsBaseline ? null : Policy.Priority, text);
    }

    /// <summary>The rule in words: policy, priority and rule name.</summary>
    public string Describe() => Policy.IsBaseline
        ? $"rule '{Rule.Name}' of BaselineAdminNetworkPolicy {Policy.Name}"
        : $"rule '{Rule.Name}' of AdminNetworkPolicy {Policy.Name} (priority {Policy.Priority})";
}
