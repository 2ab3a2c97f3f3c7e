namespace PolicyEditor.Web.Access;

/// <summary>Where workspace memberships are kept: who has which role in which workspace.</summary>
public interface IMembershipStore
{
    /// <summary>A user's role in a workspace (<see cref="WorkspaceRole.None"/> when they are no member).</summary>
    Task<WorkspaceRole> RoleAsync(Guid workspaceId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Makes a user a member with this role, or changes their role.</summary>
    Task SetRoleAsync(Guid workspaceId, string userId, WorkspaceRole role, CancellationToken cancellationToken = default);

    /// <summary>Every member of a workspace with their role.</summary>
    Task<IReadOnlyList<(string UserId, WorkspaceRole Role)>> MembersAsync(Guid workspaceId, CancellationToken cancellationToken = default);
}
