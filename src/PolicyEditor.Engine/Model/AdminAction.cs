namespace PolicyEditor.Engine.Model;

/// <summary>What an AdminNetworkPolicy or BaselineAdminNetworkPolicy rule does with the traffic it matches.</summary>
public enum AdminAction
{
    /// <summary>Allow, and stop evaluating.</summary>
    Allow,

    /// <summary>Deny, and stop evaluating.</summary>
    Deny,

    /// <summary>Skip the remaining admin rules and let NetworkPolicies (then the baseline) decide. AdminNetworkPolicy only.</summary>
    Pass,
}
