using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;
using PolicyEditor.Tutorials;

namespace PolicyEditor.Web.Tutorials;

/// <summary>
/// A learner's way through the lessons: each lesson is worked in a workspace of its own made from the
/// lesson's start, with the ordinary tools; progress is kept beside the workspaces.
/// </summary>
public sealed class TutorialService(LessonCatalog catalog, ILessonProgressStore progress, WorkspaceService workspaces, TimeProvider time)
{
    /// <summary>The lessons.</summary>
    public LessonCatalog Catalog => catalog;

    /// <summary>How the name of a lesson's workspace starts.</summary>
    public const string WorkspacePrefix = "Tutorial: ";

    /// <summary>The progress of every lesson <paramref name="learner"/> started.</summary>
    public Task<IReadOnlyDictionary<string, LessonProgress>> ProgressAsync(Actor learner, CancellationToken cancellationToken = default) => progress.ListAsync(learner.Id, cancellationToken);

    /// <summary><paramref name="learner"/>'s progress in one lesson, or null.</summary>
    public Task<LessonProgress?> ProgressAsync(Actor learner, string lessonId, CancellationToken cancellationToken = default) => progress.GetAsync(learner.Id, lessonId, cancellationToken);

    /// <summary>Opens a lesson for <paramref name="actor"/>: their progress and workspace, made from the lesson's start the first time (or when the workspace was deleted).</summary>
    public async Task<LessonProgress> OpenAsync(Lesson lesson, Actor actor, CancellationToken cancellationToken = default)
    {
        var known = await progress.GetAsync(actor.Id, lesson.Id, cancellationToken);
        if (known is not null && await workspaces.GetAsync(known.WorkspaceId, cancellationToken) is not null)
        {
            return known;
        }

        var state = await workspaces.CreateAsync($"{WorkspacePrefix}{lesson.Title}", catalog.StepStart(lesson, 0), actor, $"Started the lesson \"{lesson.Title}\"", cancellationToken);
        var started = new LessonProgress(actor.Id, lesson.Id, state.Id, 0, 0, time.GetUtcNow());
        await progress.SaveAsync(started, cancellationToken);
        return started;
    }

    /// <summary>Starts a lesson over: a fresh workspace from its start, no step done.</summary>
    public async Task<LessonProgress> RestartAsync(Lesson lesson, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await progress.GetAsync(actor.Id, lesson.Id, cancellationToken) is { } known)
        {
            await progress.DeleteAsync(actor.Id, lesson.Id, cancellationToken);
            await workspaces.DeleteAsync(known.WorkspaceId, actor, cancellationToken);
        }

        return await OpenAsync(lesson, actor, cancellationToken);
    }

    /// <summary>A step's checklist on the learner's cluster.</summary>
    public IReadOnlyList<LessonCheckResult> Evaluate(Lesson lesson, int step, ClusterEvaluator current) =>
        LessonRunner.Evaluate(lesson.Steps[step], current, catalog.StepStart(lesson, step));

    /// <summary>Records that a step is done (steps are done in order).</summary>
    public async Task<LessonProgress> CompleteAsync(LessonProgress current, int step, CancellationToken cancellationToken = default)
    {
        if (current.IsDone(step) || step > current.Completed)
        {
            return current;
        }

        var next = current with { Completed = step + 1, Updated = time.GetUtcNow() };
        await progress.SaveAsync(next, cancellationToken);
        return next;
    }

    /// <summary>Shows another step (one already reached).</summary>
    public async Task<LessonProgress> GoToAsync(LessonProgress current, int step, CancellationToken cancellationToken = default)
    {
        var next = current with { Step = Math.Clamp(step, 0, current.Completed), Updated = time.GetUtcNow() };
        await progress.SaveAsync(next, cancellationToken);
        return next;
    }
}
