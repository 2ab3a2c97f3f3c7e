using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.LiveCluster;

/// <summary>
/// What reading a cluster gave: the objects loaded as the manifest loader loads files, the notes about
/// kinds that were not there (a CRD that is not installed, an API the cluster does not serve), and the
/// cluster in words for messages (context and server, never a credential).
/// </summary>
public sealed record ClusterReadResult(LoadResult Result, IReadOnlyList<string> Notes, string Description);
