using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// The engine's analyses of workspaces, each computed once, off the caller's thread, and shared by every
/// page that asks: a state's analysis (the explorer, the review page, the history page), an accepted
/// version's reachability, what differs between two versions, and what proposed changes would do to a
/// draft (a review's suggestions, a lesson's solution).
/// </summary>
/// <remarks>
/// A state's analysis lives as long as the state; a version's reachability as long as a state holding
/// that version as its baseline, and otherwise among the few most recently used, since an older version
/// of a large cluster costs as much memory as the current one.
/// </remarks>
public sealed class WorkspaceAnalyzer : IDisposable
{
    /// <summary>How many older versions' matrices and comparisons are kept beyond those in use.</summary>
    private const int Kept = 16;

    private readonly ConditionalWeakTable<WorkspaceState, Task<WorkspaceAnalysis>> _analyses = [];
    private readonly ConditionalWeakTable<WorkspaceVersion, Task<ReachabilityMatrix>> _baselines = [];
    private readonly ConditionalWeakTable<WorkspaceAnalysis, ConcurrentDictionary<ChangeSet, Task<IReadOnlyList<ConnectionChange>>>> _proposals = [];
    private readonly ConditionalWeakTable<ReachabilityMatrix, Lazy<IReadOnlyList<LintFinding>>> _baselineLints = [];
    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = Kept });

    /// <summary>The engine's analysis of a state.</summary>
    public Task<WorkspaceAnalysis> AnalyzeAsync(WorkspaceState state) =>
        _analyses.GetValue(state, s => Task.Run(async () =>
        {
            var baseline = await VersionMatrixAsync(s.Id, s.Baseline);
            var lint = _baselineLints.GetValue(baseline, m => new Lazy<IReadOnlyList<LintFinding>>(() => PolicyLinter.LintNetworkPolicies(m)));
            return new WorkspaceAnalysis(s, baseline, ChangeImpact.Compute(baseline, s.Draft), () => lint.Value);
        }));

    /// <summary>The reachability of an accepted version.</summary>
    public Task<ReachabilityMatrix> VersionMatrixAsync(Guid workspaceId, WorkspaceVersion version) =>
        _baselines.GetValue(version, v => Recent(("version", workspaceId, v.Number), () => ReachabilityMatrix.Build(new ClusterEvaluator(v.Cluster))));

    /// <summary>
    /// What differs from one version to another of a workspace in <paramref name="state"/>; a null version
    /// is the state's draft. The baseline against the draft is the analysis's own impact.
    /// </summary>
    public async Task<VersionComparison> CompareAsync(WorkspaceState state, WorkspaceVersion? from, WorkspaceVersion? to)
    {
        var analysis = await AnalyzeAsync(state);
        if (from?.Number == state.Baseline.Number && to is null)
        {
            return Comparison(analysis.Impact);
        }

        // The draft is named by its revision: the same comparison with a later draft is another one.
        object Key(WorkspaceVersion? v) => v is null ? $"draft@{state.Revision}" : v.Number;
        return await Recent(("compare", state.Id, Key(from), Key(to)), async () =>
        {
            var before = from is null ? analysis.Draft : from.Number == state.Baseline.Number ? analysis.Baseline : await VersionMatrixAsync(state.Id, from);
            return Comparison(ChangeImpact.Compute(before, to?.Cluster ?? state.Draft));
        });
    }

    /// <summary>What applying <paramref name="changes"/> to the analysed draft would change (the same changes are computed once per state).</summary>
    public Task<IReadOnlyList<ConnectionChange>> ImpactOfAsync(WorkspaceAnalysis analysis, IReadOnlyList<PolicyChange> changes) =>
        _proposals.GetOrCreateValue(analysis).GetOrAdd(new ChangeSet(changes), set => Task.Run(() =>
        {
            var after = set.Changes.Aggregate(analysis.Draft.Evaluator.Cluster, (c, change) => c.Apply(change));
            return ChangeImpact.Compute(analysis.Draft, after).Changes;
        }));

    public void Dispose() => _recent.Dispose();

    private static VersionComparison Comparison(ChangeImpact impact) => new(impact.Changes, [.. impact.ChangedPolicies.Order(StringComparer.Ordinal)]);

    private Task<T> Recent<T>(object key, Func<T> compute) => Recent(key, () => Task.FromResult(compute()));

    private Task<T> Recent<T>(object key, Func<Task<T>> compute) =>
        _recent.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return new Lazy<Task<T>>(() => Task.Run(compute));
        })!.Value;

    /// <summary>Policy changes compared by what they change, so a suggestion read again from the store finds its impact.</summary>
    private sealed record ChangeSet(IReadOnlyList<PolicyChange> Changes)
    {
        public bool Equals(ChangeSet? other) => other is not null && Changes.SequenceEqual(other.Changes);

        public override int GetHashCode() => Changes.Aggregate(Changes.Count, (hash, change) => HashCode.Combine(hash, change));
    }
}
