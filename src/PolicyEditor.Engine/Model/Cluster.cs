namespace PolicyEditor.Engine.Model;

/// <summary>Everything the engine knows of a cluster: namespaces, workloads, policies, Services and their exposure.</summary>
public sealed record Cluster(
    ValueArray<Namespace> Namespaces,
    ValueArray<Workload> Workloads,
    ValueArray<NetworkPolicy> NetworkPolicies,
    ValueArray<AdminNetworkPolicy> AdminNetworkPolicies,
    BaselineAdminNetworkPolicy? BaselineAdminNetworkPolicy,
    ValueArray<Service> Services,
    ValueArray<Exposure> Exposures)
{
    /// <summary>
    /// Every policy object of the kinds without a field of their own (ClusterNetworkPolicy and the vendor
    /// dialects' kinds), in manifest order; each dialect picks its own kinds out of it.
    /// </summary>
    public ValueArray<IPolicyResource> OtherPolicies { get; init; } = ValueArray<IPolicyResource>.Empty;

    /// <summary>The ClusterNetworkPolicies (v1alpha2).</summary>
    public IEnumerable<ClusterNetworkPolicy> ClusterNetworkPolicies => OtherPolicies.OfType<ClusterNetworkPolicy>();

    /// <summary>A cluster with nothing in it.</summary>
    public static readonly Cluster Empty = new(
        ValueArray<Namespace>.Empty, ValueArray<Workload>.Empty, ValueArray<NetworkPolicy>.Empty,
        ValueArray<AdminNetworkPolicy>.Empty, null, ValueArray<Service>.Empty, ValueArray<Exposure>.Empty);

    /// <summary>The namespace of that name, if the cluster has it.</summary>
    public Namespace? FindNamespace(string name) => Namespaces.FirstOrDefault(n => n.Name == name);

    /// <summary>The workload with that report id (<c>ns/name[Kind]</c>) or <c>ns/name</c>, if any.</summary>
    public Workload? FindWorkload(string idOrName) =>
        Workloads.FirstOrDefault(w => w.Id == idOrName) ?? Workloads.FirstOrDefault(w => $"{w.Namespace}/{w.Name}" == idOrName);

    /// <summary>The NetworkPolicy with that namespace and name, if any.</summary>
    public NetworkPolicy? FindPolicy(string ns, string name) => NetworkPolicies.FirstOrDefault(p => p.Namespace == ns && p.Name == name);

    /// <summary>This cluster with one policy added, replaced (in place, keeping order) or deleted.</summary>
    public Cluster Apply(PolicyChange change)
    {
        var list = NetworkPolicies.Items.ToList();
        var i = list.FindIndex(p => p.Namespace == change.Namespace && p.Name == change.Name);
        if (change.After is null)
        {
            if (i >= 0)
            {
                list.RemoveAt(i);
            }
        }
        else if (i >= 0)
        {
            list[i] = change.After;
        }
        else
        {
            list.Add(change.After);
        }

        return WithNetworkPolicies(list);
    }

    /// <summary>This cluster with other NetworkPolicies.</summary>
    public Cluster WithNetworkPolicies(IEnumerable<NetworkPolicy> policies) => this with { NetworkPolicies = policies.ToValueArray() };
}
