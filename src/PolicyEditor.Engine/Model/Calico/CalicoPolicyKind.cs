namespace PolicyEditor.Engine.Model.Calico;

/// <summary>The Calico policy kinds with rules.</summary>
public enum CalicoPolicyKind
{
    /// <summary>projectcalico.org/v3 NetworkPolicy (namespaced).</summary>
    NetworkPolicy,

    /// <summary>GlobalNetworkPolicy (cluster-wide).</summary>
    GlobalNetworkPolicy,

    /// <summary>StagedNetworkPolicy: a NetworkPolicy not yet enforced.</summary>
    StagedNetworkPolicy,

    /// <summary>StagedGlobalNetworkPolicy: a GlobalNetworkPolicy not yet enforced.</summary>
    StagedGlobalNetworkPolicy,
}
