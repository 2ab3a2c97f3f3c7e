using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// Turns clusters into the text the database keeps and back, losslessly: canonical manifests YAML (the
/// same the export writes), read back in the order it was written. A cluster is kept as two parts: its
/// frame (namespaces, workloads, Services, exposures, admin policies) and its NetworkPolicies, since
/// edits change the policies and leave the frame alone.
/// </summary>
public static class ClusterCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The frame of a cluster (everything but its NetworkPolicies) as YAML.</summary>
    public static string EncodeFrame(Cluster cluster) =>
        ManifestWriter.WriteCluster(cluster with { NetworkPolicies = ValueArray<NetworkPolicy>.Empty });

    /// <summary>NetworkPolicies as one YAML stream, in order.</summary>
    public static string EncodePolicies(IEnumerable<NetworkPolicy> policies) => ManifestWriter.Write(policies);

    /// <summary>One NetworkPolicy as YAML.</summary>
    public static string EncodePolicy(NetworkPolicy policy) => ManifestWriter.Write(policy);

    /// <summary>
    /// Reads a frame back. The loader sorts namespaces and workloads and adds namespaces that objects
    /// name without defining; the frame is put back in the order it was written and keeps only the
    /// namespaces it defines, so it equals the cluster it was written from.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not a frame this codec wrote.</exception>
    public static Cluster DecodeFrame(string yaml)
    {
        var result = Load(yaml, "frame");
        int Line(string key) => result.Locations.TryGetValue(key, out var at) ? at.Line : -1;
        var cluster = result.Cluster;
        return cluster with
        {
            Namespaces = cluster.Namespaces.Select(n => (n, Line: Line($"Namespace/{n.Name}"))).Where(x => x.Line > 0).OrderBy(x => x.Line).Select(x => x.n).ToValueArray(),
            Workloads = cluster.Workloads.OrderBy(w => Line(LoadResult.KeyOf(w))).ToValueArray(),
        };
    }

    /// <summary>Reads NetworkPolicies back, in the order they were written.</summary>
    /// <exception cref="InvalidDataException">The text is not policies this codec wrote.</exception>
    public static ValueArray<NetworkPolicy> DecodePolicies(string yaml)
    {
        var result = Load(yaml, "policies");
        return result.Cluster.NetworkPolicies.OrderBy(p => result.LocationOf(p)?.Line ?? 0).ToValueArray();
    }

    /// <summary>Reads one NetworkPolicy back.</summary>
    /// <exception cref="InvalidDataException">The text is not one policy.</exception>
    public static NetworkPolicy DecodePolicy(string yaml)
    {
        var policies = DecodePolicies(yaml);
        return policies.Count == 1 ? policies[0] : throw new InvalidDataException($"A stored policy holds {policies.Count} policies instead of one.");
    }

    /// <summary>One policy of any kind as YAML.</summary>
    public static string EncodePolicy(IPolicyResource policy) => ManifestWriter.Write(policy);

    /// <summary>Reads one policy of any kind back.</summary>
    /// <exception cref="InvalidDataException">The text is not one policy.</exception>
    public static IPolicyResource DecodeAnyPolicy(string yaml)
    {
        var policies = Load(yaml, "policy").Cluster.Policies.ToList();
        return policies.Count == 1 ? policies[0] : throw new InvalidDataException($"A stored policy holds {policies.Count} policies instead of one.");
    }

    /// <summary>
    /// Policy changes (an edit's, or their inverse) as JSON: kind, namespace, name, and the policy's YAML (null for a
    /// deletion). A change stored before kinds were (no kind) is a NetworkPolicy's.
    /// </summary>
    public static string EncodeChanges(IEnumerable<PolicyChange> changes) =>
        JsonSerializer.Serialize(changes.Select(StoredChange.Of).ToList(), Json);

    /// <summary>Reads policy changes back.</summary>
    public static IReadOnlyList<PolicyChange> DecodeChanges(string json) =>
        (JsonSerializer.Deserialize<List<StoredChange>>(json, Json) ?? throw new InvalidDataException("A stored edit has no changes."))
        .Select(c => c.ToChange())
        .ToList();

    /// <summary>The name a text is stored under: the hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Text as gzip-compressed UTF-8.</summary>
    public static byte[] Compress(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    /// <summary>The text of gzip-compressed UTF-8.</summary>
    public static string Decompress(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static LoadResult Load(string yaml, string what)
    {
        var result = ManifestLoader.LoadText(yaml, $"stored {what}", LoadOptions.Unlimited);
        var error = result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        return error is null ? result : throw new InvalidDataException($"Stored workspace data could not be read back: {error}");
    }

    /// <summary>A policy change as stored: <see cref="Kind"/> is null in changes stored before other kinds could change.</summary>
    internal sealed record StoredChange(string? Namespace, string Name, string? Yaml, string? Kind = null)
    {
        public static StoredChange Of(PolicyChange change) =>
            new(change.Namespace, change.Name, change.After is null ? null : EncodePolicy(change.After), change.Kind);

        public PolicyChange ToChange() =>
            new(new PolicyKey(Kind ?? nameof(NetworkPolicy), Namespace, Name), Yaml is null ? null : DecodeAnyPolicy(Yaml));
    }
}
