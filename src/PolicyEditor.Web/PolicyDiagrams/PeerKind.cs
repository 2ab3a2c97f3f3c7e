namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>The kinds of peer the policy view's palette adds (each dialect takes some of them: <see cref="PolicyDiagram.PeerKinds"/>).</summary>
public enum PeerKind
{
    /// <summary>Pods (workloads) of the policy's namespace, by labels.</summary>
    Pods,

    /// <summary>Every pod of one namespace.</summary>
    Namespace,

    /// <summary>Pods, by labels, of one namespace.</summary>
    PodsInNamespace,

    /// <summary>An address range with exceptions (Calico: nets and notNets).</summary>
    Cidr,

    /// <summary>Calico: NetworkSets chosen by their labels (of one namespace, or the global ones).</summary>
    NetworkSet,

    /// <summary>Calico: the endpoints running as a service account.</summary>
    ServiceAccount,

    /// <summary>Cilium: an entity (<c>world</c>, <c>cluster</c>, <c>host</c>, <c>kube-apiserver</c>...).</summary>
    Entity,

    /// <summary>Cilium: a DNS name or pattern (<c>toFQDNs</c>), egress only.</summary>
    DnsName,
}
