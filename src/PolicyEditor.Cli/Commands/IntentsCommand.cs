using PolicyEditor.Cli.Inputs;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Intents;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor intents</c>: every call the ClientIntents declare with its class (intended and allowed,
/// intended but blocked) and the allowed pairs no intent declares; exit code 1 when a declared call is blocked.
/// <c>intents generate --out DIR</c> writes the policies the intents operator would create (DIR beside the
/// input is the cluster after applying them); <c>intents export --out DIR</c> writes what the policies allow
/// as ClientIntents, one per client workload.
/// </summary>
internal static class IntentsCommand
{
    private static readonly Option Out = Option.Value("out", "DIR", "where generate and export write their YAML files");

    private static readonly Option Selectors = Option.Value("selectors", "MODE", "generate: workload (default: the workloads' own stable labels) or otterize (the labels the intents operator adds to pods)");

    private static readonly Option NoExternal = Option.Flag("no-external-access", "generate: leave out the policies that keep LoadBalancer, NodePort and Ingress traffic flowing");

    public static readonly CommandSpec Spec = new("intents", "intents [generate|export] -f FILE|DIR|ARCHIVE|- [--out DIR] [--selectors workload|otterize] [--no-external-access]",
        "Otterize ClientIntents against the policies: each declared call's class, policies from intents, intents from policies",
        [.. InputOptions.All, Out, Selectors, NoExternal], Run, MaxWords: 1);

    private static int Run(CommandLine line, CliContext context)
    {
        var verb = line.Words.Count == 0 ? null : line.Words[0];
        if (verb is not (null or "generate" or "export"))
        {
            throw new UsageException($"unknown intents action '{verb}'; use 'intents', 'intents generate' or 'intents export'.");
        }

        var outDir = verb is null ? null : line.Required(Out.Name);
        var mode = line.Choice(Selectors.Name, ["workload", "otterize"], "workload") == "otterize" ? IntentSelectorMode.OtterizeLabels : IntentSelectorMode.WorkloadLabels;
        var loaded = InputLoader.Load(line, context);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        InputLoader.Report(evaluator, context);
        return verb switch
        {
            "generate" => Generate(evaluator, mode, !line.Has(NoExternal.Name), outDir!, context),
            "export" => Export(evaluator, outDir!, context),
            _ => Show(evaluator, context),
        };
    }

    private static int Show(ClusterEvaluator evaluator, CliContext context)
    {
        var output = context.Output;
        if (evaluator.Cluster.Intents.IsEmpty)
        {
            output.WriteLine("No ClientIntents were loaded.");
            return ExitCodes.Success;
        }

        var analysis = IntentsAnalyzer.Analyze(ReachabilityMatrix.Build(evaluator));
        output.WriteLine($"{evaluator.Cluster.Intents.Count} ClientIntents: {analysis.Count(IntentClass.IntendedAllowed)} intended and allowed, {analysis.Count(IntentClass.IntendedBlocked)} intended but blocked, {analysis.Count(IntentClass.AllowedNotIntended)} allowed but never intended.");
        foreach (var group in analysis.Findings.Where(f => f.Intents is not null).GroupBy(f => f.Intents!))
        {
            output.WriteLine();
            output.WriteLine($"{group.Key} (client {group.Key.Client}):");
            foreach (var finding in group)
            {
                var details = finding.Call!.Details;
                output.WriteLine($"  {Tag(finding.Class)} {finding.Describe()}{(finding.Via is null ? string.Empty : $" via Service {finding.Via.Name}")}{(details.Length == 0 ? string.Empty : $" [{details}]")}");
            }
        }

        foreach (var other in analysis.OtherCalls)
        {
            output.WriteLine($"  note    {other.Intents} calls {other.Call}{(other.Call.Details.Length == 0 ? string.Empty : $" [{other.Call.Details}]")}: not a network call; NetworkPolicies do not decide it.");
        }

        foreach (var unresolved in analysis.Unresolved)
        {
            context.Error.WriteLine($"warning: {unresolved.Intents} calls {unresolved.Call}: {unresolved.Problem}");
        }

        var gaps = analysis.OfClass(IntentClass.AllowedNotIntended).ToList();
        if (gaps.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Allowed but never intended:");
            foreach (var gap in gaps)
            {
                output.WriteLine($"  {Tag(gap.Class)} {gap.Describe()}");
            }
        }

        return analysis.AnyBlocked ? ExitCodes.InputFailed : ExitCodes.Success;
    }

    private static int Generate(ClusterEvaluator evaluator, IntentSelectorMode mode, bool external, string outDir, CliContext context)
    {
        if (evaluator.Cluster.Intents.IsEmpty)
        {
            throw new InputException("no ClientIntents were loaded; there is nothing to generate policies from.");
        }

        var proposal = IntentPolicyGenerator.Propose(evaluator, mode, external);
        Directory.CreateDirectory(outDir);
        var written = 0;
        foreach (var group in proposal.All.GroupBy(p => p.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            File.WriteAllText(Path.Combine(outDir, $"{group.Key}-intents-policies.yaml"), ManifestWriter.Write(group));
            written += group.Count();
        }

        var impact = ChangeImpact.Compute(ReachabilityMatrix.Build(evaluator), proposal.After);
        context.Output.WriteLine($"{written} policies written to {outDir} ({proposal.Policies.Count} access/egress, {proposal.ExternalPolicies.Count} external access); applying them allows {impact.NewlyAllowed.Count()} and blocks {impact.NewlyBlocked.Count()} connections.");
        foreach (var note in proposal.Notes)
        {
            context.Output.WriteLine($"  note: {note}");
        }

        if (mode == IntentSelectorMode.OtterizeLabels && proposal.Relabeled.Count > 0)
        {
            context.Output.WriteLine($"  note: the policies select the labels the intents operator adds to {proposal.Relabeled.Count} workload(s) ({string.Join(", ", proposal.Relabeled.Select(w => w.Id))}); without the operator they select nothing.");
        }

        return ExitCodes.Success;
    }

    private static int Export(ClusterEvaluator evaluator, string outDir, CliContext context)
    {
        var intents = IntentsExporter.FromPolicies(ReachabilityMatrix.Build(evaluator));
        Directory.CreateDirectory(outDir);
        foreach (var group in intents.GroupBy(i => i.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            File.WriteAllText(Path.Combine(outDir, $"{group.Key}-clientintents.yaml"), IntentsWriter.Write(group));
        }

        context.Output.WriteLine($"{intents.Count} ClientIntents ({intents.Sum(i => i.Calls.Count)} calls) written to {outDir}.");
        return ExitCodes.Success;
    }

    private static string Tag(IntentClass c) => c switch
    {
        IntentClass.IntendedAllowed => "ok     ",
        IntentClass.IntendedBlocked => "BLOCKED",
        _ => "gap    ",
    };
}
