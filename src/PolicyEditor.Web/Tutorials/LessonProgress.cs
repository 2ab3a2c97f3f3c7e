namespace PolicyEditor.Web.Tutorials;

/// <summary>
/// How far a learner (by user id) is in one lesson: the workspace made from the lesson's start, the step
/// shown (from 0), and how many steps are done (steps are done in order). A lesson is finished when every
/// step is. Each learner has their own progress and their own workspace per lesson.
/// </summary>
public sealed record LessonProgress(string UserId, string LessonId, Guid WorkspaceId, int Step, int Completed, DateTimeOffset Updated)
{
    /// <summary>True when step <paramref name="index"/> (from 0) is done.</summary>
    public bool IsDone(int index) => index < Completed;
}

/// <summary>Where lesson progress is kept (with the workspaces, so it lasts across reloads and restarts).</summary>
public interface ILessonProgressStore
{
    /// <summary>The progress of every lesson a learner started.</summary>
    Task<IReadOnlyDictionary<string, LessonProgress>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>A learner's progress in one lesson, or null when they never started it.</summary>
    Task<LessonProgress?> GetAsync(string userId, string lessonId, CancellationToken cancellationToken = default);

    /// <summary>Records a learner's progress in a lesson (replacing what was there).</summary>
    Task SaveAsync(LessonProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Forgets a learner's progress in a lesson (they start it over).</summary>
    Task DeleteAsync(string userId, string lessonId, CancellationToken cancellationToken = default);
}

/// <summary>Lesson progress in memory: for tests, and for a run without a database.</summary>
public sealed class InMemoryLessonProgressStore : ILessonProgressStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string UserId, string LessonId), LessonProgress> _progress = new();

    public Task<IReadOnlyDictionary<string, LessonProgress>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, LessonProgress>>(_progress.Values.Where(p => p.UserId == userId).ToDictionary(p => p.LessonId, StringComparer.Ordinal));

    public Task<LessonProgress?> GetAsync(string userId, string lessonId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_progress.GetValueOrDefault((userId, lessonId)));

    public Task SaveAsync(LessonProgress progress, CancellationToken cancellationToken = default)
    {
        _progress[(progress.UserId, progress.LessonId)] = progress;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string userId, string lessonId, CancellationToken cancellationToken = default)
    {
        _progress.TryRemove((userId, lessonId), out _);
        return Task.CompletedTask;
    }
}
