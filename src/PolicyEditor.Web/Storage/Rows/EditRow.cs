namespace PolicyEditor.Web.Storage.Rows;

/// <summary>
/// One entry of a draft's edit log: who, when, what in words, the policy changes and their inverse
/// (JSON), and for a replacement of the whole draft the clusters before and after (blobs).
/// </summary>
public sealed class EditRow
{
    public Guid WorkspaceId { get; set; }

    public long Revision { get; set; }

    public string AuthorId { get; set; } = string.Empty;

    public string Author { get; set; } = string.Empty;

    /// <summary>UTC ticks.</summary>
    public long Time { get; set; }

    public string Description { get; set; } = string.Empty;

    public string Changes { get; set; } = "[]";

    public string Inverse { get; set; } = "[]";

    public string? FromFrame { get; set; }

    public string? FromPolicies { get; set; }

    public string? WithFrame { get; set; }

    public string? WithPolicies { get; set; }
}
