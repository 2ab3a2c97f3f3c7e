namespace PolicyEditor.Web.Access;

/// <summary>
/// Answers "what may this person do in this workspace?". In single-user mode (no accounts exist yet,
/// so nobody has signed in) the local user owns everything; once accounts exist, roles come from the
/// store.
/// </summary>
public sealed class WorkspaceAccess(IMembershipStore store, ISingleUserMode singleUser)
{
    /// <summary>The role of <paramref name="actor"/> in a workspace.</summary>
    public async Task<WorkspaceRole> RoleAsync(Guid workspaceId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor.IsAdministrator || await singleUser.IsActiveAsync(cancellationToken))
        {
            return WorkspaceRole.Owner;
        }

        return actor == Actor.Local || actor == Actor.System ? WorkspaceRole.None : await store.RoleAsync(workspaceId, actor.Id, cancellationToken);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> unless <paramref name="actor"/> may do <paramref name="permission"/>.</summary>
    public async Task<WorkspaceRole> DemandAsync(Guid workspaceId, Actor actor, Permission permission, CancellationToken cancellationToken = default)
    {
        var role = await RoleAsync(workspaceId, actor, cancellationToken);
        if (!role.Allows(permission))
        {
            throw new AccessDeniedException(role == WorkspaceRole.None
                ? "You have no access to this workspace. Ask its owner for an invitation link."
                : $"As {Article(role)} {role.ToString().ToLowerInvariant()} you may not {Describe(permission)}; that needs the {Permissions.Required(permission).ToString().ToLowerInvariant()} role.");
        }

        return role;
    }

    /// <summary>Makes someone a member (a higher role than they have; never lowers one).</summary>
    public async Task GrantAsync(Guid workspaceId, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        if (await store.RoleAsync(workspaceId, userId, cancellationToken) < role)
        {
            await store.SetRoleAsync(workspaceId, userId, role, cancellationToken);
        }
    }

    private static string Article(WorkspaceRole role) => role is WorkspaceRole.Owner or WorkspaceRole.Editor ? "an" : "a";

    private static string Describe(Permission permission) => permission switch
    {
        Permission.View => "see it",
        Permission.Comment => "comment",
        Permission.Suggest => "suggest changes",
        Permission.Decide => "approve or request changes",
        Permission.Edit => "edit the draft",
        Permission.ApplySuggestion => "apply suggestions",
        Permission.OpenReview => "open a review",
        Permission.Merge => "merge the change",
        Permission.Invite => "invite people",
        _ => "manage the workspace",
    };
}
