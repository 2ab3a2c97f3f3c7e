using PolicyEditor.Cli.Inputs;
using PolicyEditor.Cli.Output;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor diff</c>: how connectivity changes from one version of a cluster to another. The version
/// before is <c>--dir1</c> or a live cluster; the version after is <c>--dir2</c> or <c>-f</c> (so a pipeline
/// can ask what applying a repository's manifests would change in the running cluster).
/// </summary>
internal static class DiffCommand
{
    private static readonly Option Before = Option.Value("dir1", "FILE|DIR|ARCHIVE|-", "the version before (or a live cluster with --kubeconfig)");

    private static readonly Option After = Option.Value("dir2", "FILE|DIR|ARCHIVE|-", "the version after (or -f, repeatable)");

    private static readonly Option Explain = Option.Flag("explain", "add to each line the changed policies that caused it");

    public static readonly CommandSpec Spec = new("diff", "diff --dir1 BEFORE --dir2 AFTER [-o FORMAT] [--focus-workload NAME] [--explain] [--protocols auto|all|sctp-tcp-udp]",
        "how connectivity changes from one version to another",
        [Before, After, InputOptions.Filename, .. InputOptions.Cluster, .. LimitFlag.Options, ListCommand.Format, ListCommand.Focus, Explain, ListCommand.ProtocolScopeOption], Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var format = OutputFormat.Named(line.Choice(ListCommand.Format.Name, OutputFormat.Names, "txt"));
        var limits = LimitFlag.From(line);
        if (line.Has(After.Name) == line.Has(InputOptions.Filename.Name))
        {
            throw new UsageException("give the version after as --dir2 or as -f, one of the two.");
        }

        LoadResult before;
        if (InputOptions.NamesCluster(line))
        {
            if (line.Has(Before.Name))
            {
                throw new UsageException("the version before is --dir1 or the cluster (--kubeconfig, --context), not both.");
            }

            before = ClusterInput.Load(line, context);
        }
        else
        {
            if (line.Has(InputOptions.Namespace.Name) || line.Has(InputOptions.RequestTimeout.Name))
            {
                throw new UsageException("--namespace and --request-timeout go with a cluster (--kubeconfig or --context).");
            }

            before = InputLoader.LoadFiles([line.Required(Before.Name)], limits, context);
        }

        var after = InputLoader.LoadFiles(line.Has(After.Name) ? [line.Required(After.Name)] : line.All(InputOptions.Filename.Name), limits, context);
        var e1 = new ClusterEvaluator(before.Cluster);
        var e2 = new ClusterEvaluator(after.Cluster);
        InputLoader.Report(e1, context);
        InputLoader.Report(e2, context);
        var explained = line.Has(Explain.Name);
        var (m1, m2) = ConnectivityDiff.BuildPair(e1, e2);

        // The change impact names, for each changed pair, the changed policies that can have caused it.
        var changes = explained ? ChangeImpact.Compute(m1, after.Cluster).Changes : ConnectivityDiff.Compare(m1, m2);
        var focus = line.Optional(ListCommand.Focus.Name) is { } name ? FocusId(name, before, after) : null;
        // Every protocol when either version's policies name one beyond SCTP, TCP and UDP.
        var scope = (ListCommand.Scope(line, before.Cluster), ListCommand.Scope(line, after.Cluster)) is (ProtocolScope.Kubernetes, ProtocolScope.Kubernetes)
            ? ProtocolScope.Kubernetes : ProtocolScope.Every;
        var ordered = changes
            .Where(c => focus is null || c.Source.Id == focus || c.Destination.Id == focus)
            .Select(c => ReportProtocols.Shown(c, scope))
            .OfType<ConnectionChange>()
            .OrderBy(c => c.Kind == ChangeKind.Changed ? 0 : c.Kind == ChangeKind.Added ? 1 : 2)
            .ThenBy(c => c.Source.Id, StringComparer.Ordinal).ThenBy(c => c.Destination.Id, StringComparer.Ordinal)
            .ToList();
        format.WriteChanges(ordered, explained, context);
        return ExitCodes.Success;
    }

    /// <summary>The id of the focused workload, found in the version after, else in the version before (it may have been removed).</summary>
    private static string FocusId(string name, LoadResult before, LoadResult after)
    {
        try
        {
            return ExplainCommand.ResolveWorkload(after.Cluster, name).Id;
        }
        catch (InputException) when (before.Cluster.Workloads.Count > 0)
        {
            return ExplainCommand.ResolveWorkload(before.Cluster, name).Id;
        }
    }
}
