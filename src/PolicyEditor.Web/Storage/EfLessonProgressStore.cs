using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Storage.Rows;
using PolicyEditor.Web.Tutorials;

namespace PolicyEditor.Web.Storage;

/// <summary>Lesson progress in the database, per learner, beside the lesson's workspace (deleting the workspace forgets it).</summary>
public sealed class EfLessonProgressStore(IDbContextFactory<StorageContext> contexts) : ILessonProgressStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, LessonProgress>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.LessonProgress.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.LessonId, ToProgress, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<LessonProgress?> GetAsync(string userId, string lessonId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LessonProgress.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.LessonId == lessonId, cancellationToken);
        return row is null ? null : ToProgress(row);
    }

    /// <inheritdoc />
    public async Task SaveAsync(LessonProgress progress, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LessonProgress.FirstOrDefaultAsync(r => r.UserId == progress.UserId && r.LessonId == progress.LessonId, cancellationToken);
        if (row is null)
        {
            row = new LessonProgressRow { UserId = progress.UserId, LessonId = progress.LessonId };
            db.LessonProgress.Add(row);
        }

        row.WorkspaceId = progress.WorkspaceId;
        row.Step = progress.Step;
        row.Completed = progress.Completed;
        row.Updated = progress.Updated.UtcTicks;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string userId, string lessonId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.LessonProgress.Where(r => r.UserId == userId && r.LessonId == lessonId).ExecuteDeleteAsync(cancellationToken);
    }

    private static LessonProgress ToProgress(LessonProgressRow row) => new(row.UserId, row.LessonId, row.WorkspaceId, row.Step, row.Completed, new DateTimeOffset(row.Updated, TimeSpan.Zero));
}
