namespace PolicyEditor.Web.Storage.Rows;

/// <summary>A user's role in a workspace.</summary>
public sealed class MemberRow
{
    public Guid WorkspaceId { get; set; }

    public string UserId { get; set; } = string.Empty;

    public int Role { get; set; }
}
