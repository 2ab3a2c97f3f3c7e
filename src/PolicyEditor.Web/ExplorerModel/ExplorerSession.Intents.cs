using PolicyEditor.Engine.EntryPoints;
using PolicyEditor.Engine.Evaluation;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Intents;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The intent view: declared calls on the graph by class, policies from intents, intents from policies.</summary>
public sealed partial class ExplorerSession
{
    /// <summary>Every class, as the intent view starts.</summary>
    public static readonly IReadOnlySet<IntentClass> AllIntentClasses = new HashSet<IntentClass>(Enum.GetValues<IntentClass>());

    /// <summary>The classes the Intents panel lists (and the graph draws in the intent view).</summary>
    public IReadOnlySet<IntentClass> IntentFilter { get; private set; } = AllIntentClasses;

    /// <summary>Whether the graph draws the intent view instead of what the policies allow.</summary>
    public bool IntentView => Options.IntentClasses is not null;

    /// <summary>Whether the draft has ClientIntents.</summary>
    public bool HasIntents => Analysis?.State.Draft.Intents.IsEmpty == false;

    /// <summary>The draft's ClientIntents against its policies.</summary>
    public IntentsAnalysis Intents => Analysis?.Intents ?? IntentsAnalysis.Empty;

    /// <summary>The draft's entry points from outside and what they reach.</summary>
    public IReadOnlyList<ExposedWorkload> Exposure => Analysis?.Exposure ?? [];

    /// <summary>The findings the panel lists: those of the classes in <see cref="IntentFilter"/>.</summary>
    public IEnumerable<IntentFinding> FilteredIntents => Intents.Findings.Where(f => IntentFilter.Contains(f.Class));

    /// <summary>Draws the intent view on the graph, or the reachability view again.</summary>
    public Task ShowIntentViewAsync(bool on) => ReshapeAsync(Options with { IntentClasses = on ? IntentFilter : null });

    /// <summary>Shows or hides one class in the list and, in the intent view, on the graph.</summary>
    public Task FilterIntentsAsync(IntentClass c, bool shown)
    {
        var filter = new HashSet<IntentClass>(IntentFilter);
        if (shown)
        {
            filter.Add(c);
        }
        else
        {
            filter.Remove(c);
        }

        IntentFilter = filter;
        if (IntentView)
        {
            return ReshapeAsync(Options with { IntentClasses = filter });
        }

        Notify();
        return Task.CompletedTask;
    }

    /// <summary>Selects a finding's pair on the graph and explains it (the inspector says which intent and which policy).</summary>
    public Task ShowIntentAsync(IntentFinding finding) => ShowPairAsync(new EndpointPair(Endpoint.Of(finding.Client), finding.Target));

    /// <summary>The findings between a pair's ends, for the inspector.</summary>
    public IReadOnlyList<IntentFinding> IntentsOf(EndpointPair pair) =>
        [.. Intents.Findings.Where(f => f.Client.Id == pair.Source.Id && f.Target.Id == pair.Destination.Id)];

    /// <summary>
    /// Policies from intents as the operator would write them, with the changes they make to the draft, their
    /// impact and the entry points the access policies alone would cut off; computed off the circuit's thread.
    /// </summary>
    public async Task<IntentPoliciesPreview?> ProposeFromIntentsAsync(IntentSelectorMode mode, bool externalAccess)
    {
        if (Analysis is not { } analysis || analysis.State.Draft.Intents.IsEmpty)
        {
            return null;
        }

        return await Task.Run(async () =>
        {
            var evaluator = analysis.Draft.Evaluator;
            var proposal = IntentPolicyGenerator.Propose(evaluator, mode, externalAccess);
            var changes = proposal.All.Select(p => new PolicyChange(p.Namespace, p.Name, p)).ToList();
            IReadOnlyList<ConnectionChange> impact = mode == IntentSelectorMode.WorkloadLabels
                ? await analyzer.ImpactOfAsync(analysis, changes)
                : ChangeImpact.Compute(analysis.Draft, proposal.After).Changes;
            var accessOnly = externalAccess ? IntentPolicyGenerator.Propose(evaluator, mode, allowExternalTraffic: false).After : proposal.After;
            var after = ExposureAnalyzer.Analyze(new ClusterEvaluator(accessOnly));
            var wouldBreak = analysis.Exposure.Where(e => !e.IsBlocked)
                .Where(e => after.FirstOrDefault(a => a.EntryPoint == e.EntryPoint && a.Workload.Id == e.Workload.Id) is not { } a || !a.IsOpen)
                .ToList();
            return new IntentPoliciesPreview(mode, proposal, evaluator.Cluster, changes, impact, wouldBreak);
        });
    }

    /// <summary>Applies proposed policies from intents to the draft as one edit (undo takes it back).</summary>
    public Task<bool> ApplyIntentPoliciesAsync(IntentPoliciesPreview preview) =>
        preview.CanApply ? ExecuteAsync(new EditPolicies(preview.Changes, $"Policies from intents ({preview.Changes.Count})")) : Task.FromResult(false);

    /// <summary>What the draft's policies allow between workloads, as ClientIntents YAML (one per client workload).</summary>
    public Task<string> ExportIntentsAsync() =>
        Analysis is { } analysis ? Task.Run(() => IntentsWriter.Write(IntentsExporter.FromPolicies(analysis.Draft))) : Task.FromResult(string.Empty);
}
