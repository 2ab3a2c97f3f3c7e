namespace PolicyEditor.Web.Access;

/// <summary>The one table of which role each action needs; every hub method and endpoint asks it.</summary>
public static class Permissions
{
    /// <summary>The least role that may do <paramref name="permission"/>.</summary>
    public static WorkspaceRole Required(Permission permission) => permission switch
    {
        Permission.View => WorkspaceRole.Viewer,
        Permission.Comment or Permission.Suggest or Permission.Decide => WorkspaceRole.Reviewer,
        Permission.Edit or Permission.ApplySuggestion or Permission.OpenReview => WorkspaceRole.Editor,
        _ => WorkspaceRole.Owner,
    };

    /// <summary>Whether <paramref name="role"/> may do <paramref name="permission"/>.</summary>
    public static bool Allows(this WorkspaceRole role, Permission permission) => role >= Required(permission);
}
