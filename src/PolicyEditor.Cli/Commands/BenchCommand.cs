using System.Diagnostics;
using System.Globalization;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor bench</c>: measures the engine on a synthetic profile: loading from disk, the full
/// matrix (warm runs), the impact of each edit-script step, explaining one pair, memory, and the
/// simple oracle evaluator (Engine/Oracle) for comparison. <c>bench --hostile</c> measures the loader on
/// hostile input instead (<see cref="HostileInputBench"/>).
/// </summary>
internal static class BenchCommand
{
    public static readonly CommandSpec Spec = new("bench", "bench --profile NAME [--seed N] [--runs N] [--verify] | bench --hostile [--runs N] | bench --flows N [--profile NAME]",
        "measure the engine on a synthetic cluster, or the loader on hostile input (bad documents, alias amplification, archive bombs)",
        [
            Option.Flag("hostile", "measure the loader on hostile input instead"),
            Option.Value("flows", "N", "measure reading N flow records of each format and classifying them instead (profile REAL unless given)"),
            Option.Value("profile", "NAME", "the generator profile"),
            Option.Value("seed", "N", "the random seed (default 1)"),
            Option.Value("runs", "N", "warm runs of the full matrix"),
            Option.Value("reference-pairs", "N", "pairs the oracle evaluator checks: every pair when the matrix has no more than N, else a random sample of N (20,000 at most)"),
            Option.Flag("verify", "check each incremental change impact against a full recompute"),
        ],
        Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var output = context.Output;
        if (line.Has("hostile"))
        {
            return HostileInputBench.Run(line, output);
        }

        if (line.Has("flows"))
        {
            return FlowBench.Run(line, output);
        }

        var profile = GenerateCommand.Profile(line.Required("profile"));
        var seed = line.OptionalInt("seed", 1);
        var runs = line.OptionalInt("runs", profile.Namespaces >= 10_000 ? 3 : 9);
        var referencePairs = line.OptionalInt("reference-pairs", 2_000_000);
        var culture = CultureInfo.InvariantCulture;
        void Row(string what, string value) => output.WriteLine(string.Create(culture, $"| {what,-34} | {value,-40} |"));

        Cluster? generated = ClusterGenerator.Generate(profile, seed);
        var dir = Directory.CreateTempSubdirectory($"policyeditor-bench-{profile.Name}-");
        try
        {
            foreach (var (name, text) in ManifestWriter.WriteByNamespace(generated))
            {
                File.WriteAllText(Path.Combine(dir.FullName, name), text);
            }

            // Loading from disk (the files were just written, so the OS cache is warm, as on a second open).
            LoadResult? loaded = null;
            var loadTimes = Measure(profile.Namespaces >= 10_000 ? 1 : 3, () => loaded = ManifestLoader.LoadDirectory(dir.FullName, LoadOptions.CommandLine));
            var cluster = loaded!.Cluster;
            if (Shortfall(generated, loaded) is { } shortfall)
            {
                // Figures of a cluster smaller than the profile's would be figures of another profile.
                context.Error.WriteLine($"policyeditor bench: {profile.Name} loaded less than it generated: {shortfall}.");
                foreach (var d in loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5))
                {
                    context.Error.WriteLine($"  {d}");
                }

                return ExitCodes.InputFailed;
            }

            // Only the loaded cluster is measured: let the generated one and the loader's documents go (the peak counts).
            generated = null;
            loaded = null;
            output.WriteLine($"## {profile.Name}: {profile.Description}");
            output.WriteLine();
            output.WriteLine("| measure                            | value                                    |");
            output.WriteLine("|------------------------------------|------------------------------------------|");
            Row("pods (peers)", cluster.Workloads.Count.ToString("N0", culture));
            Row("namespaces", cluster.Namespaces.Count.ToString("N0", culture));
            Row("policies", cluster.NetworkPolicies.Count.ToString("N0", culture));
            var calico = cluster.OtherPolicies.Count(p => p.GetType().Namespace == typeof(Engine.Model.Calico.CalicoPolicy).Namespace);
            var adminPolicies = cluster.Policies.Count() - cluster.NetworkPolicies.Count - calico;
            if (adminPolicies > 0)
            {
                Row("admin policies (ANP, CNP, BANP)", adminPolicies.ToString("N0", culture));
            }

            if (calico > 0)
            {
                Row("Calico objects (policies, tiers, sets)", calico.ToString("N0", culture));
            }

            Row("load average at the start", LoadAverage());
            Row("load manifests from disk (median)", loadTimes.Median);

            // Full matrix: compile the policies and build every row, warm.
            ReachabilityMatrix? matrix = null;
            Measure(2, () => matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster)));
            var matrixTimes = Measure(runs, () => matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster)));
            var heapBefore = GC.GetTotalMemory(true);
            var measured = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            var heapAfter = GC.GetTotalMemory(true);
            GC.KeepAlive(measured);
            matrix = measured;
            Row("peer classes", matrix.PeerClassCount.ToString("N0", culture));
            Row("external blocks", matrix.External.Blocks.Length.ToString("N0", culture));
            Row($"full matrix, median of {runs} warm runs", matrixTimes.Median);
            Row("full matrix, p95", matrixTimes.P95);
            Row("matrix retained heap", $"{(heapAfter - heapBefore) / 1024.0 / 1024.0:F1} MB");

            // Single edits: the impact of each step of the edit script against the loaded cluster.
            var steps = ClusterGenerator.EditScript(cluster);
            var editTimes = new Timings();
            foreach (var step in steps)
            {
                var after = cluster.Apply(step.Change);
                ChangeImpact.Compute(matrix, after);
                var time = Measure(3, () => ChangeImpact.Compute(matrix, after));
                var impact = ChangeImpact.Compute(matrix, after);
                editTimes.Add(time);
                Row($"edit: {Shorten(step.Description, 28)}", $"{time.Median}, {impact.Changes.Count:N0} pairs changed{(impact.WasIncremental ? string.Empty : " (full)")}");
                if (line.Has("verify"))
                {
                    var full = ConnectivityDiff.Compare(cluster, after);
                    var same = full.Select(c => c.ToString()).Order().SequenceEqual(impact.Changes.Select(c => c.ToString()).Order());
                    Row("  incremental equals full recompute", same ? "yes" : $"NO ({full.Count} vs {impact.Changes.Count})");
                }
            }

            Row("single edit to change impact, median", editTimes.Median);

            // One pair with its explanation.
            var random = new Random(seed);
            var evaluator = matrix.Evaluator;
            var pairs = Enumerable.Range(0, 2000).Select(_ => (Endpoint.Of(cluster.Workloads[random.Next(cluster.Workloads.Count)]), Endpoint.Of(cluster.Workloads[random.Next(cluster.Workloads.Count)]))).ToList();
            foreach (var (s, d) in pairs.Take(200))
            {
                evaluator.Explain(s, d, Protocol.TCP, 8080);
            }

            var explain = Measure(1, () =>
            {
                foreach (var (s, d) in pairs)
                {
                    evaluator.Explain(s, d, Protocol.TCP, 8080);
                }
            });
            Row("one pair with explanation (mean)", string.Create(culture, $"{explain.MedianWall / pairs.Count:F4} ms wall, {explain.MedianCpu / pairs.Count:F4} ms CPU"));

            // The simple oracle evaluator (Engine/Oracle): every pair when affordable, else a random sample, extrapolated.
            var all = (long)cluster.Workloads.Count * cluster.Workloads.Count + (2L * cluster.Workloads.Count * matrix.External.Blocks.Length);
            var sample = all <= referencePairs ? AllPairs(matrix).ToList() : SamplePairs(matrix, random, Math.Clamp(referencePairs, 1, 20_000)).ToList();
            var mismatches = 0;
            var reference = Stopwatch.StartNew();
            var referenceEvaluator = new OracleEvaluator(cluster);
            foreach (var (s, d, expected) in sample)
            {
                if (!referenceEvaluator.Evaluate(s, d).Equals(expected))
                {
                    mismatches++;
                }
            }

            reference.Stop();
            var referenceTotal = reference.Elapsed.TotalMilliseconds * all / sample.Count;
            var how = sample.Count == all ? "every pair" : $"{sample.Count:N0} random pairs, extrapolated to {all:N0}";
            Row("oracle evaluator, full matrix", $"{Timings.Ms(referenceTotal)} ({how})");
            Row("speed-up over reference", $"{referenceTotal / matrixTimes.MedianWall:N0}x");
            Row("results equal to reference", mismatches == 0 ? $"yes ({sample.Count:N0} pairs)" : $"NO: {mismatches} of {sample.Count} differ");
            Row("load average at the end", LoadAverage());
            Row("process peak working set", $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
            output.WriteLine();
            return mismatches == 0 ? 0 : 1;
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>What the generated cluster has that the loaded one lacks (namespaces, pods, policies of each kind), or null when nothing.</summary>
    internal static string? Shortfall(Cluster generated, LoadResult loaded)
    {
        var got = loaded.Cluster;
        var missing = new[]
            {
                ("namespaces", generated.Namespaces.Count, got.Namespaces.Count),
                ("pods", generated.Workloads.Count, got.Workloads.Count),
                ("NetworkPolicies", generated.NetworkPolicies.Count, got.NetworkPolicies.Count),
                ("admin policies", generated.Policies.Count() - generated.NetworkPolicies.Count, got.Policies.Count() - got.NetworkPolicies.Count),
            }
            .Where(c => c.Item3 < c.Item2)
            .Select(c => $"{c.Item3:N0} of {c.Item2:N0} {c.Item1}")
            .ToList();
        if (loaded.Refusal is { } refusal)
        {
            missing.Add(refusal);
        }

        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    private static IEnumerable<(Endpoint, Endpoint, ConnectionSet)> AllPairs(ReachabilityMatrix matrix)
    {
        var w = matrix.Workloads;
        for (var s = 0; s < w.Count; s++)
        {
            for (var d = 0; d < w.Count; d++)
            {
                yield return (Endpoint.Of(w[s]), Endpoint.Of(w[d]), matrix.Between(s, d));
            }

            foreach (var block in matrix.External.Blocks)
            {
                yield return (Endpoint.Of(w[s]), new ExternalEndpoint(block.Representative), matrix.ToBlock(s, block.Index));
                yield return (new ExternalEndpoint(block.Representative), Endpoint.Of(w[s]), matrix.FromBlock(block.Index, s));
            }
        }
    }

    private static IEnumerable<(Endpoint, Endpoint, ConnectionSet)> SamplePairs(ReachabilityMatrix matrix, Random random, int count)
    {
        var w = matrix.Workloads;
        for (var i = 0; i < count; i++)
        {
            var s = random.Next(w.Count);
            if (i % 10 == 9 && matrix.External.Blocks.Length > 0)
            {
                var block = matrix.External.Blocks[random.Next(matrix.External.Blocks.Length)];
                yield return (Endpoint.Of(w[s]), new ExternalEndpoint(block.Representative), matrix.ToBlock(s, block.Index));
                continue;
            }

            var d = random.Next(w.Count);
            yield return (Endpoint.Of(w[s]), Endpoint.Of(w[d]), matrix.Between(s, d));
        }
    }

    /// <summary>Runs <paramref name="action"/> <paramref name="runs"/> times: the wall-clock time of each run and the process's CPU time over it (every thread, GC included).</summary>
    private static Timings Measure(int runs, Action action)
    {
        var timings = new Timings();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            action();
            var wall = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            timings.Add(wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        return timings;
    }

    /// <summary>The load average of the machine (1, 5, 15 minutes) where the system says it, for reading figures taken on a shared machine.</summary>
    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]}, {fields[1]}, {fields[2]} on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
