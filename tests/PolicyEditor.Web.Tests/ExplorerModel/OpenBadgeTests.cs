using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>"Open to everything" drawn once, as a badge on the node, instead of an edge from or to every peer.</summary>
public sealed class OpenBadgeTests
{
    private static readonly Cluster Three = TestClusters.Shop with
    {
        Workloads = ValueArray.Create([.. TestClusters.Shop.Workloads, new Workload("shop", "cache", "Deployment", LabelSet.Of(("app", "cache")), ValueArray<ContainerPort>.Empty)]),
    };

    /// <summary>Only TCP 8080 reaches web, from anyone; db and cache are open.</summary>
    private static readonly NetworkPolicy WebFromAnywhereOn8080 = new("shop", "web-8080", LabelSelector.ForLabels(("app", "web")), PolicyTypes.Ingress,
        ValueArray.Create(new NetworkPolicyRule(ValueArray<NetworkPolicyPeer>.Empty, ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 8080)))),
        ValueArray<NetworkPolicyRule>.Empty);

    private static async Task<GraphModel> GraphAsync(Cluster cluster, GraphOptions? options = null)
    {
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        var state = await workspaces.CreateAsync("test", cluster, Actor.Local, "created by the test");
        using var analyzer = new WorkspaceAnalyzer();
        return new GraphModelBuilder().Build(await analyzer.AnalyzeAsync(state), options ?? new GraphOptions());
    }

    [Fact]
    public async Task OpenCluster_IsBadgesNotEdges()
    {
        var graph = await GraphAsync(Three);

        Assert.Empty(graph.Edges);
        Assert.Equal(12, graph.FoldedEdges); // 6 pairs of workloads, each workload to and from the internet
        Assert.Contains("⇄ anywhere: all", graph.Node(GraphIds.Namespace("shop"))!.Label, StringComparison.Ordinal);
        Assert.Contains("badge", graph.Node(GraphIds.Namespace("shop"))!.Classes);
        Assert.NotNull(graph.Node(GraphIds.Internet));
    }

    [Fact]
    public async Task OpenCluster_WithOpenEdgesShown_DrawsTheEdgesAndKeepsTheBadge()
    {
        var graph = await GraphAsync(Three, new GraphOptions { ShowOpenEdges = true });

        Assert.Equal(0, graph.FoldedEdges);
        Assert.Contains(graph.Edges, e => e.Source == GraphIds.Workload("shop/web[Deployment]") && e.Target == GraphIds.Workload("shop/db[StatefulSet]"));
        Assert.Contains("⇄ anywhere: all", graph.Node(GraphIds.Namespace("shop"))!.Label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngressOpenOnOnePort_IsOneBadge_AndItsEdgesAreFolded()
    {
        var graph = await GraphAsync(Three with { NetworkPolicies = ValueArray.Create(WebFromAnywhereOn8080) });

        var web = graph.Node(GraphIds.Workload("shop/web[Deployment]"))!;
        Assert.Equal("web\n← anywhere: TCP 8080", web.Label);
        Assert.EndsWith("→ anywhere: all", graph.Node(GraphIds.Namespace("shop"))!.Label, StringComparison.Ordinal); // every workload of shop shares it
        Assert.Contains("reached from anywhere on TCP 8080", web.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(graph.Edges, e => e.Target == web.Id);
    }

    [Fact]
    public async Task EdgesCarryingMoreThanTheBadge_AreStillDrawn()
    {
        // db may open TCP 8080 and 9090 to web: more than anyone may, so that edge stays, with both ports on one label.
        var fromDb = WebFromAnywhereOn8080 with
        {
            Ingress = ValueArray.Create([.. WebFromAnywhereOn8080.Ingress, new NetworkPolicyRule(
                ValueArray.Create(NetworkPolicyPeer.Pods(LabelSelector.ForLabels(("app", "db")))), ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 9090)))]),
        };

        var graph = await GraphAsync(Three with { NetworkPolicies = ValueArray.Create(fromDb) });

        var edge = Assert.Single(graph.Edges, e => e.Target == GraphIds.Workload("shop/web[Deployment]"));
        Assert.Equal(GraphIds.Workload("shop/db[StatefulSet]"), edge.Source);
        Assert.Equal("TCP 8080, 9090", edge.Label);
    }

    [Theory]
    [InlineData(true, true, "⇄ anywhere: all")]
    [InlineData(true, false, "← anywhere: all")]
    [InlineData(false, true, "→ anywhere: all")]
    [InlineData(false, false, null)]
    public void BadgeText_SaysWhichWay(bool into, bool from, string? expected) =>
        Assert.Equal(expected, GraphModelBuilder.BadgeText(into ? ConnectionSet.All : null, from ? ConnectionSet.All : null));
}
