using System.Collections.Concurrent;

namespace PolicyEditor.Web.Access;

/// <summary>Memberships in this process only (tests, and single-instance runs without a database).</summary>
public sealed class InMemoryMembershipStore : IMembershipStore
{
    private readonly ConcurrentDictionary<(Guid, string), WorkspaceRole> _roles = new();

    public Task<WorkspaceRole> RoleAsync(Guid workspaceId, string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_roles.TryGetValue((workspaceId, userId), out var role) ? role : WorkspaceRole.None);

    public Task SetRoleAsync(Guid workspaceId, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        _roles[(workspaceId, userId)] = role;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string UserId, WorkspaceRole Role)>> MembersAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<(string, WorkspaceRole)>>([.. _roles.Where(r => r.Key.Item1 == workspaceId).Select(r => (r.Key.Item2, r.Value))]);
}
