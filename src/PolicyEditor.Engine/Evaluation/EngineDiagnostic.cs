namespace PolicyEditor.Engine.Evaluation;

/// <summary>How serious a finding is.</summary>
public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>Something the engine noticed while compiling the cluster that the user should know (never fatal).</summary>
public sealed record EngineDiagnostic(DiagnosticSeverity Severity, string Subject, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Subject}: {Message}";
}
