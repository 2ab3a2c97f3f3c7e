using Bunit;
using MudBlazor;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Cilium;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.Components.Cilium;

/// <summary>The explorer on the bundled Cilium sample: the enforcement mode beside the graph, L7 rules on the pair and the edge.</summary>
public sealed class CiliumExplorerTests : MudTestContext
{
    private static readonly Cluster CiliumSample = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "cilium-shop")).Cluster;

    private readonly TestExplorer _explorer;

    public CiliumExplorerTests()
        : this(new TestExplorer())
    {
    }

    private CiliumExplorerTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    private static Endpoint W(string id) => Endpoint.Of(CiliumSample.FindWorkload(id)!);

    [Fact]
    public async Task EnforcementMode_IsShownOnACiliumWorkspace_AndChangingItIsAnEditThatUndoTakesBack()
    {
        await _explorer.OpenAsync(CiliumSample);
        var selector = Render<CiliumEnforcementSelector>();
        Assert.Equal("default", selector.Find("[data-testid=cilium-enforcement]").GetAttribute("data-mode"));
        var before = Session.Answers.Pair(new EndpointPair(W("monitoring/prometheus[Deployment]"), W("kube-system/kube-dns[Deployment]"))).Draft;

        await selector.InvokeAsync(() => selector.FindComponent<MudSelect<CiliumEnforcementMode>>().Instance.ValueChanged.InvokeAsync(CiliumEnforcementMode.Always));

        Assert.Equal(CiliumEnforcementMode.Always, CiliumConfig.Of(Session.State!.Draft));
        selector.WaitForAssertion(() => Assert.Equal("always", selector.Find("[data-testid=cilium-enforcement]").GetAttribute("data-mode")));
        Assert.False(before.IsEmpty);
        Assert.True(Session.Answers.Pair(new EndpointPair(W("monitoring/prometheus[Deployment]"), W("kube-system/kube-dns[Deployment]"))).Draft.IsEmpty);
        Assert.True(Session.ChangeCount > 0);

        Assert.True(await Session.ExecuteAsync(new Web.Workspace.UndoEdit()));
        Assert.Equal(CiliumEnforcementMode.Default, CiliumConfig.Of(Session.State!.Draft));
    }

    [Fact]
    public async Task EnforcementMode_IsNotShown_WhereNothingUsesCilium()
    {
        await _explorer.OpenAsync(SampleFiles.LoadShop().Result.Cluster);

        var selector = Render<CiliumEnforcementSelector>();

        Assert.Empty(selector.FindAll("[data-testid=cilium-enforcement]"));
    }

    [Fact]
    public async Task PairFilteredByAnHttpRule_ShowsTheL7RuleAndItsPolicy()
    {
        await _explorer.OpenAsync(CiliumSample);

        var list = Render<ProxyFilterList>(p => p.Add(x => x.Pair, new EndpointPair(W("shop/frontend[Deployment]"), W("shop/cart[Deployment]"))));

        var rule = Assert.Single(list.FindAll("[data-testid=pair-l7-rule]"));
        Assert.Contains("HTTP GET /.*; HTTP POST /api/.*", rule.TextContent, StringComparison.Ordinal);
        Assert.Contains("CiliumNetworkPolicy shop/", rule.TextContent, StringComparison.Ordinal);
        Assert.Contains("filtered by Cilium's proxy", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdgeFilteredByL7Rules_IsMarkedOnTheGraph()
    {
        await _explorer.OpenAsync(CiliumSample);

        var edge = Session.Graph.Edges.Single(e => e.Source == GraphIds.Workload("shop/frontend[Deployment]") && e.Target == GraphIds.Workload("shop/cart[Deployment]"));

        Assert.Contains("l7", edge.Classes);
        Assert.EndsWith("· L7", edge.Label, StringComparison.Ordinal);
        Assert.Contains("HTTP GET /.*", edge.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(Session.Graph.Edges.Where(e => e.Target == GraphIds.Workload("shop/db[Deployment]")), e => e.Classes.Contains("l7"));
    }

    [Fact]
    public async Task CollapsedOverview_SumsTrafficToDnsNamesAndFromEntities_PerNamespace()
    {
        var bulk = Enumerable.Range(0, GraphOptions.CollapseThreshold).Select(i => new Workload("bulk", $"pod-{i}", "Pod", LabelSet.Of(("app", $"pod-{i}")), []));
        await _explorer.OpenAsync(CiliumSample with { Workloads = CiliumSample.Workloads.Concat(bulk).ToValueArray() });

        Assert.True(Session.Graph.Collapsed);
        var stripe = Session.Graph.Edges.Single(e => e.Source == GraphIds.Namespace("shop") && e.Target == GraphIds.Other("api.stripe.com[DNS]"));
        var matrix = Session.Analysis!.Draft;
        var reaching = matrix.Workloads.Where(w => w.Namespace == "shop").Count(w => !matrix.Get(Endpoint.Of(w), new DnsEndpoint("api.stripe.com")).IsEmpty);
        Assert.Equal(reaching, stripe.Pairs);
        Assert.StartsWith($"{reaching} pairs", stripe.Label, StringComparison.Ordinal);
        var host = Session.Graph.Edges.Single(e => e.Source == GraphIds.Other("{host}") && e.Target == GraphIds.Namespace("bulk"));
        Assert.Equal(GraphOptions.CollapseThreshold, host.Pairs);
    }
}
