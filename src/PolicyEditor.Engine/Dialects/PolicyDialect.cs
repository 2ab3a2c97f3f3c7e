namespace PolicyEditor.Engine.Dialects;

/// <summary>The policy language a workspace writes its policies in, and new policies are proposed in.</summary>
public enum PolicyDialect
{
    /// <summary>Kubernetes NetworkPolicy (networking.k8s.io/v1).</summary>
    NetworkPolicy,

    /// <summary>Calico's projectcalico.org/v3 NetworkPolicy.</summary>
    Calico,

    /// <summary>Cilium's cilium.io/v2 CiliumNetworkPolicy.</summary>
    Cilium,
}

/// <summary>Words for <see cref="PolicyDialect"/> in the UI and the command line.</summary>
public static class PolicyDialects
{
    /// <summary>The kind of policy the dialect writes, as its manifests name it.</summary>
    public static string Describe(this PolicyDialect dialect) => dialect switch
    {
        PolicyDialect.Calico => "Calico NetworkPolicy",
        PolicyDialect.Cilium => "CiliumNetworkPolicy",
        _ => "NetworkPolicy",
    };
}
