using PolicyEditor.Cli.Inputs;
using PolicyEditor.Engine.EntryPoints;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor exposure</c>: the entry points from outside the cluster (NodePort and LoadBalancer
/// Services, Ingresses, Routes), the workloads each reaches on which ports, and whether the policies let
/// that traffic in.
/// </summary>
internal static class ExposureCommand
{
    public static readonly CommandSpec Spec = new("exposure", "exposure -f FILE|DIR|ARCHIVE|-",
        "every workload reachable from outside the cluster: through which entry point, on which ports, and whether the policies let it in",
        [.. InputOptions.All], Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var loaded = InputLoader.Load(line, context);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        InputLoader.Report(evaluator, context);
        var exposed = ExposureAnalyzer.Analyze(evaluator);
        var output = context.Output;
        if (exposed.Count == 0)
        {
            output.WriteLine("No workload is reachable from outside the cluster (no NodePort or LoadBalancer Service, Ingress or Route selects one).");
            return ExitCodes.Success;
        }

        foreach (var entry in exposed.GroupBy(e => e.EntryPoint))
        {
            var from = entry.Key.Kind is EntryPointKind.Ingress or EntryPointKind.Route
                ? "from the ingress controller"
                : entry.Key.Sources.IsEmpty ? "from any address" : $"from {string.Join(", ", entry.Key.Sources)}";
            var source = entry.Key.Kind is EntryPointKind.LoadBalancer or EntryPointKind.NodePort && !entry.Key.SourcePreserved
                ? "; externalTrafficPolicy Cluster: pods see a node's address, not the client's"
                : string.Empty;
            output.WriteLine($"{entry.Key} ({from}{source}):");
            foreach (var e in entry)
            {
                output.WriteLine($"  {e.Workload.Id} on {e.Ports}: {e.Verdict}");
            }
        }

        return ExitCodes.Success;
    }
}
