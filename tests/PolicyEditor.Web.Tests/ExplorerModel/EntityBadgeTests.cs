using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>An entity (Cilium's <c>{host}</c>...) that reaches every workload alike is one badge, not an edge to each workload.</summary>
public sealed class EntityBadgeTests
{
    private static readonly Cluster Cilium = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "cilium-shop")).Cluster;

    private static async Task<GraphModel> GraphAsync(GraphOptions options)
    {
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        var state = await workspaces.CreateAsync("cilium", Cilium, Actor.Local, "created by the test");
        using var analyzer = new WorkspaceAnalyzer();
        return ParallelEdges.Merge(new GraphModelBuilder().Build(await analyzer.AnalyzeAsync(state), options));
    }

    private static int EntityEdges(GraphModel graph) =>
        graph.Edges.Count(e => e.Source.StartsWith(GraphIds.Other("{"), StringComparison.Ordinal) || e.Target.StartsWith(GraphIds.Other("{"), StringComparison.Ordinal));

    [Fact]
    public async Task TheHost_ReachingEveryWorkload_IsABadgeOnItsNode_NotAnEdgeToEach()
    {
        var drawn = await GraphAsync(new GraphOptions { ShowOpenEdges = true });
        var folded = await GraphAsync(new GraphOptions());

        var host = folded.Node(GraphIds.Other("{host}"))!;
        Assert.Contains("→ every workload: all", host.Label, StringComparison.Ordinal);
        Assert.Contains("badge", host.Classes);
        Assert.DoesNotContain(folded.Edges, e => e.Source == host.Id);
        Assert.Contains(drawn.Edges, e => e.Source == host.Id);
        Assert.True(EntityEdges(folded) < EntityEdges(drawn), $"{EntityEdges(folded)} entity edges folded, {EntityEdges(drawn)} drawn");
    }

    [Fact]
    public async Task AnEdgeWithObservedTraffic_StaysDrawn_WhileTheEntitysOtherEdgesAreFolded()
    {
        var all = await GraphAsync(new GraphOptions { ShowOpenEdges = true });
        var observed = all.Edges.First(e => e.Source == GraphIds.Other("{host}"));

        var graph = await GraphAsync(new GraphOptions { Unfolded = new HashSet<(string, string)> { (observed.Source, observed.Target) } });

        Assert.Contains(graph.Edges, e => e.Source == observed.Source && e.Target == observed.Target);
        Assert.Equal(1, graph.Edges.Count(e => e.Source == observed.Source));
    }
}
