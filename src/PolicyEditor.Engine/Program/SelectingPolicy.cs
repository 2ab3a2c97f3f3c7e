using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// A policy of the program's ordered tiers (an admin policy, a ClusterNetworkPolicy, a vendor dialect's
/// policy) that applies to a workload: which policy, in words with its priority or order, in which tier,
/// and whether it has rules for each direction.
/// </summary>
public sealed record SelectingPolicy(PolicyKey Key, string Description, string Tier, bool HasIngressRules, bool HasEgressRules)
{
    /// <inheritdoc />
    public override string ToString() => $"{Description} ({Tier})";
}
