using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage.Rows;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// Workspace memberships (who has which role) kept in the database, so access survives a restart;
/// review sessions themselves are still kept by <paramref name="sessions"/> (in memory for now).
/// </summary>
public sealed class EfMembershipReviewStore(IDbContextFactory<StorageContext> contexts, InMemoryReviewStore sessions) : IReviewStore
{
    /// <inheritdoc />
    public Task<ReviewSession?> LoadAsync(Guid reviewId, CancellationToken cancellationToken = default) => sessions.LoadAsync(reviewId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewSession>> ListAsync(Guid? workspaceId, CancellationToken cancellationToken = default) => sessions.ListAsync(workspaceId, cancellationToken);

    /// <inheritdoc />
    public Task SaveAsync(ReviewSession? previous, ReviewSession next, CancellationToken cancellationToken = default) => sessions.SaveAsync(previous, next, cancellationToken);

    /// <inheritdoc />
    public Task<(ReviewSession Review, ReviewInvite Invite)?> FindInviteAsync(string tokenHash, CancellationToken cancellationToken = default) => sessions.FindInviteAsync(tokenHash, cancellationToken);

    /// <inheritdoc />
    public async Task<WorkspaceRole> RoleAsync(Guid workspaceId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, cancellationToken);
        return row is null ? WorkspaceRole.None : (WorkspaceRole)row.Role;
    }

    /// <inheritdoc />
    public async Task SetRoleAsync(Guid workspaceId, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Members.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, cancellationToken);
        if (row is null)
        {
            db.Members.Add(new MemberRow { WorkspaceId = workspaceId, UserId = userId, Role = (int)role });
        }
        else
        {
            row.Role = (int)role;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string UserId, WorkspaceRole Role)>> MembersAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Members.AsNoTracking().Where(m => m.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.UserId, (WorkspaceRole)r.Role))];
    }
}
