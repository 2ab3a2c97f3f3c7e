namespace PolicyEditor.Web.Workspace;

/// <summary>
/// Where workspaces live between requests and restarts. The service hands every new state to
/// <see cref="SaveAsync"/> before anyone sees it, so what a user was shown is always stored.
/// </summary>
public interface IWorkspaceStore
{
    /// <summary>Every workspace, newest change first.</summary>
    Task<IReadOnlyList<WorkspaceSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>A workspace's current state, or null when there is none with that id.</summary>
    Task<WorkspaceState?> LoadAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="next"/>; <paramref name="previous"/> is the state it replaces (null for a new
    /// workspace), so an implementation can store only what changed. A state whose baseline is a newer
    /// version than the previous one's adds that version to the history.
    /// </summary>
    Task SaveAsync(WorkspaceState? previous, WorkspaceState next, CancellationToken cancellationToken = default);

    /// <summary>The accepted versions of a workspace, oldest first.</summary>
    Task<IReadOnlyList<WorkspaceVersion>> VersionsAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Removes a workspace with its history.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);
}
