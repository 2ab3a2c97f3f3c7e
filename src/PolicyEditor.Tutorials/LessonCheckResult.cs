using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Tutorials;

/// <summary>One line of a step's checklist: a reachability or structural check, whether it holds, and why not.</summary>
public sealed record LessonCheckResult(string Text, bool Passed, string Message, Explanation? Explanation);
