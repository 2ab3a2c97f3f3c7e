namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>How a node of the policy view is drawn: the subject, or the kind of peer it stands for.</summary>
public enum DiagramNodeShape
{
    /// <summary>The workloads the policy applies to (the centre).</summary>
    Subject,

    /// <summary>Pods chosen by labels (in the policy's namespace, or in chosen namespaces).</summary>
    Pods,

    /// <summary>Every pod of the namespaces a selector chooses.</summary>
    Namespaces,

    /// <summary>Every peer: a rule without peers.</summary>
    AnyPeer,

    /// <summary>An address range, with its exceptions.</summary>
    Cidr,

    /// <summary>A named entity of the dialect (Cilium's <c>world</c>, <c>host</c>...).</summary>
    Entity,

    /// <summary>DNS names.</summary>
    DnsName,

    /// <summary>A peer this model cannot match (nodes, an empty rule).</summary>
    Unmatched,

    /// <summary>A peer being written: the editor of a new peer (or of a peer's new version) inside the diagram.</summary>
    New,

    /// <summary>No peer at all: the policy isolates a direction and lets nothing in (or out).</summary>
    Nothing,
}
