using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Lint;

/// <summary>
/// Something in a policy that is legal but probably not what its author meant, with the policy (and
/// rule) it is about and a sentence that says what happens and what to do instead.
/// </summary>
public sealed record LintFinding(string Code, DiagnosticSeverity Severity, string Policy, RuleReference? Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Code}: {Policy}: {Message}";
}
