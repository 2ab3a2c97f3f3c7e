namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>The kinds of peer the policy view's palette adds to a NetworkPolicy.</summary>
public enum PeerKind
{
    /// <summary>Pods of the policy's namespace, by labels.</summary>
    Pods,

    /// <summary>Every pod of one namespace.</summary>
    Namespace,

    /// <summary>Pods, by labels, of one namespace.</summary>
    PodsInNamespace,

    /// <summary>An address range with exceptions.</summary>
    Cidr,
}
