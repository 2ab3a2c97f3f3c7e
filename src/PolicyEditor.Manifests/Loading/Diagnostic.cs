using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// A problem or note about the input, precise enough to fix it: file, line and column (from 1), the
/// object (<c>Kind/namespace/name</c>), the field path, and a sentence a person understands.
/// </summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string File,
    int Line,
    int Column,
    string? Object,
    string? Field,
    string Message)
{
    /// <summary><c>file:line:column: severity: object: field: message</c>, the form compilers use.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var what = Object is null ? string.Empty : $"{Object}: ";
        var field = Field is null ? string.Empty : $"{Field}: ";
        return $"{where}: {Severity.ToString().ToLowerInvariant()}: {what}{field}{Message}";
    }
}
