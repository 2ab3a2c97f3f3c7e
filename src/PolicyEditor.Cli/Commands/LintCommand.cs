using System.Text.Json;
using PolicyEditor.Cli.Inputs;
using PolicyEditor.Cli.Lint;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor lint</c>: every problem the app shows about the manifests and policies: the loader's
/// errors and warnings (file and line), the engine's, and the policy linter's findings. Exit code 3 when
/// something is at or above <c>--fail-on</c> (errors by default).
/// </summary>
internal static class LintCommand
{
    private static readonly Option Format = Option.Value("output", "FORMAT", "txt (default), json, or sarif (SARIF 2.1.0 for code-scanning tools)", 'o');

    private static readonly Option FailOn = Option.Value("fail-on", "LEVEL", "exit with code 3 on problems at this level or above: error (default), warning or info");

    public static readonly CommandSpec Spec = new("lint", "lint -f FILE|DIR|ARCHIVE|- [-o txt|json|sarif] [--fail-on error|warning|info]",
        "problems in manifests and policies: exit code 3 on errors (or --fail-on warning)", [.. InputOptions.All, Format, FailOn], Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var format = line.Choice(Format.Name, ["txt", "json", "sarif"], "txt");
        var failOn = line.Choice(FailOn.Name, ["error", "warning", "info"], "error") switch
        {
            "warning" => DiagnosticSeverity.Warning,
            "info" => DiagnosticSeverity.Info,
            _ => DiagnosticSeverity.Error,
        };
        var loaded = InputLoader.Load(line, context, echoProblems: false);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        var items = LintItem.Gather(loaded, evaluator, PolicyLinter.Lint(ReachabilityMatrix.Build(evaluator)));
        switch (format)
        {
            case "sarif":
                context.Output.WriteLine(SarifLog.Write(items, Environment.CurrentDirectory));
                break;
            case "json":
                context.Output.WriteLine(JsonSerializer.Serialize(items.Select(i => new
                {
                    rule = i.Rule,
                    severity = i.Severity.ToString().ToLowerInvariant(),
                    file = i.Location?.File,
                    line = i.Location?.Line,
                    subject = i.Subject,
                    message = i.Message,
                }), JsonOptions.Indented));
                break;
            default:
                foreach (var item in items)
                {
                    context.Output.WriteLine(item);
                }

                context.Output.WriteLine(items.Count == 0 ? "No problems found." : Summary(items));
                break;
        }

        return items.Any(i => i.Severity >= failOn) ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }

    private static string Summary(IReadOnlyList<LintItem> items) =>
        $"{items.Count(i => i.Severity == DiagnosticSeverity.Error)} error(s), {items.Count(i => i.Severity == DiagnosticSeverity.Warning)} warning(s), {items.Count(i => i.Severity == DiagnosticSeverity.Info)} note(s).";
}
