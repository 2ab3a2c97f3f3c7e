namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// Limits that keep hostile or accidental input from exhausting memory or time. The totals hold for one
/// request (an import, a paste, an edit, a command-line run) whatever it is made of: every file, every
/// archive's expanded content and every document together draw on one <see cref="LoadBudget"/>.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>
    /// The defaults for input from other people (a server): sized so that one request stays within a few
    /// hundred megabytes of memory (the shipped Kubernetes deployment has a 512Mi limit) and a few seconds.
    /// </summary>
    public static readonly LoadOptions Default = new();

    /// <summary>
    /// The defaults for a person reading their own files on their own machine (the command line): large
    /// enough for a 100,000-pod cluster as <c>kubectl get -o yaml</c> writes it, still finite.
    /// </summary>
    public static readonly LoadOptions CommandLine = new()
    {
        MaxFileBytes = 1L << 30,
        MaxTotalBytes = 4L << 30,
        MaxFiles = 1_000_000,
        MaxDocuments = 2_000_000,
        MaxNodes = 400_000_000,
        MaxWallTime = TimeSpan.FromMinutes(30),
        Names = LimitNames.CommandLine,
        NameRules = NameRules.Warn,
    };

    /// <summary>No limits to speak of, for text the program wrote itself (a stored workspace read back).</summary>
    public static readonly LoadOptions Unlimited = new()
    {
        MaxFileBytes = long.MaxValue,
        MaxTotalBytes = long.MaxValue,
        MaxFiles = int.MaxValue,
        MaxDocuments = int.MaxValue,
        MaxDepth = 128,
        MaxNodesPerDocument = int.MaxValue,
        MaxNodes = long.MaxValue,
        MaxWallTime = TimeSpan.MaxValue,
        NameRules = NameRules.Ignore,
    };

    /// <summary>Largest file read, in bytes (an archive counts as a file, and so does each file in it).</summary>
    public long MaxFileBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Most bytes read in all: every file, with archives counted as what they expand to.</summary>
    public long MaxTotalBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Most files read in all, every entry of every archive included.</summary>
    public int MaxFiles { get; init; } = 2_000;

    /// <summary>Most documents read in all, malformed ones included.</summary>
    public int MaxDocuments { get; init; } = 20_000;

    /// <summary>Deepest nesting of mappings and sequences in a document.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most YAML nodes in one document (aliases counted each time they are used); a larger document is skipped with an error.</summary>
    public int MaxNodesPerDocument { get; init; } = 1_000_000;

    /// <summary>Most YAML nodes in all documents together (aliases counted each time they are used).</summary>
    public long MaxNodes { get; init; } = 3_000_000;

    /// <summary>Longest time reading may take, from the start of the request's budget.</summary>
    public TimeSpan MaxWallTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What a name or namespace against Kubernetes' naming rules is: an error (the default), a warning, or nothing.</summary>
    public NameRules NameRules { get; init; } = NameRules.Enforce;

    /// <summary>Where a person raises each limit, named in the messages of refused input.</summary>
    public LimitNames Names { get; init; } = LimitNames.Code;

    /// <summary>A size in bytes as the limits' messages give it, e.g. <c>20.0 MB</c>.</summary>
    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";
}
