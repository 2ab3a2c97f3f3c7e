namespace PolicyEditor.Cli;

/// <summary>What the process's exit code tells a pipeline.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked, and every check held.</summary>
    public const int Success = 0;

    /// <summary>The input could not be analysed (nothing loaded, the cluster unreachable, a tool missing).</summary>
    public const int InputFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The policies fail what was asked of them: a goal of <c>check</c> failed, or <c>lint</c> found problems at or above <c>--fail-on</c>.</summary>
    public const int ChecksFailed = 3;

    /// <summary>The lines of the usage text that explain them.</summary>
    public const string Explained = "Exit codes: 0 success, 1 the input could not be analysed, 2 wrong usage, 3 a goal of 'check' failed or 'lint' found problems.";
}
