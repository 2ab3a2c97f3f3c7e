using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Web.Import;

/// <summary>
/// The budget of one request that reads manifests (configuration section <c>Import</c>): an import of files,
/// archives or pasted text, a YAML edit, an edit sent to the hub, a review suggestion. The defaults are
/// the loader's server defaults (<see cref="LoadOptions.Default"/>), sized for the shipped deployment's
/// 512Mi memory limit; a refusal names the setting to raise.
/// </summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Import";

    private const double Megabyte = 1024 * 1024;

    /// <summary>Largest file, in megabytes (an archive, and each file in it).</summary>
    public double MaxFileMegabytes { get; set; } = LoadOptions.Default.MaxFileBytes / Megabyte;

    /// <summary>Most megabytes one request may read in all, archives counted as what they expand to.</summary>
    public double MaxTotalMegabytes { get; set; } = LoadOptions.Default.MaxTotalBytes / Megabyte;

    /// <summary>Most files in one request, archive entries included.</summary>
    public int MaxFiles { get; set; } = LoadOptions.Default.MaxFiles;

    /// <summary>Most documents in one request.</summary>
    public int MaxDocuments { get; set; } = LoadOptions.Default.MaxDocuments;

    /// <summary>Deepest nesting in a document.</summary>
    public int MaxDepth { get; set; } = LoadOptions.Default.MaxDepth;

    /// <summary>Most YAML nodes in one document (aliases counted each time they are used).</summary>
    public int MaxNodesPerDocument { get; set; } = LoadOptions.Default.MaxNodesPerDocument;

    /// <summary>Most YAML nodes in one request, all documents together.</summary>
    public long MaxNodes { get; set; } = LoadOptions.Default.MaxNodes;

    /// <summary>Longest time reading one request may take, in seconds.</summary>
    public double MaxSeconds { get; set; } = LoadOptions.Default.MaxWallTime.TotalSeconds;

    /// <summary>
    /// A kubeconfig the app may read a cluster with, read-only (<c>Import:Kubeconfig</c>); when set, the import
    /// dialog offers "Import from a cluster". Its credentials stay in the file: never logged or stored.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig's context to use (default: its current context).</summary>
    public string? Context { get; set; }

    /// <summary>Only this namespace of the cluster (default: every namespace).</summary>
    public string? Namespace { get; set; }

    /// <summary>How long one request to the cluster may take, in seconds (default 30).</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>The loader's limits, each naming its setting.</summary>
    public LoadOptions ToLoadOptions() => new()
    {
        MaxFileBytes = (long)(MaxFileMegabytes * Megabyte),
        MaxTotalBytes = (long)(MaxTotalMegabytes * Megabyte),
        MaxFiles = MaxFiles,
        MaxDocuments = MaxDocuments,
        MaxDepth = MaxDepth,
        MaxNodesPerDocument = MaxNodesPerDocument,
        MaxNodes = MaxNodes,
        MaxWallTime = TimeSpan.FromSeconds(MaxSeconds),
        Names = LimitNames.Settings(SectionName),
    };
}
