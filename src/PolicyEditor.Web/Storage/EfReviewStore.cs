using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage.Rows;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// Review sessions in the database, so reviews and their records survive restarts and are shared by
/// every app instance on the same database.
/// </summary>
public sealed class EfReviewStore(IDbContextFactory<StorageContext> contexts) : IReviewStore
{
    /// <inheritdoc />
    public async Task<ReviewSession?> LoadAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        return row is null ? null : ReviewJson.Read(row.Json);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewSession>> ListAsync(Guid? workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Reviews.AsNoTracking();
        if (workspaceId is { } id)
        {
            query = query.Where(r => r.WorkspaceId == id);
        }

        var rows = await query.OrderByDescending(r => r.Created).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ReviewJson.Read(r.Json))];
    }

    /// <inheritdoc />
    public async Task SaveAsync(ReviewSession? previous, ReviewSession next, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        static string Hashes(ReviewSession review) => string.Join(' ', review.Invites.Select(i => i.TokenHash));
        var json = ReviewJson.Write(next);
        var hashes = Hashes(next);
        if (previous is null)
        {
            db.Reviews.Add(new ReviewRow { Id = next.Id, WorkspaceId = next.WorkspaceId, Created = next.Created.UtcTicks, InviteHashes = hashes, Json = json });
        }
        else
        {
            // The row must still hold the document this save replaces; the JSON is the concurrency token.
            var row = new ReviewRow
            {
                Id = next.Id, WorkspaceId = next.WorkspaceId, Created = next.Created.UtcTicks,
                InviteHashes = Hashes(previous), Json = ReviewJson.Write(previous),
            };
            db.Reviews.Attach(row);
            row.InviteHashes = hashes;
            row.Json = json;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw new ReviewConflictException(previous is null ? $"The review already exists ({e.InnerException?.Message ?? e.Message})." : "The review changed meanwhile.");
        }
    }

    /// <inheritdoc />
    public async Task<(ReviewSession Review, ReviewInvite Invite)?> FindInviteAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Reviews.AsNoTracking().Where(r => r.InviteHashes.Contains(tokenHash)).ToListAsync(cancellationToken);
        foreach (var review in rows.Select(r => ReviewJson.Read(r.Json)))
        {
            if (review.Invites.FirstOrDefault(i => i.TokenHash == tokenHash) is { } invite)
            {
                return (review, invite);
            }
        }

        return null;
    }
}
