namespace PolicyEditor.Manifests.Flows;

/// <summary>
/// What one read of flow records may take, like the manifest loader's budget: a file is streamed, so its size
/// matters only through these limits; a limit passed refuses the read with a message naming it.
/// </summary>
public sealed record FlowReadOptions
{
    /// <summary>The limits of an upload in the app and of the command line.</summary>
    public static readonly FlowReadOptions Default = new();

    /// <summary>The most bytes one read takes (2 GB).</summary>
    public long MaxBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The longest line a record may have; a longer one is reported and skipped.</summary>
    public int MaxLineBytes { get; init; } = 256 * 1024;

    /// <summary>The most distinct connections the records may fold into (memory grows with them, not with the records).</summary>
    public int MaxConnections { get; init; } = 1_000_000;

    /// <summary>How many malformed records are reported one by one; the rest are counted.</summary>
    public int MaxListedProblems { get; init; } = 100;
}
