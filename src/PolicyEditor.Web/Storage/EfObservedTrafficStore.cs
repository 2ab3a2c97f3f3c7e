using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Storage.Rows;
using PolicyEditor.Web.Traffic;

namespace PolicyEditor.Web.Storage;

/// <summary>Observed traffic kept with the workspace in the database, one row per workspace.</summary>
public sealed class EfObservedTrafficStore(IDbContextFactory<StorageContext> contexts) : IObservedTrafficStore
{
    /// <inheritdoc />
    public async Task<ObservedTrafficRecord> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ObservedTraffic.AsNoTracking().FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId, cancellationToken);
        return row is null ? ObservedTrafficRecord.None : ObservedTrafficCodec.Decode(row.Content, row.ImportedAt);
    }

    /// <inheritdoc />
    public async Task SaveAsync(Guid workspaceId, ObservedTrafficRecord record, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, cancellationToken))
        {
            return;
        }

        var row = await db.ObservedTraffic.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId, cancellationToken);
        if (row is null)
        {
            row = new ObservedTrafficRow { WorkspaceId = workspaceId };
            db.ObservedTraffic.Add(row);
        }

        (row.Content, row.Connections, row.Records, row.ImportedAt) = (ObservedTrafficCodec.Encode(record), record.Traffic.Connections.Count, record.Traffic.Records, record.ImportedAt);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ClearAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ObservedTraffic.Where(r => r.WorkspaceId == workspaceId).ExecuteDeleteAsync(cancellationToken);
    }
}
