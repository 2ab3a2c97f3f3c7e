using System.Text.Json;
using System.Xml.Linq;
using PolicyEditor.Cli.Inputs;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Goals;
using PolicyEditor.Manifests.Goals;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor check --goals FILE</c>: reachability requirements as tests. Each goal of the file
/// (<c>docs/goals.md</c>) is checked with the lessons' goal checker and printed with PASS or FAIL, and each
/// failure with the engine's explanation of the first connection that breaks it; the exit code is 3 when
/// a goal fails, so a policy repository's pipeline fails with it.
/// </summary>
internal static class CheckCommand
{
    private static readonly Option Goals = Option.Value("goals", "FILE", "the goals file (format: docs/goals.md)");

    private static readonly Option Format = Option.Value("output", "FORMAT", "txt (default), json, or junit (JUnit XML for a CI's test report)", 'o');

    public static readonly CommandSpec Spec = new("check", "check --goals FILE -f FILE|DIR|ARCHIVE|- [-o txt|json|junit]",
        "reachability requirements as tests: exit code 3 when one fails", [Goals, .. InputOptions.All, Format], Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var format = line.Choice(Format.Name, ["txt", "json", "junit"], "txt");
        var file = line.Required(Goals.Name);
        if (FileKinds.Target(file) != FileKind.Regular)
        {
            throw new UsageException($"'{file}' is not a goals file (a regular file).");
        }

        var (goals, problems) = GoalsReader.Read(file, File.ReadAllText(file));
        foreach (var problem in problems)
        {
            context.Error.WriteLine(problem);
        }

        if (goals.Count == 0)
        {
            throw new InputException($"{file} holds no goal that can be checked (see the errors above).");
        }

        var loaded = InputLoader.Load(line, context);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        InputLoader.Report(evaluator, context);
        var results = goals.Select(g => (Goal: g, Result: GoalChecker.Check(evaluator, g.Check))).ToList();
        switch (format)
        {
            case "json":
                context.Output.WriteLine(JsonSerializer.Serialize(results.Select(r => new
                {
                    name = r.Goal.Name,
                    check = r.Goal.Check.Text,
                    line = r.Goal.Line,
                    passed = r.Result.Passed,
                    message = r.Result.Message,
                    explanation = r.Result.Explanation?.ToString(),
                }), JsonOptions.Indented));
                break;
            case "junit":
                context.Output.WriteLine(JUnit(file, results));
                break;
            default:
                WriteText(results, context.Output);
                break;
        }

        return results.All(r => r.Result.Passed) ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }

    private static void WriteText(IReadOnlyList<(Goal Goal, CheckResult Result)> results, TextWriter output)
    {
        foreach (var (goal, result) in results)
        {
            var title = goal.Name == goal.Check.Text ? goal.Name : $"{goal.Name}: {goal.Check.Text}";
            output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")}  {title}");
            output.WriteLine($"      {result.Message}");
            if (result.Explanation is { } explanation)
            {
                foreach (var text in explanation.ToString().Split('\n'))
                {
                    output.WriteLine($"      {text.TrimEnd('\r')}");
                }
            }
        }

        var failed = results.Count(r => !r.Result.Passed);
        output.WriteLine($"{results.Count} goal(s): {results.Count - failed} passed, {failed} failed.");
    }

    /// <summary>The results as a JUnit report: one test case per goal, a failure with its explanation.</summary>
    private static string JUnit(string file, IReadOnlyList<(Goal Goal, CheckResult Result)> results)
    {
        var failed = results.Count(r => !r.Result.Passed);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"policyeditor check {file}"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", failed),
            new XAttribute("errors", 0),
            results.Select(r => new XElement("testcase",
                new XAttribute("name", r.Goal.Name),
                new XAttribute("classname", Path.GetFileNameWithoutExtension(file)),
                new XAttribute("file", file),
                new XAttribute("line", r.Goal.Line),
                r.Result.Passed ? null : new XElement("failure",
                    new XAttribute("message", r.Result.Message),
                    new XAttribute("type", "goal"),
                    $"{r.Goal.Check.Text}\n{r.Result.Message}\n{r.Result.Explanation}"))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("tests", results.Count), new XAttribute("failures", failed), suite));
        return $"{document.Declaration}{Environment.NewLine}{document}";
    }
}
