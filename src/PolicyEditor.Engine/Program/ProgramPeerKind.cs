namespace PolicyEditor.Engine.Program;

/// <summary>What a <see cref="ProgramPeer"/> names, as its policy wrote it: for views that draw each kind of peer its own way.</summary>
public enum ProgramPeerKind
{
    /// <summary>Workloads chosen by selectors (pods, namespaces, service accounts, services).</summary>
    Workloads,

    /// <summary>Address ranges (a CIDR, an ipBlock, admin <c>networks</c>, Calico <c>nets</c>).</summary>
    Addresses,

    /// <summary>A named entity of the dialect (Cilium's <c>world</c>, <c>host</c>, <c>kube-apiserver</c>...).</summary>
    Entity,

    /// <summary>DNS names (Cilium's <c>toFQDNs</c>).</summary>
    DnsNames,

    /// <summary>Something this model cannot match (nodes, an empty rule), kept to be named.</summary>
    Unmatched,
}
