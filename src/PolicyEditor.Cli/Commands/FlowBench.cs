using System.Diagnostics;
using System.Globalization;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Flows;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor bench --flows N</c>: reading N flow records of each format from disk, as an import does
/// (streamed, folded into connections as they come), then classifying the connections against the cluster
/// of a profile (REAL by default). The records are those <see cref="FlowGenerator"/> makes from the cluster,
/// repeated with new times until there are N.
/// </summary>
internal static class FlowBench
{
    public static int Run(CommandLine line, TextWriter output)
    {
        var count = line.OptionalInt("flows", 1_000_000);
        var profile = GenerateCommand.Profile(line.Optional("profile") ?? "REAL");
        var culture = CultureInfo.InvariantCulture;
        void Row(string what, string value) => output.WriteLine(string.Create(culture, $"| {what,-44} | {value,-48} |"));

        var cluster = ClusterGenerator.Generate(profile, line.OptionalInt("seed", 1));
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var records = FlowGenerator.Generate(matrix, maxAllowed: 20_000);
        output.WriteLine($"## Observed traffic: {count:N0} flow records over {profile.Name} ({cluster.Workloads.Count:N0} pods), {Environment.ProcessorCount} cores");
        output.WriteLine();
        output.WriteLine("| measure                                      | value                                            |");
        output.WriteLine("|----------------------------------------------|--------------------------------------------------|");
        var dir = Directory.CreateTempSubdirectory("policyeditor-bench-flows-");
        try
        {
            foreach (var format in new[] { FlowFormat.Hubble, FlowFormat.Calico, FlowFormat.Csv })
            {
                var path = Path.Combine(dir.FullName, $"flows.{format.ToString().ToLowerInvariant()}");
                using (var writer = new StreamWriter(path))
                {
                    FlowWriter.Write(writer, format, Repeat(records, count));
                }

                var size = new FileInfo(path).Length;
                FlowReadResult? result = null;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                using (var stream = File.OpenRead(path))
                {
                    result = FlowReader.ReadAsync(stream, path).GetAwaiter().GetResult();
                }

                var read = clock.Elapsed.TotalSeconds;
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

                // On a shared machine the wall clock waits for others; the processor time is what the read cost.
                Row($"{format}: read and fold {count:N0} records", $"{read:F1} s, {used:F1} s of CPU ({size / 1024.0 / 1024.0:F0} MB, {count / read:N0} records/s)");
                Row($"{format}: distinct connections", $"{result.Traffic.Connections.Count:N0} ({result.Skipped:N0} skipped)");
                File.Delete(path);
                if (format == FlowFormat.Hubble)
                {
                    clock.Restart();
                    var classification = FlowClassifier.Classify(result.Traffic, new FlowMatcher(cluster), matrix);
                    Row("classify against the matrix", string.Create(culture,
                        $"{clock.Elapsed.TotalMilliseconds:F0} ms ({classification.Count(FlowClass.ObservedAllowed):N0} allowed, {classification.Count(FlowClass.DroppedToday):N0} dropped)"));
                }
            }

            Row("peak working set", $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
        }
        finally
        {
            dir.Delete(true);
        }

        return ExitCodes.Success;
    }

    // The generated records again and again, a minute later each round, until there are enough.
    private static IEnumerable<FlowRecord> Repeat(IReadOnlyList<FlowRecord> records, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var r = records[i % records.Count];
            yield return r with { Time = r.Time?.AddMinutes(i / records.Count) };
        }
    }
}
