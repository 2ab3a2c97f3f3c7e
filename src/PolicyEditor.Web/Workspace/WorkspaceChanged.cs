using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Workspace;

/// <summary>News of a workspace's new state, sent to every open view of it: the state, who caused it, and the edit if it was one.</summary>
public sealed record WorkspaceChanged(WorkspaceState State, Actor Actor, string Description, DraftEdit? Edit)
{
    /// <summary>True when the change was made on another app instance (this one reloaded it from the database).</summary>
    public bool Remote { get; init; }
}
