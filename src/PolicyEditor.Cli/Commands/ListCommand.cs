using PolicyEditor.Cli.Inputs;
using PolicyEditor.Cli.Output;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Commands;

/// <summary><c>policyeditor list</c>: every allowed connection of a cluster, one line per ordered pair of peers.</summary>
internal static class ListCommand
{
    public static readonly Option Format = Option.Value("output", "FORMAT", $"{CommandLine.Spoken(OutputFormat.Names)} (default txt; svg needs Graphviz)", 'o');

    public static readonly Option Focus = Option.Value("focus-workload", "WORKLOAD", "keep only the connections from or to this workload (ns/name, ns/name[Kind], or a name unique in the cluster)");

    public static readonly Option Explain = Option.Flag("explain", "add to each line the policy and rule that allow it on each side");

    public static readonly Option ProtocolScopeOption = Option.Value("protocols", "SCOPE",
        "auto (default): SCTP, TCP and UDP when no policy names another protocol, else every protocol; all: every IP protocol (ICMP and ICMPv6 types and codes, UDPLite, other protocols as 'proto N'); sctp-tcp-udp: those three only");

    public static readonly CommandSpec Spec = new("list", "list -f FILE|DIR|ARCHIVE|- [-o FORMAT] [--focus-workload NAME] [--explain] [--protocols auto|all|sctp-tcp-udp]",
        "every allowed connection", [.. InputOptions.All, Format, Focus, Explain, ProtocolScopeOption], Run);

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
        var scope = Scope(line, loaded.Cluster);
        var lines = connections
            .Select(c => (Connection: c, Shown: ReportProtocols.Shown(c, scope)))
            .Where(c => c.Shown is not null)
            .Select(c => new ConnectionLine(c.Shown!, explain ? ConnectionReasons.Of(evaluator, c.Connection with { Allowed = c.Connection.Allowed.Intersect(ConnectionSet.AllOf(scope)) }) : null))
            .ToList();
        format.WriteConnections(lines, context);
        if (lines.Count == 0 && loaded.Cluster.Workloads.Count > 0)
        {
            // An empty list is an answer, not a failure: say so where it does not disturb the list itself.
            context.Error.WriteLine(focus is null
                ? $"note: no connection is allowed between any two of the {loaded.Cluster.Workloads.Count:N0} workloads and the addresses outside the cluster."
                : $"note: no connection from or to {focus.Id} is allowed.");
        }

        return ExitCodes.Success;
    }

    /// <summary>The protocols the report speaks of: <c>--protocols</c>, or by default what the policies of <paramref name="cluster"/> name.</summary>
    public static ProtocolScope Scope(CommandLine line, Cluster cluster) =>
        line.Choice(ProtocolScopeOption.Name, ["auto", "all", "sctp-tcp-udp"], "auto") switch
        {
            "all" => ProtocolScope.Every,
            "sctp-tcp-udp" => ProtocolScope.Kubernetes,
            _ => ReportProtocols.Of(cluster),
        };
}
