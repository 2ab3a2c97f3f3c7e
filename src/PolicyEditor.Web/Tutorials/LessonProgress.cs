namespace PolicyEditor.Web.Tutorials;

/// <summary>
/// How far a learner is in one lesson: the workspace made from the lesson's start, the step shown
/// (from 0), and how many steps are done (steps are done in order). A lesson is finished when every step is.
/// </summary>
public sealed record LessonProgress(string LessonId, Guid WorkspaceId, int Step, int Completed, DateTimeOffset Updated)
{
    /// <summary>True when step <paramref name="index"/> (from 0) is done.</summary>
    public bool IsDone(int index) => index < Completed;
}

/// <summary>Where lesson progress is kept (with the workspaces, so it lasts across reloads and restarts).</summary>
public interface ILessonProgressStore
{
    /// <summary>The progress of every lesson started.</summary>
    Task<IReadOnlyDictionary<string, LessonProgress>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One lesson's progress, or null when it was never started.</summary>
    Task<LessonProgress?> GetAsync(string lessonId, CancellationToken cancellationToken = default);

    /// <summary>Records a lesson's progress (replacing what was there).</summary>
    Task SaveAsync(LessonProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Forgets a lesson's progress (the learner starts it over).</summary>
    Task DeleteAsync(string lessonId, CancellationToken cancellationToken = default);
}

/// <summary>Lesson progress in memory: for tests, and for a run without a database.</summary>
public sealed class InMemoryLessonProgressStore : ILessonProgressStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LessonProgress> _progress = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, LessonProgress>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, LessonProgress>>(new Dictionary<string, LessonProgress>(_progress, StringComparer.Ordinal));

    public Task<LessonProgress?> GetAsync(string lessonId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_progress.GetValueOrDefault(lessonId));

    public Task SaveAsync(LessonProgress progress, CancellationToken cancellationToken = default)
    {
        _progress[progress.LessonId] = progress;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string lessonId, CancellationToken cancellationToken = default)
    {
        _progress.TryRemove(lessonId, out _);
        return Task.CompletedTask;
    }
}
