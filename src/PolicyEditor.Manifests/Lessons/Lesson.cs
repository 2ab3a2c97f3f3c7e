using PolicyEditor.Engine.Goals;

namespace PolicyEditor.Manifests.Lessons;

/// <summary>
/// A guided tutorial: where it starts (a bundled sample, its policies kept or not, plus extra objects)
/// and its ordered steps. Read from one YAML file of the lessons folder; its id is the file's name.
/// </summary>
public sealed record Lesson(
    string Id,
    string File,
    string Title,
    LessonLevel Level,
    int Minutes,
    string Summary,
    LessonStart Start,
    IReadOnlyList<LessonStep> Steps);

/// <summary>How hard a lesson is, for the catalogue.</summary>
public enum LessonLevel
{
    Beginner,
    Intermediate,
    Advanced,
}

/// <summary>
/// A lesson's starting cluster: a bundled sample (by key), with or without its NetworkPolicies, and
/// manifests added to it (the whole cluster when there is no sample). <see cref="ManifestsLine"/> is the
/// lesson file's line just before the manifests' first line, so their errors point into the lesson.
/// </summary>
public sealed record LessonStart(string? Sample, bool KeepPolicies, string? Manifests, int ManifestsLine);

/// <summary>
/// One step: explanatory Markdown, hints shown one at a time, the goal as reachability checks and
/// optional structural checks, and the reference solution that reaches the goal from the step's start.
/// </summary>
public sealed record LessonStep(
    int Number,
    string Title,
    string Text,
    IReadOnlyList<string> Hints,
    IReadOnlyList<LessonCheck> Checks,
    LessonStructure Structure,
    LessonSolution Solution,
    int Line);

/// <summary>One reachability check of a step's goal, with the line it is written on.</summary>
public sealed record LessonCheck(ReachabilityCheck Check, int Line);

/// <summary>
/// Structural checks: at most this many NetworkPolicies added during the step; no policy that selects no
/// pod; a posture score (the one every workspace's Posture tab shows) of at least this much.
/// </summary>
public sealed record LessonStructure(int? MaxPoliciesAdded, bool NoPolicySelectsNothing, int? MinPostureScore = null)
{
    public static readonly LessonStructure None = new(null, false);
}

/// <summary>
/// The reference solution: policies of any dialect to add or replace (YAML) and policies to delete
/// (<c>namespace/name</c> for a NetworkPolicy, <c>Kind namespace/name</c> or <c>Kind name</c> for other kinds). <see cref="ApplyLine"/> is the line just before the YAML's first line.
/// </summary>
public sealed record LessonSolution(string? Apply, int ApplyLine, IReadOnlyList<string> Delete);
