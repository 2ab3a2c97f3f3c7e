using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Web.Import;

/// <summary>
/// What an import would do, shown before it is applied: what was read (counts by kind, skipped files and
/// kinds, every diagnostic with file and line), the cluster it would produce, and, for an existing
/// workspace, the change impact against its current draft (every changed pair).
/// </summary>
public sealed record ImportPreview(UploadResult Upload, Cluster? Result, IReadOnlyList<ConnectionChange>? Impact, ImportMode Mode)
{
    /// <summary>True when there is something to import.</summary>
    public bool CanApply => !Upload.Refused && Result is not null && Upload.Result.LoadedKinds.Values.Sum() > 0;

    /// <summary>Objects loaded, by kind, in name order.</summary>
    public IEnumerable<KeyValuePair<string, int>> Loaded => Upload.Result.LoadedKinds.OrderBy(k => k.Key, StringComparer.Ordinal);

    /// <summary>Objects read but not modelled, by kind.</summary>
    public IEnumerable<KeyValuePair<string, int>> SkippedKinds => Upload.Result.SkippedKinds.OrderBy(k => k.Key, StringComparer.Ordinal);
}
