namespace PolicyEditor.Engine.Program;

/// <summary>
/// A tier of the program: tiers run in ascending <see cref="Order"/> (ties by name); within a tier the
/// first matching rule of its policies decides, and traffic of an endpoint that a policy of the tier
/// selects and no rule decided gets <see cref="DefaultAction"/>.
/// </summary>
public sealed record ProgramTier(string Name, double Order, TierDefault DefaultAction, string Description)
{
    /// <summary>AdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy in the Admin tier (v1alpha2); Calico's order for it.</summary>
    public static readonly ProgramTier Admin = new("admin", 1_000, TierDefault.Pass, "Admin tier");

    /// <summary>NetworkPolicies (and the vendor dialects' policies of their default tier): isolation, deny by default.</summary>
    public static readonly ProgramTier Default = new("default", 1_000_000, TierDefault.Deny, "NetworkPolicy tier");

    /// <summary>ClusterNetworkPolicy in the Baseline tier and the BaselineAdminNetworkPolicy.</summary>
    public static readonly ProgramTier Baseline = new("baseline", 10_000_000, TierDefault.Pass, "Baseline tier");

    /// <summary>The order NetworkPolicies have inside the default tier (Calico gives them 1000).</summary>
    public const double NetworkPolicyOrder = 1_000;

    /// <inheritdoc />
    public override string ToString() => Description;
}
