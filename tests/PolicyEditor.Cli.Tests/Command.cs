namespace PolicyEditor.Cli.Tests;

/// <summary>Runs the command line as a user would, capturing what it writes.</summary>
internal static class Command
{
    /// <summary>Runs <c>policyeditor</c> with <paramref name="args"/>: its exit code, standard output and standard error (both with \n line ends).</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
