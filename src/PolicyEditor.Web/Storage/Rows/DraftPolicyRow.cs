namespace PolicyEditor.Web.Storage.Rows;

/// <summary>
/// One NetworkPolicy of a workspace's draft, as canonical YAML, at a position that orders the draft's
/// policies. An edit rewrites only the rows of the policies it touches.
/// </summary>
public sealed class DraftPolicyRow
{
    public Guid WorkspaceId { get; set; }

    public string Namespace { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public long Position { get; set; }

    public string Yaml { get; set; } = string.Empty;
}
