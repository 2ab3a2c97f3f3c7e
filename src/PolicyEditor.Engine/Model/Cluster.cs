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

    /// <summary>
    /// Every policy object of every kind: the AdminNetworkPolicies, the BaselineAdminNetworkPolicy, the
    /// NetworkPolicies, then <see cref="OtherPolicies"/>.
    /// </summary>
    public IEnumerable<IPolicyResource> Policies
    {
        get
        {
            foreach (var p in AdminNetworkPolicies)
            {
                yield return p;
            }

            if (BaselineAdminNetworkPolicy is { } baseline)
            {
                yield return baseline;
            }

            foreach (var p in NetworkPolicies)
            {
                yield return p;
            }

            foreach (var p in OtherPolicies)
            {
                yield return p;
            }
        }
    }

    /// <summary>Whether both clusters hold the very same policies of every kind (shared arrays: answered at once).</summary>
    public bool SharesPoliciesWith(Cluster other) =>
        NetworkPolicies.Items.Equals(other.NetworkPolicies.Items) && AdminNetworkPolicies.Items.Equals(other.AdminNetworkPolicies.Items)
        && ReferenceEquals(BaselineAdminNetworkPolicy, other.BaselineAdminNetworkPolicy) && OtherPolicies.Items.Equals(other.OtherPolicies.Items);

    /// <summary>The policy of any kind with that key, if any.</summary>
    public IPolicyResource? FindPolicy(PolicyKey key) => key.Kind switch
    {
        nameof(NetworkPolicy) => key.Namespace is null ? null : FindPolicy(key.Namespace, key.Name),
        nameof(AdminNetworkPolicy) => AdminNetworkPolicies.FirstOrDefault(p => p.Name == key.Name),
        nameof(BaselineAdminNetworkPolicy) => BaselineAdminNetworkPolicy?.Name == key.Name ? BaselineAdminNetworkPolicy : null,
        _ => OtherPolicies.FirstOrDefault(p => p.Key == key),
    };

    /// <summary>
    /// This cluster with one policy of any kind added, replaced (in place, keeping order) or deleted. A cluster
    /// has one BaselineAdminNetworkPolicy: adding one replaces the one it has.
    /// </summary>
    public Cluster Apply(PolicyChange change) => change.Kind switch
    {
        nameof(NetworkPolicy) => this with { NetworkPolicies = Replace(NetworkPolicies, change) },
        nameof(AdminNetworkPolicy) => this with { AdminNetworkPolicies = Replace(AdminNetworkPolicies, change) },
        nameof(BaselineAdminNetworkPolicy) => change.After is null
            ? BaselineAdminNetworkPolicy?.Name == change.Name ? this with { BaselineAdminNetworkPolicy = null } : this
            : this with { BaselineAdminNetworkPolicy = (BaselineAdminNetworkPolicy)change.After },
        _ => this with { OtherPolicies = Replace(OtherPolicies, change) },
    };

    /// <summary>The list with the policy of the change's key replaced in place, added at the end, or removed.</summary>
    private static ValueArray<T> Replace<T>(ValueArray<T> policies, PolicyChange change)
        where T : class, IPolicyResource
    {
        var list = policies.Items.ToList();
        var i = list.FindIndex(p => p.Key == change.Key);
        if (change.After is null)
        {
            if (i < 0)
            {
                return policies;
            }

            list.RemoveAt(i);
        }
        else if (i >= 0)
        {
            list[i] = (T)change.After;
        }
        else
        {
            list.Add((T)change.After);
        }

        return list.ToValueArray();
    }

    /// <summary>This cluster with other NetworkPolicies.</summary>
    public Cluster WithNetworkPolicies(IEnumerable<NetworkPolicy> policies) => this with { NetworkPolicies = policies.ToValueArray() };
}
