namespace PolicyEditor.Web.Access;

/// <summary>An action guarded on the server; <see cref="Permissions"/> says which role it needs.</summary>
public enum Permission
{
    View,
    Comment,
    Suggest,
    Decide,
    Edit,
    ApplySuggestion,
    OpenReview,
    Merge,
    Invite,
    ManageWorkspace,
}
