namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// What each <see cref="LoadOptions"/> limit is called where a person can raise it: a configuration
/// setting of the web app, a command-line flag, or the property itself for code. A refusal names it, so
/// whoever hits a limit knows what to change.
/// </summary>
public sealed record LimitNames(
    string FileBytes,
    string TotalBytes,
    string Files,
    string Documents,
    string Depth,
    string NodesPerDocument,
    string Nodes,
    string WallTime)
{
    /// <summary>The <see cref="LoadOptions"/> properties themselves.</summary>
    public static readonly LimitNames Code = new(
        "LoadOptions.MaxFileBytes", "LoadOptions.MaxTotalBytes", "LoadOptions.MaxFiles", "LoadOptions.MaxDocuments",
        "LoadOptions.MaxDepth", "LoadOptions.MaxNodesPerDocument", "LoadOptions.MaxNodes", "LoadOptions.MaxWallTime");

    /// <summary>The command line's flags.</summary>
    public static readonly LimitNames CommandLine = new(
        "--max-file-mb", "--max-total-mb", "--max-files", "--max-documents", "--max-depth", "--max-nodes-per-document", "--max-nodes", "--max-seconds");

    /// <summary>Configuration settings under a section, e.g. <c>Import:MaxTotalMegabytes</c> (sizes in megabytes, time in seconds).</summary>
    public static LimitNames Settings(string section) => new(
        $"{section}:MaxFileMegabytes", $"{section}:MaxTotalMegabytes", $"{section}:MaxFiles", $"{section}:MaxDocuments",
        $"{section}:MaxDepth", $"{section}:MaxNodesPerDocument", $"{section}:MaxNodes", $"{section}:MaxSeconds");
}
