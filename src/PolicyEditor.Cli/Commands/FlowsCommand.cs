using PolicyEditor.Cli.Inputs;
using PolicyEditor.Engine.Dialects;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Flows;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor flows replay|generate</c>: observed traffic (Hubble JSON, Calico flow logs, CSV) held against
/// a folder of policies. <c>replay</c> prints the observed connections the policies would block, one per line in
/// the list format, and exits 1 when there is one (a CI gate); <c>generate</c> writes least-privilege policies
/// for the folder's workloads from the flows alone.
/// </summary>
internal static class FlowsCommand
{
    public static readonly Option Flows = Option.Value("flows", "FILE", "the flow records: Hubble JSON, Calico flow logs or CSV (told from the file; - reads standard input)");

    public static readonly Option FormatOption = Option.Value("format", "FORMAT", "hubble, calico or csv, when the file should not be told by its content");

    public static readonly Option Out = Option.Value("out", "DIR", "where generate writes the policies, one YAML file per namespace");

    public static readonly Option DialectOption = Option.Value("dialect", "DIALECT", "networkpolicy, calico or cilium: the language generate writes (default: the one DIR's policies use)");

    public static readonly Option ScopeOption = Option.Repeated("scope", "NS[/WORKLOAD]", "a namespace, or a workload of one, that generate writes policies for (repeat for more; default: every workload)");

    public static readonly CommandSpec Spec = new("flows", "flows replay|generate --dirpath DIR --flows FILE [--format FORMAT] [--out DIR] [--dialect DIALECT] [--scope NS[/WORKLOAD]]...",
        "replay observed traffic against policies (exit 1 when some would be blocked), or generate least-privilege policies from it",
        [.. InputOptions.All, Flows, FormatOption, Out, DialectOption, ScopeOption], Run, MaxWords: 1);

    private static int Run(CommandLine line, CliContext context)
    {
        var verb = line.Words.Count == 1 ? line.Words[0] : null;
        if (verb is not ("replay" or "generate"))
        {
            throw new UsageException("write: policyeditor flows replay|generate --dirpath DIR --flows FILE");
        }

        var outDir = verb == "generate" ? line.Required(Out.Name) : null;
        var dialect = ParseDialect(line.Optional(DialectOption.Name));
        var flowsPath = line.Required(Flows.Name);
        var loaded = InputLoader.Load(line, context);
        var inScope = Scope(line.All(ScopeOption.Name), loaded.Cluster);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        InputLoader.Report(evaluator, context);
        var read = Read(flowsPath, line.Optional(FormatOption.Name), context);
        var matrix = ReachabilityMatrix.Build(evaluator);
        var classification = FlowClassifier.Classify(read.Traffic, new FlowMatcher(loaded.Cluster), matrix);
        foreach (var unmatched in classification.Unmatched)
        {
            context.Error.WriteLine($"{flowsPath}: not matched: {unmatched.Line}: {unmatched.Problem}");
        }

        return outDir is null ? Replay(classification, context) : Generate(loaded.Cluster, classification, outDir, dialect, inScope, context);
    }

    private static int Replay(FlowClassification classification, CliContext context)
    {
        var blocked = classification.Flows.Where(f => f.Class == FlowClass.DroppedToday)
            .OrderBy(f => f.Line, StringComparer.Ordinal).ToList();
        foreach (var flow in blocked)
        {
            context.Output.WriteLine(flow.Line);
        }

        context.Error.WriteLine($"{classification.Flows.Count:N0} observed connection(s): {blocked.Count:N0} would be blocked, "
            + $"{classification.Count(FlowClass.ObservedAllowed):N0} allowed, {classification.Count(FlowClass.Unmatched):N0} not matched.");
        return blocked.Count > 0 ? ExitCodes.InputFailed : ExitCodes.Success;
    }

    private static int Generate(Engine.Model.Cluster cluster, FlowClassification classification, string outDir, PolicyDialect? dialect,
        Func<Engine.Model.Workload, bool>? inScope, CliContext context)
    {
        var proposal = FlowPolicyGenerator.Generate(cluster, classification, inScope, dialect);
        foreach (var warning in proposal.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }

        Directory.CreateDirectory(outDir);
        var files = proposal.Policies.GroupBy(p => p.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var group in files)
        {
            File.WriteAllText(Path.Combine(outDir, $"{group.Key}.yaml"), ManifestWriter.WritePolicies(group));
        }

        context.Output.WriteLine($"{proposal.Policies.Count:N0} policies ({proposal.Dialect.Describe()}) for {proposal.Connections:N0} observed connection(s) written to {outDir} ({files.Count} file(s)).");
        return ExitCodes.Success;
    }

    /// <summary>The workloads <c>--scope</c> names (null when not given: every workload); each item must name some.</summary>
    private static Func<Engine.Model.Workload, bool>? Scope(IReadOnlyList<string> items, Engine.Model.Cluster cluster)
    {
        if (items.Count == 0)
        {
            return null;
        }

        bool Takes(string item, Engine.Model.Workload w) => item == w.Namespace || item == $"{w.Namespace}/{w.Name}";
        foreach (var item in items)
        {
            if (!cluster.Workloads.Any(w => Takes(item, w)))
            {
                throw new InputException($"--scope {item}: no namespace or workload (NS/NAME) of the input has that name.");
            }
        }

        return w => items.Any(item => Takes(item, w));
    }

    /// <summary>The dialect <c>--dialect</c> names (null when not given: DIR's own).</summary>
    private static PolicyDialect? ParseDialect(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "networkpolicy" => PolicyDialect.NetworkPolicy,
        "calico" => PolicyDialect.Calico,
        "cilium" => PolicyDialect.Cilium,
        _ => throw new UsageException($"--dialect {name}: use networkpolicy, calico or cilium."),
    };

    private static FlowReadResult Read(string path, string? formatName, CliContext context)
    {
        FlowFormat? format = formatName is null ? null
            : Enum.TryParse<FlowFormat>(formatName, true, out var f) ? f
            : throw new UsageException($"--format {formatName}: use hubble, calico or csv.");
        try
        {
            using var stream = path == "-" ? context.OpenStandardInput() : File.OpenRead(path);
            var result = FlowReader.ReadAsync(stream, path, FlowReadOptions.Default, format).GetAwaiter().GetResult();
            foreach (var problem in result.Problems)
            {
                context.Error.WriteLine(problem.ToString());
            }

            if (result.Skipped > result.Problems.Count)
            {
                context.Error.WriteLine($"{path}: {result.Skipped - result.Problems.Count:N0} more malformed record(s) skipped.");
            }

            return result;
        }
        catch (FlowReadException e)
        {
            throw new InputException(e.Message);
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"{path}: {e.Message}");
        }
    }
}
