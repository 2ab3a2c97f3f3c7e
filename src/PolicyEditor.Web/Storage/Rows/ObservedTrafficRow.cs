namespace PolicyEditor.Web.Storage.Rows;

/// <summary>A workspace's observed traffic: its connections as gzip-compressed JSON (<see cref="ObservedTrafficCodec"/>).</summary>
public sealed class ObservedTrafficRow
{
    public Guid WorkspaceId { get; set; }

    /// <summary>How many connections the content holds.</summary>
    public int Connections { get; set; }

    /// <summary>How many records they were folded from.</summary>
    public long Records { get; set; }

    public DateTimeOffset? ImportedAt { get; set; }

    public byte[] Content { get; set; } = [];
}
