using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Goals;

/// <summary>
/// Whether a check holds, and if not, the first pair that breaks it, in words, with the engine's
/// explanation of the deciding connection (which policy decides, or that nothing allows it).
/// </summary>
public sealed record CheckResult(ReachabilityCheck Check, bool Passed, string Message, Explanation? Explanation)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Check.Text}{(Passed ? string.Empty : $": {Message}")}";
}
