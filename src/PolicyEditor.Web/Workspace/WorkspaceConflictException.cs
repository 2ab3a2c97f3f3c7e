namespace PolicyEditor.Web.Workspace;

/// <summary>A save lost a race with another writer of the same workspace (another app instance): <see cref="IWorkspaceStore.SaveAsync"/> throws it.</summary>
public sealed class WorkspaceConflictException(string message) : Exception(message);
