namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// The Cilium agent's policy enforcement mode (<c>enable-policy</c> in the <c>cilium-config</c> ConfigMap,
/// Helm's <c>policyEnforcementMode</c>), as docs.cilium.io/en/stable/security/policy/intro/ describes it.
/// </summary>
public enum CiliumEnforcementMode
{
    /// <summary>An endpoint allows everything until a rule selects it for a direction; then only what is allowed.</summary>
    Default,

    /// <summary>Every endpoint is in default deny in both directions, selected by a rule or not.</summary>
    Always,

    /// <summary>No endpoint enforces policy: every rule, deny or allow, Cilium's or a NetworkPolicy, decides nothing.</summary>
    Never,
}
