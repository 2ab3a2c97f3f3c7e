namespace PolicyEditor.Manifests.Loading;

/// <summary>Limits that keep hostile or accidental input from exhausting memory or time.</summary>
public sealed record LoadOptions
{
    /// <summary>The defaults: 20 MB a file, 20,000 documents, nesting 64 deep, 2 million YAML nodes a document.</summary>
    public static readonly LoadOptions Default = new();

    /// <summary>Largest file read, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Most documents read from all inputs together.</summary>
    public int MaxDocuments { get; init; } = 20_000;

    /// <summary>Deepest nesting of mappings and sequences in a document.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most YAML nodes visited in one document (aliases counted each time they are used).</summary>
    public int MaxNodesPerDocument { get; init; } = 2_000_000;

    /// <summary>Most bytes an archive (.zip, .tar, .tar.gz) may expand to, all its files together.</summary>
    public long MaxArchiveBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Most entries an archive may hold.</summary>
    public int MaxArchiveEntries { get; init; } = 10_000;

    /// <summary>A size in bytes as the limits' messages give it, e.g. <c>20.0 MB</c>.</summary>
    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";
}
