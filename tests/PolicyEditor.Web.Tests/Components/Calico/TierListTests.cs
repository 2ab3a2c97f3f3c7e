using Bunit;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Components.Calico;

/// <summary>The Policies tab's tiers on the bundled Calico sample: tiers and policies in order, staged policies and their promotion.</summary>
public sealed class TierListTests : MudTestContext
{
    private static readonly Cluster CalicoSample = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "calico")).Cluster;

    private readonly TestExplorer _explorer;

    public TierListTests()
        : this(new TestExplorer())
    {
    }

    private TierListTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    private static readonly PolicyKey StagedDefaultDeny = new("StagedGlobalNetworkPolicy", null, "applications.default-deny");

    [Fact]
    public async Task TierList_ShowsTheTiersInOrder_EachPolicyWithItsOrder()
    {
        await _explorer.OpenAsync(CalicoSample);

        var list = Render<TierList>();

        var tiers = list.FindAll("[data-testid=tier]").Select(t => t.GetAttribute("data-tier")).ToList();
        Assert.Equal(["security", "platform", "applications"], tiers);
        Assert.Contains("order 100", list.FindAll("[data-testid=tier-order]")[0].TextContent, StringComparison.Ordinal);
        var platform = list.FindAll("[data-testid=tier]")[1].QuerySelectorAll("[data-testid=tier-policy]")
            .Select(r => (r.QuerySelector("[data-testid=tier-policy-order]")!.TextContent.Trim(), r.GetAttribute("data-policy"))).ToList();
        Assert.Equal([("100", "GlobalNetworkPolicy platform.allow-dns"), ("200", "GlobalNetworkPolicy platform.allow-monitoring")], platform.Take(2));
    }

    [Fact]
    public async Task TierList_MarksAStagedPolicy_InThePlaceItWouldRun()
    {
        await _explorer.OpenAsync(CalicoSample);

        var list = Render<TierList>();

        var staged = list.Find($"[data-policy='{StagedDefaultDeny.Id}']");
        Assert.Equal("true", staged.GetAttribute("data-staged"));
        Assert.NotNull(staged.QuerySelector("[data-testid=staged-chip]"));
        Assert.NotNull(staged.QuerySelector("[data-testid=staged-impact]"));
        Assert.Equal("applications", staged.ParentElement!.GetAttribute("data-tier"));
    }

    [Fact]
    public async Task PolicyList_WithoutNetworkPolicies_DoesNotCallTheWorkloadsOpen_WhenTiersDecide()
    {
        await _explorer.OpenAsync(CalicoSample);

        var list = Render<PolicyList>();

        Assert.Contains("the tiers above decide", list.Find("[data-testid=policy-list]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("every workload is open", list.Find("[data-testid=policy-list]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TierList_OnAWorkspaceOfNetworkPoliciesOnly_ShowsNothing()
    {
        await _explorer.OpenAsync(SampleFiles.LoadShop().Result.Cluster);

        var list = Render<TierList>();

        Assert.Empty(list.FindAll("[data-testid=tier-list]"));
    }

    [Fact]
    public async Task PromotingAStagedPolicy_ChangesWhatItsImpactSaid_AndIsAnEditUndoTakesBack()
    {
        await _explorer.OpenAsync(CalicoSample);

        var promotion = await Session.PromotionOfAsync(StagedDefaultDeny);

        Assert.NotNull(promotion);
        Assert.NotEmpty(promotion.Impact);
        Assert.True(await Session.PromoteAsync(promotion));
        Assert.Null(Session.State!.Draft.FindPolicy(StagedDefaultDeny));
        Assert.NotNull(Session.State.Draft.FindPolicy(new PolicyKey("GlobalNetworkPolicy", null, "applications.default-deny")));
        Assert.Equal(promotion.Impact.Count, Session.ChangeCount);

        Assert.True(await Session.ExecuteAsync(new UndoEdit()));
        Assert.NotNull(Session.State.Draft.FindPolicy(StagedDefaultDeny));
        Assert.Equal(0, Session.ChangeCount);
    }
}
