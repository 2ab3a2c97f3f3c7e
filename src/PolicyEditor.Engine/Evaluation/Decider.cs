namespace PolicyEditor.Engine.Evaluation;

/// <summary>Which layer decided one side of a connection.</summary>
public enum Decider
{
    /// <summary>The side is outside the cluster (or the ingress controller): no policy applies to it.</summary>
    NotApplicable,

    /// <summary>An AdminNetworkPolicy rule (Allow or Deny).</summary>
    AdminNetworkPolicy,

    /// <summary>NetworkPolicies selecting the pod.</summary>
    NetworkPolicy,

    /// <summary>A BaselineAdminNetworkPolicy rule.</summary>
    BaselineAdminNetworkPolicy,

    /// <summary>A rule or the default of another tier of the policy program (a ClusterNetworkPolicy, a vendor dialect's tier).</summary>
    Tier,

    /// <summary>Nothing selects the pod in this direction: Kubernetes allows by default.</summary>
    Default,
}
