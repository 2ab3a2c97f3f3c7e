using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage.Rows;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// Review sessions in the database, so reviews and their records survive restarts and are shared by
/// every app instance on the same database. A review is a row (its title, participants, decisions,
/// invitations) and a row for each comment and suggestion, so that adding one writes one row, however
/// long the discussion. Workspace memberships are kept by EfMembershipStore.
/// </summary>
public sealed class EfReviewStore(IDbContextFactory<StorageContext> contexts) : IReviewStore
{
    /// <inheritdoc />
    public async Task<ReviewSession?> LoadAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        return row is null ? null : (await WithItemsAsync(db, [row], cancellationToken))[0];
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
        return await WithItemsAsync(db, rows, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SaveAsync(ReviewSession? previous, ReviewSession next, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        static string Hashes(ReviewSession review) => string.Join(' ', review.Invites.Select(i => i.TokenHash));
        var json = ReviewJson.Write(Core(next));
        var hashes = Hashes(next);
        if (previous is null)
        {
            db.Reviews.Add(new ReviewRow { Id = next.Id, WorkspaceId = next.WorkspaceId, Created = next.Created.UtcTicks, InviteHashes = hashes, Json = json });
        }
        else
        {
            var before = ReviewJson.Write(Core(previous));
            if (before != json || Hashes(previous) != hashes)
            {
                // The row must still hold the review this save replaces; its text is the concurrency token.
                var row = await db.Reviews.FirstOrDefaultAsync(r => r.Id == next.Id, cancellationToken);
                if (row is null || ReviewJson.Write(ReviewJson.Read(row.Json)) != before)
                {
                    throw new ReviewConflictException("The review changed meanwhile.");
                }

                row.InviteHashes = hashes;
                row.Json = json;
            }
        }

        await SaveItemsAsync(db, next.Id, ReviewItemKind.Comment, previous?.Comments ?? [], next.Comments, c => c.Id, cancellationToken);
        await SaveItemsAsync(db, next.Id, ReviewItemKind.Suggestion, previous?.Suggestions ?? [], next.Suggestions, s => s.Id, cancellationToken);
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
        foreach (var row in rows)
        {
            if (ReviewJson.Read(row.Json).Invites.FirstOrDefault(i => i.TokenHash == tokenHash) is { } invite)
            {
                return ((await WithItemsAsync(db, [row], cancellationToken))[0], invite);
            }
        }

        return null;
    }

    /// <summary>What the review row holds: the review without its comments and suggestions.</summary>
    private static ReviewSession Core(ReviewSession review) => review with { Comments = [], Suggestions = [] };

    /// <summary>The reviews of rows, with their comments and suggestions from their own rows.</summary>
    private static async Task<List<ReviewSession>> WithItemsAsync(StorageContext db, IReadOnlyList<ReviewRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var items = (await db.ReviewItems.AsNoTracking().Where(i => ids.Contains(i.ReviewId)).OrderBy(i => i.Position).ToListAsync(cancellationToken))
            .ToLookup(i => (i.ReviewId, (ReviewItemKind)i.Kind));
        return [.. rows.Select(row => ReviewJson.Read(row.Json) with
        {
            Comments = [.. items[(row.Id, ReviewItemKind.Comment)].Select(i => ReviewJson.ReadItem<ReviewComment>(i.Json))],
            Suggestions = [.. items[(row.Id, ReviewItemKind.Suggestion)].Select(i => ReviewJson.ReadItem<ReviewSuggestion>(i.Json))],
        })];
    }

    /// <summary>
    /// Writes what changed in one of a review's lists: a row for each new item, and for each changed or
    /// removed one the row checked to still hold what this save replaces (else the save is a conflict).
    /// </summary>
    private static async Task SaveItemsAsync<T>(StorageContext db, Guid reviewId, ReviewItemKind kind, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, Guid> id, CancellationToken cancellationToken)
        where T : notnull
    {
        var old = before.Select((item, position) => (Item: item, Position: position)).ToDictionary(x => id(x.Item));
        for (var position = 0; position < after.Count; position++)
        {
            var item = after[position];
            if (!old.Remove(id(item), out var was))
            {
                db.ReviewItems.Add(new ReviewItemRow { Id = id(item), ReviewId = reviewId, Kind = (int)kind, Position = position, Json = ReviewJson.WriteItem(item) });
            }
            else if (!Equals(was.Item, item) || was.Position != position)
            {
                var row = await StoredAsync(db, was.Item, id, cancellationToken);
                row.Position = position;
                row.Json = ReviewJson.WriteItem(item);
            }
        }

        foreach (var (item, _) in old.Values)
        {
            db.ReviewItems.Remove(await StoredAsync(db, item, id, cancellationToken));
        }
    }

    /// <summary>The row of an item, tracked, when it still holds <paramref name="item"/>; else a conflict.</summary>
    private static async Task<ReviewItemRow> StoredAsync<T>(StorageContext db, T item, Func<T, Guid> id, CancellationToken cancellationToken)
        where T : notnull
    {
        var key = id(item);
        var row = await db.ReviewItems.FirstOrDefaultAsync(i => i.Id == key, cancellationToken);
        return row is not null && ReviewJson.WriteItem(ReviewJson.ReadItem<T>(row.Json)) == ReviewJson.WriteItem(item)
            ? row
            : throw new ReviewConflictException("The review changed meanwhile.");
    }
}
