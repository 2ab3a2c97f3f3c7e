namespace PolicyEditor.Web.Storage.Rows;

/// <summary>Where a user dragged a graph node in a workspace.</summary>
public sealed class GraphPositionRow
{
    public Guid WorkspaceId { get; set; }

    public string NodeId { get; set; } = string.Empty;

    public double X { get; set; }

    public double Y { get; set; }
}
