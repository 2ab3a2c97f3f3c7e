using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Posture;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// What the engine says of one workspace state: the baseline's reachability, the draft's change impact
/// against it, the draft's reachability, lint findings and posture. Computed once per state, off the
/// request thread, and shared by every view of that state.
/// </summary>
public sealed class WorkspaceAnalysis
{
    private readonly Lazy<IReadOnlyList<LintFinding>> _lint;
    private readonly Lazy<PostureSummary> _posture;
    private readonly Lazy<Engine.Intents.IntentsAnalysis> _intents;
    private readonly Lazy<IReadOnlyList<Engine.EntryPoints.ExposedWorkload>> _exposure;

    /// <param name="baselineLint">The NetworkPolicy findings of the baseline, when known: the draft's are then found again only in the namespaces the draft changes.</param>
    public WorkspaceAnalysis(WorkspaceState state, ReachabilityMatrix baseline, ChangeImpact impact, Func<IReadOnlyList<LintFinding>>? baselineLint = null)
    {
        State = state;
        Baseline = baseline;
        Impact = impact;
        _lint = new Lazy<IReadOnlyList<LintFinding>>(() => DraftLint(baselineLint));
        _posture = new Lazy<PostureSummary>(() => PostureAnalyzer.Analyze(Draft, Lint));
        _intents = new(() => Engine.Intents.IntentsAnalyzer.Analyze(Draft));
        _exposure = new(() => Engine.EntryPoints.ExposureAnalyzer.Analyze(Draft.Evaluator));
    }

    /// <summary>The state analysed.</summary>
    public WorkspaceState State { get; }

    /// <summary>Reachability of the baseline (the accepted version).</summary>
    public ReachabilityMatrix Baseline { get; }

    /// <summary>What the draft changes against the baseline.</summary>
    public ChangeImpact Impact { get; }

    /// <summary>Reachability of the draft.</summary>
    public ReachabilityMatrix Draft => Impact.After;

    /// <summary>Lint findings of the draft's policies.</summary>
    public IReadOnlyList<LintFinding> Lint => _lint.Value;

    /// <summary>The draft's security posture.</summary>
    public PostureSummary Posture => _posture.Value;

    private IReadOnlyList<LintFinding> DraftLint(Func<IReadOnlyList<LintFinding>>? baselineLint)
    {
        if (baselineLint is null || Impact.RecomputedNamespaces is not { } recomputed)
        {
            return PolicyLinter.Lint(Draft);
        }

        // A NetworkPolicy's findings change only with its namespace's policies and what its workloads may send.
        var changed = Impact.ChangedPolicies.ToHashSet(StringComparer.Ordinal);
        var namespaces = new HashSet<string>(recomputed, StringComparer.Ordinal);
        namespaces.UnionWith(Baseline.Evaluator.Cluster.NetworkPolicies.Concat(Draft.Evaluator.Cluster.NetworkPolicies)
            .Where(p => changed.Contains(p.Id)).Select(p => p.Namespace));
        return [.. PolicyLinter.UpdateNetworkPolicies(baselineLint(), Draft, namespaces), .. PolicyLinter.LintDialects(Draft.Evaluator.Cluster)];
    }

    /// <summary>The draft's ClientIntents against its policies (the intent view).</summary>
    public Engine.Intents.IntentsAnalysis Intents => _intents.Value;

    /// <summary>The draft's workloads reachable from outside the cluster, and whether the policies let that traffic in.</summary>
    public IReadOnlyList<Engine.EntryPoints.ExposedWorkload> Exposure => _exposure.Value;
}
