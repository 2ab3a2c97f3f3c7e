using Microsoft.Extensions.Options;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Tutorials;

namespace PolicyEditor.Web.Tutorials;

/// <summary>
/// The lessons shipped with the app. Each is read and checked like <c>policyeditor tutorial check</c> does
/// on first use; a lesson with any problem is left out (and logged), so none is ever shown half-broken.
/// </summary>
public sealed class LessonCatalog
{
    private readonly Lazy<IReadOnlyList<Lesson>> _lessons;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), Cluster> _starts = new();

    public LessonCatalog(IOptions<TutorialOptions> options, ILogger<LessonCatalog> logger)
    {
        var settings = options.Value;
        Runner = new LessonRunner(Path.GetFullPath(settings.SamplesDirectory, AppContext.BaseDirectory));
        var directory = Path.GetFullPath(settings.LessonsDirectory, AppContext.BaseDirectory);
        _lessons = new Lazy<IReadOnlyList<Lesson>>(() => Load(directory, Runner, logger));
    }

    /// <summary>Builds the lessons' clusters.</summary>
    public LessonRunner Runner { get; }

    /// <summary>Every sound lesson, in order.</summary>
    public IReadOnlyList<Lesson> All => _lessons.Value;

    /// <summary>A lesson by id, or null.</summary>
    public Lesson? Find(string id) => All.FirstOrDefault(l => l.Id == id);

    /// <summary>The reference start of a step (from 0): the lesson's start with the earlier steps' solutions applied.</summary>
    public Cluster StepStart(Lesson lesson, int index) =>
        _starts.GetOrAdd((lesson.Id, index), _ => Runner.StepStart(lesson, index, []) ?? throw new InvalidOperationException($"Lesson {lesson.Id} no longer starts."));

    /// <summary>The changes a step's reference solution makes to the learner's cluster.</summary>
    public IReadOnlyList<PolicyChange> Solution(Lesson lesson, int index, Cluster current) =>
        LessonRunner.Solution(lesson, lesson.Steps[index], current, []) ?? [];

    private static IReadOnlyList<Lesson> Load(string directory, LessonRunner runner, ILogger logger)
    {
        var (lessons, problems) = LessonReader.ReadDirectory(directory);
        foreach (var problem in problems)
        {
            logger.LogError("Lesson file problem: {Problem}", problem);
        }

        var sound = new List<Lesson>();
        foreach (var lesson in lessons)
        {
            var found = runner.Check(lesson);
            if (found.Count == 0)
            {
                sound.Add(lesson);
                continue;
            }

            foreach (var problem in found)
            {
                logger.LogError("Lesson {Lesson} is left out: {Problem}", lesson.Id, problem);
            }
        }

        logger.LogInformation("Loaded {Count} lessons from {Directory}", sound.Count, directory);
        return sound;
    }
}
