using PolicyEditor.Engine.Model;

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
    /// <summary>The cluster after importing <paramref name="imported"/> into <paramref name="current"/>.</summary>
    public static Cluster Combine(Cluster current, Cluster imported, ImportMode mode) => mode == ImportMode.Replace
        ? imported
        : new Cluster(
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
