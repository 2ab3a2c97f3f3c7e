namespace PolicyEditor.Web.Accounts;

/// <summary>Roles of the whole installation (workspace roles are per workspace: see <see cref="WorkspaceRole"/>).</summary>
public static class AccountRoles
{
    /// <summary>The first account created: owner of every workspace, including those made before sign-in existed.</summary>
    public const string Administrator = "Administrator";
}
