namespace PolicyEditor.Cli;

/// <summary>
/// What a command may touch outside its arguments: where it writes, how it opens standard input, and how
/// it finds a program (Graphviz's <c>dot</c>) on the PATH. Tests hand in their own.
/// </summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error, Func<Stream> OpenStandardInput, Func<string, string?> FindProgram)
{
    /// <summary>The process's standard input and PATH.</summary>
    public static CliContext ForProcess(TextWriter output, TextWriter error) =>
        new(output, error, Console.OpenStandardInput, ProgramOnPath);

    /// <summary>The full path of an executable found on the PATH, or null.</summary>
    public static string? ProgramOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? [name + ".exe", name] : new[] { name };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in names.Select(n => Path.Combine(dir, n)))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
