using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Storage.Rows;

namespace PolicyEditor.Web.Storage;

/// <summary>The positions users dragged graph nodes to, kept with the workspace in the database.</summary>
public sealed class EfGraphLayoutStore(IDbContextFactory<StorageContext> contexts) : IGraphLayoutStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, GraphPoint>> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.GraphPositions.AsNoTracking().Where(p => p.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.NodeId, r => new GraphPoint(r.X, r.Y), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task SaveAsync(Guid workspaceId, IReadOnlyDictionary<string, GraphPoint> moved, CancellationToken cancellationToken = default)
    {
        if (moved.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, cancellationToken))
        {
            return;
        }

        var ids = moved.Keys.ToList();
        var existing = await db.GraphPositions.Where(p => p.WorkspaceId == workspaceId && ids.Contains(p.NodeId)).ToDictionaryAsync(p => p.NodeId, StringComparer.Ordinal, cancellationToken);
        foreach (var (id, point) in moved)
        {
            if (existing.TryGetValue(id, out var row))
            {
                row.X = point.X;
                row.Y = point.Y;
            }
            else
            {
                db.GraphPositions.Add(new GraphPositionRow { WorkspaceId = workspaceId, NodeId = id, X = point.X, Y = point.Y });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ClearAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.GraphPositions.Where(p => p.WorkspaceId == workspaceId).ExecuteDeleteAsync(cancellationToken);
    }
}
