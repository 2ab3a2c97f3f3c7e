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

    public WorkspaceAnalysis(WorkspaceState state, ReachabilityMatrix baseline, ChangeImpact impact)
    {
        State = state;
        Baseline = baseline;
        Impact = impact;
        _lint = new Lazy<IReadOnlyList<LintFinding>>(() => PolicyLinter.Lint(Draft));
        _posture = new Lazy<PostureSummary>(() => PostureAnalyzer.Analyze(Draft, Lint));
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
}
