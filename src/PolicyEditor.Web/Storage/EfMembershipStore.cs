using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Storage.Rows;

namespace PolicyEditor.Web.Storage;

/// <summary>Workspace memberships in the database, so everyone's access survives restarts and is shared by every app instance.</summary>
public sealed class EfMembershipStore(IDbContextFactory<StorageContext> contexts) : IMembershipStore
{
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
