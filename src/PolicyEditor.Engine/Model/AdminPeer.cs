using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// A peer of an admin policy rule: all pods of selected namespaces, selected pods of selected
/// namespaces, external networks (egress only), nodes (egress only; this model has no nodes, so a
/// nodes peer matches nothing and the loader says so), or a ClusterNetworkPolicy's domain names (egress
/// only; names resolve outside the manifests, so such a peer matches nothing either).
/// </summary>
public sealed record AdminPeer(LabelSelector? Namespaces, LabelSelector? PodNamespaceSelector, LabelSelector? PodSelector, ValueArray<Cidr> Networks, LabelSelector? Nodes)
{
    /// <summary>All pods of the selected namespaces.</summary>
    public static AdminPeer OfNamespaces(LabelSelector namespaces) => new(namespaces, null, null, ValueArray<Cidr>.Empty, null);

    /// <summary>Selected pods of selected namespaces.</summary>
    public static AdminPeer OfPods(LabelSelector namespaceSelector, LabelSelector podSelector) => new(null, namespaceSelector, podSelector, ValueArray<Cidr>.Empty, null);

    /// <summary>External networks.</summary>
    public static AdminPeer OfNetworks(params Cidr[] networks) => new(null, null, null, networks, null);

    /// <summary>The domain names of a ClusterNetworkPolicy <c>domainNames</c> peer (empty for every other peer).</summary>
    public ValueArray<string> DomainNames { get; init; } = ValueArray<string>.Empty;

    /// <summary>A ClusterNetworkPolicy peer of domain names.</summary>
    public static AdminPeer OfDomainNames(params string[] names) => new(null, null, null, ValueArray<Cidr>.Empty, null) { DomainNames = names };

    /// <summary>True when the peer chooses pods (rather than networks or nodes).</summary>
    public bool IsPods => Namespaces is not null || PodSelector is not null;

    /// <summary>Whether a pod with these labels in a namespace with these labels is the peer.</summary>
    public bool MatchesPod(LabelSet namespaceLabels, LabelSet podLabels) =>
        Namespaces is not null
            ? Namespaces.Matches(namespaceLabels)
            : PodNamespaceSelector is not null && PodSelector is not null && PodNamespaceSelector.Matches(namespaceLabels) && PodSelector.Matches(podLabels);

    /// <summary>The addresses of a networks peer (empty for pod peers).</summary>
    public AddressSet Addresses => AddressSet.FromRanges(Networks.Select(n => n.Range));

    /// <inheritdoc />
    public override string ToString()
    {
        if (Namespaces is not null)
        {
            return $"all pods in namespaces [{Namespaces}]";
        }

        if (PodSelector is not null)
        {
            return $"pods [{PodSelector}] in namespaces [{PodNamespaceSelector}]";
        }

        if (!Networks.IsEmpty)
        {
            return $"networks {string.Join(", ", Networks.Select(n => n.Text))}";
        }

        if (!DomainNames.IsEmpty)
        {
            return $"domain names {string.Join(", ", DomainNames)}";
        }

        return $"nodes [{Nodes}]";
    }
}
