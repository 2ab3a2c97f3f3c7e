using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// A policy of the program's ordered tiers (an admin policy, a ClusterNetworkPolicy, a vendor dialect's
/// policy) that applies to a workload: which policy, in words with its priority or order, in which tier,
/// and whether it has rules for each direction.
/// </summary>
public sealed record SelectingPolicy(PolicyKey Key, string Description, string Tier, bool HasIngressRules, bool HasEgressRules)
{
    /// <summary>Whether the policy isolates the workload for ingress (what no rule allows is then denied).</summary>
    public bool IsolatesIngress { get; init; }

    /// <summary>Whether the policy isolates the workload for egress.</summary>
    public bool IsolatesEgress { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Description} ({Tier})";
}
