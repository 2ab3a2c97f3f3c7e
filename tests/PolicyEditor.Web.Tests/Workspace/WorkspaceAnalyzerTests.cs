using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Workspace;

/// <summary>
/// The analyses every page shares: the history's comparisons and a review's suggestions are the engine's
/// answers, computed once and found again by whoever asks next.
/// </summary>
public sealed class WorkspaceAnalyzerTests
{
    private static readonly Actor Alice = new("alice", "Alice");

    private readonly WorkspaceService _service = new(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
    private readonly WorkspaceAnalyzer _analyzer = new();

    /// <summary>A workspace whose version 1 is open, version 2 denies ingress in shop, and whose draft denies egress too.</summary>
    private async Task<WorkspaceState> ThreeStagesAsync()
    {
        var ws = await _service.CreateAsync("shop", TestClusters.Shop, Alice, "imported");
        await _service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(TestClusters.Deny("deny-in"))], "deny ingress"), Alice);
        await _service.ExecuteAsync(ws.Id, new AcceptDraft("locked"), Alice);
        var edited = await _service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(TestClusters.Deny("deny-out", PolicyTypes.Egress))], "deny egress"), Alice);
        return edited.State;
    }

    [Fact]
    public async Task ComparingTheBaselineWithTheDraft_IsTheExplorersOwnImpact()
    {
        var state = await ThreeStagesAsync();
        var analysis = await _analyzer.AnalyzeAsync(state);

        var comparison = await _analyzer.CompareAsync(state, state.Baseline, null);

        Assert.Same(analysis.Impact.Changes, comparison.Changes);
        Assert.Equal(["shop/deny-out"], comparison.ChangedPolicies);
    }

    [Fact]
    public async Task ComparingTwoVersions_GivesWhatAFullRecomputationGives_OnceForEveryPage()
    {
        var state = await ThreeStagesAsync();
        var versions = await _service.VersionsAsync(state.Id);

        var first = await _analyzer.CompareAsync(state, versions[0], versions[1]);
        var again = await _analyzer.CompareAsync(state, versions[0], versions[1]);

        var expected = ChangeImpact.Compute(ReachabilityMatrix.Build(new Engine.Evaluation.ClusterEvaluator(versions[0].Cluster)), versions[1].Cluster);
        Assert.Equal(expected.Changes.Select(c => c.ToString()), first.Changes.Select(c => c.ToString()));
        Assert.NotEmpty(first.Changes);
        Assert.Equal(["shop/deny-in"], first.ChangedPolicies);
        Assert.Same(first, again);
    }

    [Fact]
    public async Task ASuggestionReadAgain_FindsTheImpactComputedForIt()
    {
        var state = await ThreeStagesAsync();
        var analysis = await _analyzer.AnalyzeAsync(state);
        var suggestion = (IReadOnlyList<PolicyChange>)[PolicyChange.Delete(state.Draft.FindPolicy("shop", "deny-in")!)];
        var readAgain = (IReadOnlyList<PolicyChange>)[PolicyChange.Delete(state.Draft.FindPolicy("shop", "deny-in")!)];

        var impact = await _analyzer.ImpactOfAsync(analysis, suggestion);

        // The draft still denies egress, so only what comes from outside the cluster gets in again.
        Assert.Contains(impact, c => c.Source is Engine.Evaluation.ExternalEndpoint && c.Destination.Id == "shop/db[StatefulSet]" && c.Kind == ChangeKind.Added);
        Assert.Same(impact, await _analyzer.ImpactOfAsync(analysis, readAgain));
    }
}
