namespace PolicyEditor.Web.Storage.Rows;

/// <summary>An accepted version: who, when, why, and its cluster as two blobs (the frame and the policies).</summary>
public sealed class VersionRow
{
    public Guid WorkspaceId { get; set; }

    public int Number { get; set; }

    /// <summary>The author's stable id, when known (sign-in fills it; versions from before it have none).</summary>
    public string? AuthorId { get; set; }

    public string Author { get; set; } = string.Empty;

    /// <summary>UTC ticks.</summary>
    public long Time { get; set; }

    public string Message { get; set; } = string.Empty;

    public string Frame { get; set; } = string.Empty;

    public string Policies { get; set; } = string.Empty;

    public int WorkloadCount { get; set; }

    public int PolicyCount { get; set; }
}
