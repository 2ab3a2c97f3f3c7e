namespace PolicyEditor.Web.Access;

/// <summary>What someone may do in a workspace, from most to least.</summary>
public enum WorkspaceRole
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>Sees the workspace and its reviews.</summary>
    Viewer = 1,

    /// <summary>Also comments, suggests changes and approves or requests changes.</summary>
    Reviewer = 2,

    /// <summary>Also edits the draft and applies suggestions.</summary>
    Editor = 3,

    /// <summary>Also invites, sets the approvals a change needs, merges, renames and deletes.</summary>
    Owner = 4,
}
