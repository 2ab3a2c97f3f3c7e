namespace PolicyEditor.Web.Storage.Rows;

/// <summary>A review session, kept as one JSON document (see <see cref="ReviewJson"/>), with what it is looked up by.</summary>
public sealed class ReviewRow
{
    public Guid Id { get; set; }

    public Guid WorkspaceId { get; set; }

    /// <summary>UTC ticks of the review's creation (lists are newest first).</summary>
    public long Created { get; set; }

    /// <summary>The hashes of its invitation tokens, space-separated, so a link finds its review.</summary>
    public string InviteHashes { get; set; } = string.Empty;

    /// <summary>The whole session; also the concurrency token (a save names the document it replaces).</summary>
    public string Json { get; set; } = string.Empty;
}
