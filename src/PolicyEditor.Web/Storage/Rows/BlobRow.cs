namespace PolicyEditor.Web.Storage.Rows;

/// <summary>
/// Canonical YAML of part of a cluster, gzip-compressed, named by the SHA-256 of the text: stored once per
/// workspace however many versions and edits share it.
/// </summary>
public sealed class BlobRow
{
    public Guid WorkspaceId { get; set; }

    public string Hash { get; set; } = string.Empty;

    /// <summary>The length of the uncompressed text, in characters.</summary>
    public long Length { get; set; }

    public byte[] Content { get; set; } = [];
}
