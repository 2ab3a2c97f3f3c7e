using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Web.Import;

/// <summary>How an import combines with the workspace it goes into.</summary>
public enum ImportMode
{
    /// <summary>Imported objects are added, or replace the workspace's objects of the same kind, namespace and name; the rest stays.</summary>
    Merge,

    /// <summary>The imported objects become the whole draft.</summary>
    Replace,
}

/// <summary>Combines a workspace's cluster with imported objects (see <see cref="ImportMode"/>).</summary>
public static class ClusterMerge
{
    /// <summary>
    /// The cluster after importing <paramref name="imported"/> into <paramref name="current"/>. A namespace
    /// the import only names (a policy in it, no Namespace object) never replaces the workspace's own, which
    /// may carry labels that selectors depend on: only Namespace objects the import defines do.
    /// </summary>
    public static Cluster Combine(Cluster current, LoadResult imported, ImportMode mode)
    {
        if (mode == ImportMode.Replace)
        {
            return imported.Cluster;
        }

        var defined = imported.Cluster.Namespaces.Where(n => imported.Locations.ContainsKey($"Namespace/{n.Name}") || current.FindNamespace(n.Name) is null).ToValueArray();
        return Combine(current, imported.Cluster with { Namespaces = defined });
    }

    private static Cluster Combine(Cluster current, Cluster imported) =>
        new(
            Merge(current.Namespaces, imported.Namespaces, n => n.Name),
            Merge(current.Workloads, imported.Workloads, w => w.Id),
            Merge(current.NetworkPolicies, imported.NetworkPolicies, p => p.Id),
            Merge(current.AdminNetworkPolicies, imported.AdminNetworkPolicies, a => a.Name),
            imported.BaselineAdminNetworkPolicy ?? current.BaselineAdminNetworkPolicy,
            Merge(current.Services, imported.Services, s => $"{s.Namespace}/{s.Name}"),
            Merge(current.Exposures, imported.Exposures, e => $"{e.Kind}/{e.Namespace}/{e.Name}"));

    /// <summary>Keeps the current order, replacing objects in place, and appends the new ones in the import's order.</summary>
    private static ValueArray<T> Merge<T>(ValueArray<T> current, ValueArray<T> imported, Func<T, string> key)
    {
        var incoming = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in imported)
        {
            incoming[key(item)] = item;
        }

        var result = new List<T>(current.Count + imported.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in current)
        {
            var k = key(item);
            result.Add(incoming.TryGetValue(k, out var replacement) ? replacement : item);
            used.Add(k);
        }

        result.AddRange(imported.Where(i => used.Add(key(i))));
        return result.ToValueArray();
    }
}
