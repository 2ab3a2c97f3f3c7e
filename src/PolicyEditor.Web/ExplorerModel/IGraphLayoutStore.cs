namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Where the positions users drag graph nodes to are kept, per workspace, so every view of the workspace
/// (and the next visit) shows them there. Node ids are the graph's (<see cref="GraphIds"/>).
/// </summary>
public interface IGraphLayoutStore
{
    /// <summary>The positions chosen in a workspace (node id to position); empty when none were.</summary>
    Task<IReadOnlyDictionary<string, GraphPoint>> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Records moved nodes, keeping the positions of nodes not in <paramref name="moved"/>.</summary>
    Task SaveAsync(Guid workspaceId, IReadOnlyDictionary<string, GraphPoint> moved, CancellationToken cancellationToken = default);

    /// <summary>Forgets every position chosen in a workspace (the user asked for a fresh layout).</summary>
    Task ClearAsync(Guid workspaceId, CancellationToken cancellationToken = default);
}
