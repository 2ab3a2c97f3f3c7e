using System.Text.Json;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Commands;

/// <summary><c>policyeditor diff</c>: how connectivity changes from one version of a cluster to another.</summary>
internal static class DiffCommand
{
    public static int Run(CommandLine line, TextWriter output, TextWriter error)
    {
        line.Allow("dir1", "dir2", "output");
        var before = new ClusterEvaluator(Inputs.Load(line.Required("dir1"), error).Cluster);
        var after = new ClusterEvaluator(Inputs.Load(line.Required("dir2"), error).Cluster);
        Inputs.Report(before, error);
        Inputs.Report(after, error);
        var (m1, m2) = ConnectivityDiff.BuildPair(before, after);
        var changes = ConnectivityDiff.Compare(m1, m2)
            .Where(c => line.Optional("output") == "json" || (!TextReport.LeavesOut(c.Source) && !TextReport.LeavesOut(c.Destination)))
            .OrderBy(c => c.Kind == ChangeKind.Changed ? 0 : c.Kind == ChangeKind.Added ? 1 : 2)
            .ThenBy(c => c.Source.Id, StringComparer.Ordinal).ThenBy(c => c.Destination.Id, StringComparer.Ordinal)
            .ToList();
        var format = line.Optional("output") ?? "txt";
        switch (format)
        {
            case "txt":
                output.WriteLine("Connectivity diff:");
                foreach (var change in changes)
                {
                    output.WriteLine(change);
                }

                break;
            case "json":
                var items = changes.Select(c => new
                {
                    diff_type = c.Kind.ToString().ToLowerInvariant(),
                    src = c.Source.Id,
                    dst = c.Destination.Id,
                    ref1 = c.Before.ToString(),
                    ref2 = c.After.ToString(),
                    workloads_diff_info = c.WorkloadChange,
                });
                output.WriteLine(JsonSerializer.Serialize(items, JsonOptions.Indented));
                break;
            default:
                throw new UsageException($"--output must be txt or json, not '{format}'.");
        }

        return 0;
    }
}
