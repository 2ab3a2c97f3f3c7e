using PolicyEditor.Cli.Inputs;
using PolicyEditor.Cli.Output;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Commands;

/// <summary><c>policyeditor list</c>: every allowed connection of a cluster, one line per ordered pair of peers.</summary>
internal static class ListCommand
{
    public static readonly Option Format = Option.Value("output", "FORMAT", $"{CommandLine.Spoken(OutputFormat.Names)} (default txt; svg needs Graphviz)", 'o');

    public static readonly Option Focus = Option.Value("focus-workload", "WORKLOAD", "keep only the connections from or to this workload (ns/name, ns/name[Kind], or a name unique in the cluster)");

    public static readonly Option Explain = Option.Flag("explain", "add to each line the policy and rule that allow it on each side");

    public static readonly CommandSpec Spec = new("list", "list -f FILE|DIR|ARCHIVE|- [-o FORMAT] [--focus-workload NAME] [--explain]",
        "every allowed connection", [.. InputOptions.All, Format, Focus, Explain], Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var format = OutputFormat.Named(line.Choice(Format.Name, OutputFormat.Names, "txt"));
        var loaded = InputLoader.Load(line, context);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        InputLoader.Report(evaluator, context);
        var focus = line.Optional(Focus.Name) is { } name ? ExplainCommand.ResolveWorkload(loaded.Cluster, name) : null;
        var connections = ReachabilityMatrix.Build(evaluator).Connections()
            .Where(c => focus is null || c.Source.Id == focus.Id || c.Destination.Id == focus.Id)
            .OrderBy(c => c.Source.Id, StringComparer.Ordinal).ThenBy(c => c.Destination.Id, StringComparer.Ordinal);
        var explain = line.Has(Explain.Name);
        var lines = connections.Select(c => new ConnectionLine(c, explain ? ConnectionReasons.Of(evaluator, c) : null)).ToList();
        format.WriteConnections(lines, context);
        return ExitCodes.Success;
    }
}
