using Bunit;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Storage;

namespace PolicyEditor.Web.Tests.Components.Explorer;

/// <summary>The Intents and Exposure tabs on the boutique sample (ClientIntents beside one policy and a LoadBalancer).</summary>
public sealed class IntentsPanelTests : MudTestContext
{
    private static readonly Cluster Boutique = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "boutique")).Cluster;

    private readonly TestExplorer _explorer;

    public IntentsPanelTests()
        : this(new TestExplorer())
    {
    }

    private IntentsPanelTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    [Fact]
    public async Task IntentsPanel_ListsEachClass_AndAFilterHidesOne()
    {
        await _explorer.OpenAsync(Boutique);

        var panel = Render<IntentsPanel>();

        Assert.Single(panel.FindAll("[data-testid=intent-row][data-class=intent-blocked]"));
        Assert.Equal(6, panel.FindAll("[data-testid=intent-row][data-class=intent-allowed]").Count);
        panel.Find("[data-testid=intents-filter][data-class=intent-allowed]").Click();
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=intent-row][data-class=intent-allowed]")), TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(IntentClass.IntendedAllowed, Session.IntentFilter);
    }

    [Fact]
    public async Task IntentView_DrawsTheDeclaredCallsByClass()
    {
        await _explorer.OpenAsync(Boutique);

        await Session.ShowIntentViewAsync(true);

        var blocked = Session.Graph.Edge("w:boutique/frontend[Deployment]->w:boutique/cart[Deployment]");
        Assert.NotNull(blocked);
        Assert.Contains("intent-blocked", blocked.Classes);
        Assert.All(Session.Graph.Edges, e => Assert.Contains("intent", e.Classes));
        await Session.ShowIntentViewAsync(false);
        Assert.DoesNotContain(Session.Graph.Edges, e => e.Classes.Contains("intent"));
    }

    [Fact]
    public async Task PoliciesFromIntents_AreProposedWithTheirImpact_AndApplyOnlyWhenAsked()
    {
        var state = await _explorer.OpenAsync(Boutique);

        var preview = await Session.ProposeFromIntentsAsync(IntentSelectorMode.WorkloadLabels, externalAccess: true);

        Assert.NotNull(preview);
        Assert.Contains(preview.Changes, c => c.Name == "external-access-to-frontend-external");
        Assert.Contains(preview.WouldBreak, e => e.EntryPoint.Name == "frontend-external");
        Assert.NotEmpty(preview.Impact);
        Assert.Equal(state.Revision, Session.State!.Revision);
        Assert.True(await Session.ApplyIntentPoliciesAsync(preview));
        Assert.False(Session.Intents.AnyBlocked);
    }

    [Fact]
    public async Task OtterizeLabelProposals_AreShownToCompare_NotApplied()
    {
        await _explorer.OpenAsync(Boutique);

        var preview = await Session.ProposeFromIntentsAsync(IntentSelectorMode.OtterizeLabels, externalAccess: true);

        Assert.NotNull(preview);
        Assert.False(preview.CanApply);
        Assert.All(preview.Proposal.Policies, p => Assert.Contains(IntentPolicyGenerator.ServiceLabel, p.PodSelector.MatchLabels.Keys));
    }

    [Fact]
    public async Task ExposurePanel_ListsTheLoadBalancerAndItsWorkload()
    {
        await _explorer.OpenAsync(Boutique);

        var panel = Render<ExposurePanel>();

        Assert.Contains("LoadBalancer boutique/frontend-external", panel.Find("[data-testid=exposure-entry]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", panel.Find("[data-testid=exposure-row]").GetAttribute("data-open"));
    }

    [Fact]
    public void IntentsAndServiceTypes_AreKeptInTheStoredFrame()
    {
        var frame = ClusterCodec.DecodeFrame(ClusterCodec.EncodeFrame(Boutique));

        Assert.Equal(Boutique.Intents, frame.Intents);
        Assert.Equal(ServiceType.LoadBalancer, frame.Services.Single(s => s.Name == "frontend-external").Type);
    }
}
