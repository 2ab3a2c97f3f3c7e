using System.IO.Compression;
using System.Text;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Web.Export;

/// <summary>
/// A workspace's policies as files <c>kubectl apply -f</c> accepts, and that import back to an equal
/// workspace: every policy in one YAML stream, one file per policy in per-namespace folders (a zip), or
/// only what the draft changed since the accepted version.
/// </summary>
public static class PolicyExport
{
    /// <summary>Every policy of every kind (admin policies first), as one multi-document YAML.</summary>
    public static string AllPolicies(Cluster cluster) => ManifestWriter.WritePolicies(ClusterScopedFirst(cluster.Policies));

    /// <summary>
    /// The policies of every kind the draft adds or changes against the baseline, as YAML to apply; policies it
    /// deletes are listed at the top as the <c>kubectl delete</c> commands that remove them (apply cannot).
    /// </summary>
    public static string ChangedPolicies(Cluster baseline, Cluster draft)
    {
        var differences = PolicyDifference.Between(baseline, draft);
        var changed = differences.Select(d => d.After).OfType<IPolicyResource>().ToList();
        var deleted = differences.Where(d => d.After is null).Select(d => d.Key).ToList();

        var text = new StringBuilder();
        text.Append("# Policies the draft adds or changes against the accepted version");
        text.Append(changed.Count == 0 ? ": none.\n" : ".\n");
        if (deleted.Count > 0)
        {
            text.Append("# The draft also deletes these; kubectl apply does not delete, so run:\n");
            foreach (var key in deleted)
            {
                text.Append($"#   kubectl delete {key.Kind.ToLowerInvariant()} {key.Name}{(key.Namespace is null ? string.Empty : $" -n {key.Namespace}")}\n");
            }
        }

        if (changed.Count > 0)
        {
            text.Append(ManifestWriter.WritePolicies(ClusterScopedFirst(changed)));
        }

        return text.ToString();
    }

    /// <summary>
    /// A zip with one file per policy: <c>namespace/name.yaml</c> for a NetworkPolicy, <c>namespace/kind-name.yaml</c>
    /// for a namespaced policy of another kind, and <c>cluster/kind-name.yaml</c> for the cluster-scoped ones. Entry
    /// names are built only from names that pass Kubernetes' naming rules (no '/', '\' or '..' can pass), so no entry
    /// can point outside the archive's folder; a policy with any other name (a workspace stored before names were
    /// checked) refuses the export with <see cref="ArgumentException"/>.
    /// </summary>
    public static byte[] Zip(Cluster cluster)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var policy in cluster.NetworkPolicies.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                Add(zip, EntryName(policy.Namespace, "NetworkPolicy", policy.Name, string.Empty), ManifestWriter.Write(policy));
            }

            foreach (var policy in cluster.Policies.Where(p => p is not NetworkPolicy))
            {
                Add(zip, EntryName(policy.Namespace, policy.Kind, policy.Name, $"{policy.Kind.ToLowerInvariant()}-"), ManifestWriter.Write(policy));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The policies with the NetworkPolicies last, in their order otherwise: what a cluster administrator set up comes first.</summary>
    private static IEnumerable<IPolicyResource> ClusterScopedFirst(IEnumerable<IPolicyResource> policies) => policies.OrderBy(p => p is NetworkPolicy);

    /// <summary><c>namespace/prefixname.yaml</c> (<c>cluster/</c> without a namespace), from names that pass Kubernetes' rules only.</summary>
    private static string EntryName(string? ns, string kind, string name, string prefix)
    {
        var problem = (ns is null ? null : KubernetesNames.NamespaceProblem(ns)) is { } nsProblem
            ? $"namespace '{ns}': {nsProblem}"
            : KubernetesNames.NameProblem(kind, name) is { } nameProblem ? $"{kind} '{name}': {nameProblem}" : null;
        return problem is null
            ? $"{ns ?? "cluster"}/{prefix}{name}.yaml"
            : throw new ArgumentException($"The workspace cannot be exported as files: the {problem}. Rename it, or export it as one YAML file.");
    }

    private static void Add(ZipArchive zip, string path, string text)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
