using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// One entry of a rule's <c>from</c> or <c>to</c>: either an ipBlock, or pods chosen by a podSelector
/// (in the policy's namespace), a namespaceSelector (all pods of those namespaces), or both in the
/// same entry (pods matching podSelector inside namespaces matching namespaceSelector: an AND).
/// </summary>
public sealed record NetworkPolicyPeer(LabelSelector? PodSelector, LabelSelector? NamespaceSelector, IpBlock? IpBlock)
{
    /// <summary>A peer of pods in the policy's own namespace.</summary>
    public static NetworkPolicyPeer Pods(LabelSelector podSelector) => new(podSelector, null, null);

    /// <summary>A peer of all pods in the selected namespaces.</summary>
    public static NetworkPolicyPeer Namespaces(LabelSelector namespaceSelector) => new(null, namespaceSelector, null);

    /// <summary>A peer of the selected pods in the selected namespaces (one entry, AND).</summary>
    public static NetworkPolicyPeer PodsInNamespaces(LabelSelector namespaceSelector, LabelSelector podSelector) => new(podSelector, namespaceSelector, null);

    /// <summary>A peer of addresses.</summary>
    public static NetworkPolicyPeer Addresses(IpBlock block) => new(null, null, block);

    /// <inheritdoc />
    public override string ToString()
    {
        if (IpBlock is not null)
        {
            return $"ipBlock {IpBlock}";
        }

        return (PodSelector, NamespaceSelector) switch
        {
            (not null, null) => $"pods [{PodSelector}] in the policy's namespace",
            (null, not null) => $"all pods in namespaces [{NamespaceSelector}]",
            (not null, not null) => $"pods [{PodSelector}] in namespaces [{NamespaceSelector}]",
            _ => "nothing",
        };
    }
}
