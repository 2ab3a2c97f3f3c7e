using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Tutorials;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor tutorial check DIR</c>: the lesson author's check. Every lesson file is read (schema
/// errors with file, line and field); every check must name workloads that exist; every step's goal must
/// fail at the step's start and hold after its reference solution.
/// </summary>
internal static class TutorialCommand
{
    public static readonly CommandSpec Spec = new("tutorial", "tutorial check DIR [--samples DIR]",
        "check lesson files: each step's goal fails at its start and holds after its solution",
        [Option.Value("samples", "DIR", "the samples folder (default: beside the lessons folder or the program)")], Run, MaxWords: 2);

    private static int Run(CommandLine line, CliContext context)
    {
        var (output, error) = (context.Output, context.Error);
        if (line.Words.Count != 2 || line.Words[0] != "check")
        {
            throw new UsageException("write: policyeditor tutorial check DIR [--samples DIR]");
        }

        var directory = Path.GetFullPath(line.Words[1]);
        if (!Directory.Exists(directory))
        {
            throw new InputException($"{line.Words[1]}: there is no such folder.");
        }

        var samples = line.Optional("samples") ?? FindSamples(directory)
            ?? throw new InputException($"no samples folder beside {line.Words[1]} or the program; name one with --samples DIR.");
        var (lessons, problems) = LessonReader.ReadDirectory(directory);
        var diagnostics = problems.ToList();
        var runner = new LessonRunner(Path.GetFullPath(samples));
        foreach (var lesson in lessons)
        {
            var found = runner.Check(lesson);
            diagnostics.AddRange(found);
            if (found.Count == 0)
            {
                output.WriteLine($"ok   {lesson.Id}: {lesson.Steps.Count} step(s), each failing at its start and passing after its solution");
            }
        }

        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(Relative(diagnostic.ToString()));
        }

        var bad = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var files = LessonReader.LessonFiles(directory).Count();
        output.WriteLine(bad == 0 ? $"{files} lesson(s) checked: all sound." : $"{files} lesson(s) checked: {bad} problem(s).");
        return bad == 0 ? 0 : 1;
    }

    /// <summary>The samples folder next to the lessons folder, or beside the program.</summary>
    private static string? FindSamples(string lessons) =>
        new[] { Path.Combine(Path.GetDirectoryName(lessons) ?? lessons, "samples"), Path.Combine(AppContext.BaseDirectory, "samples") }.FirstOrDefault(Directory.Exists);

    private static string Relative(string text) => text.Replace(Environment.CurrentDirectory + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
}
