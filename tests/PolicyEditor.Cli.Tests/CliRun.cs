using System.Text;

namespace PolicyEditor.Cli.Tests;

/// <summary>What one run of the command line gave.</summary>
internal sealed record CliResult(int Code, string Output, string Error);

/// <summary>Runs the command line in the test process, with the standard input and PATH a test gives it.</summary>
internal static class CliRun
{
    /// <summary>Runs <paramref name="args"/> with empty standard input and the machine's PATH.</summary>
    public static CliResult Run(params string[] args) => WithInput(string.Empty, args);

    /// <summary>Runs <paramref name="args"/> with <paramref name="input"/> as standard input.</summary>
    public static CliResult WithInput(string input, params string[] args) => With(input, CliContext.ProgramOnPath, args);

    /// <summary>Runs <paramref name="args"/> with a PATH lookup of the test's own (a machine without Graphviz).</summary>
    public static CliResult With(string input, Func<string, string?> findProgram, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, () => new MemoryStream(Encoding.UTF8.GetBytes(input)), findProgram);
        var code = Cli.Run(args, context);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The shop sample's folder.</summary>
    public static string Shop => Repository.PathOf("samples", "shop");
}
