using System.Text.Json;
using PolicyEditor.Cli.Inputs;
using PolicyEditor.Cli.Output;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Posture;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor posture</c>: how close the cluster is to least privilege, the score the app's Posture tab
/// shows, with the reasons it is not higher, for the cluster and for each namespace. <c>--min-score</c> makes
/// a pipeline fail (exit code 3) below a score.
/// </summary>
internal static class PostureCommand
{
    private static readonly Option Format = Option.Value("output", "FORMAT", "txt (default), json or md", 'o');

    private static readonly Option MinScore = Option.Value("min-score", "N", "exit with code 3 when the cluster's score is below N (0-100)");

    public static readonly CommandSpec Spec = new("posture", "posture -f FILE|DIR|ARCHIVE|- [-o txt|json|md] [--min-score N]",
        "the posture score and its reasons, for the cluster and per namespace", [.. InputOptions.All, Format, MinScore], Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var format = line.Choice(Format.Name, ["txt", "json", "md"], "txt");
        var minimum = line.OptionalInt(MinScore.Name, 0);
        if (minimum is < 0 or > 100)
        {
            throw new UsageException("--min-score must be a score from 0 to 100.");
        }

        var loaded = InputLoader.Load(line, context);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        InputLoader.Report(evaluator, context);
        var matrix = ReachabilityMatrix.Build(evaluator);
        var posture = PostureAnalyzer.Analyze(matrix, PolicyLinter.Lint(matrix));
        switch (format)
        {
            case "json":
                context.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    score = posture.Score,
                    reasons = Reasons(posture.Reasons),
                    namespaces = posture.Namespaces.Select(n => new
                    {
                        @namespace = n.Namespace,
                        score = n.Score,
                        workloads = n.Workloads,
                        ingress_isolated = n.IngressIsolated,
                        egress_isolated = n.EgressIsolated,
                        default_deny_ingress = n.DefaultDenyIngress,
                        default_deny_egress = n.DefaultDenyEgress,
                        reasons = Reasons(n.Reasons),
                    }),
                }, JsonOptions.Indented));
                break;
            case "md":
                WriteMarkdown(posture, context.Output);
                break;
            default:
                WriteText(posture, context.Output);
                break;
        }

        return posture.Score < minimum ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }

    private static object Reasons(IReadOnlyList<PostureReason> reasons) =>
        reasons.Select(r => new { message = r.Message, points = r.Points, subjects = r.Subjects });

    private static void WriteText(PostureSummary posture, TextWriter output)
    {
        output.WriteLine($"Posture score: {posture.Score}/100");
        WriteReasons(posture.Reasons, "  ", output);
        foreach (var ns in posture.Namespaces)
        {
            output.WriteLine();
            output.WriteLine($"{ns.Namespace}: {ns.Score}/100, {ns.Workloads} workload(s), {ns.IngressIsolated} isolated for ingress, {ns.EgressIsolated} for egress, default deny: {DefaultDeny(ns)}");
            WriteReasons(ns.Reasons, "  ", output);
        }
    }

    private static void WriteReasons(IReadOnlyList<PostureReason> reasons, string indent, TextWriter output)
    {
        foreach (var reason in reasons)
        {
            var subjects = reason.Subjects.Count <= 5 ? string.Join(", ", reason.Subjects) : $"{string.Join(", ", reason.Subjects.Take(5))} and {reason.Subjects.Count - 5} more";
            output.WriteLine($"{indent}-{reason.Points} {reason.Message} ({subjects})");
        }
    }

    private static void WriteMarkdown(PostureSummary posture, TextWriter output)
    {
        output.WriteLine($"**Posture score: {posture.Score}/100**");
        output.WriteLine();
        MarkdownFormat.WriteTable(new ReportTable(["namespace", "score", "workloads", "ingress isolated", "egress isolated", "default deny", "reasons"],
            [.. posture.Namespaces.Select(n => (IReadOnlyList<string?>)[n.Namespace, n.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{n.Workloads}", $"{n.IngressIsolated}", $"{n.EgressIsolated}", DefaultDeny(n),
                string.Join("; ", n.Reasons.Select(r => $"-{r.Points} {r.Message}"))])]), output);
    }

    private static string DefaultDeny(NamespacePosture ns) =>
        (ns.DefaultDenyIngress, ns.DefaultDenyEgress) switch
        {
            (true, true) => "ingress and egress",
            (true, false) => "ingress",
            (false, true) => "egress",
            _ => "none",
        };
}
