namespace PolicyEditor.Engine.Model;

/// <summary>The tier a ClusterNetworkPolicy is evaluated in.</summary>
public enum ClusterNetworkPolicyTier
{
    /// <summary>Before NetworkPolicies: its Accept and Deny cannot be overridden.</summary>
    Admin,

    /// <summary>After NetworkPolicies, for pods they do not select.</summary>
    Baseline,
}

/// <summary>
/// A policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy: a cluster-scoped policy in the Admin or
/// Baseline tier, evaluated within its tier by ascending <see cref="Priority"/> (0-1000), rules in the
/// order written, the first rule that matches deciding (Accept, Deny, or Pass to the next tier). Rules
/// reuse the admin records: <see cref="AdminAction.Allow"/> is written <c>Accept</c>, and each rule's
/// ports are its <c>protocols</c>.
/// </summary>
public sealed record ClusterNetworkPolicy(
    string Name,
    ClusterNetworkPolicyTier Tier,
    int Priority,
    AdminSubject Subject,
    ValueArray<AdminRule> Ingress,
    ValueArray<AdminRule> Egress) : IPolicyResource
{
    /// <summary>The highest priority value the API accepts (0 is the lowest).</summary>
    public const int MaxPriority = 1000;

    /// <inheritdoc />
    public string Kind => nameof(ClusterNetworkPolicy);

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"ClusterNetworkPolicy {Name} ({Tier} tier, priority {Priority})";
}
