using System.Text.Json;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Commands;

/// <summary><c>policyeditor list</c>: every allowed connection of a cluster, one line per ordered pair of peers.</summary>
internal static class ListCommand
{
    public static int Run(CommandLine line, TextWriter output, TextWriter error)
    {
        line.Allow("dirpath", "output");
        var loaded = Inputs.Load(line.Required("dirpath"), error);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        Inputs.Report(evaluator, error);
        var matrix = ReachabilityMatrix.Build(evaluator);
        var connections = matrix.Connections().ToList();
        var format = line.Optional("output") ?? "txt";
        switch (format)
        {
            case "txt":
                if (connections.Any(c => TextReport.LeavesOut(c.Source) || TextReport.LeavesOut(c.Destination)))
                {
                    error.WriteLine("note: IPv6 address ranges are left out of the text list, which describes the IPv4 space; --output json lists them.");
                }

                foreach (var text in connections.Where(c => !TextReport.LeavesOut(c.Source) && !TextReport.LeavesOut(c.Destination)).Select(c => c.ToString()).Order(StringComparer.Ordinal))
                {
                    output.WriteLine(text);
                }

                break;
            case "json":
                var items = connections.Select(c => new { src = c.Source.Id, dst = c.Destination.Id, conn = c.Allowed.ToString() })
                    .OrderBy(c => c.src, StringComparer.Ordinal).ThenBy(c => c.dst, StringComparer.Ordinal);
                output.WriteLine(JsonSerializer.Serialize(items, JsonOptions.Indented));
                break;
            default:
                throw new UsageException($"--output must be txt or json, not '{format}'.");
        }

        return 0;
    }
}
