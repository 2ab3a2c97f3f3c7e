namespace PolicyEditor.Web.Workspace;

/// <summary>News of a workspace's new state, sent to every open view of it: the state, who caused it, and the edit if it was one.</summary>
public sealed record WorkspaceChanged(WorkspaceState State, Actor Actor, string Description, DraftEdit? Edit);
