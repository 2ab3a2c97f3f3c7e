using System.Text;
using Bunit;
using MudBlazor;
using PolicyEditor.Engine.Dialects;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.Components.Explorer;

/// <summary>The Traffic tab's policies from flows: in the workspace's dialect or the one chosen, YAML and impact shown before applying.</summary>
public sealed class TrafficPanelTests : MudTestContext
{
    private const string Flows = "shop/frontend,shop/catalog,TCP,8080,120\nshop/frontend,shop/cart,TCP,8080,3\nshop/frontend,shop/cart,ICMP,8/0,2\n";

    private readonly TestExplorer _explorer;

    public TrafficPanelTests()
        : this(new TestExplorer(withTraffic: true))
    {
    }

    private TrafficPanelTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    [Fact]
    public async Task OnACiliumWorkspace_ProposesCiliumNetworkPolicies_ShowsYamlAndImpact_AndApplyIsOneEdit()
    {
        await _explorer.OpenAsync(ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "cilium-shop")).Cluster);
        await ImportAsync(Flows);
        var panel = Render<TrafficPanel>();
        Assert.Equal("CiliumNetworkPolicy", panel.Find("input[data-testid=traffic-dialect]").GetAttribute("value"));

        panel.Find("[data-testid=traffic-propose]").Click();

        panel.WaitForAssertion(() => Assert.Contains("kind: CiliumNetworkPolicy", panel.Find("[data-testid=traffic-proposal-yaml]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Equal("CiliumNetworkPolicy", panel.Find("[data-testid=traffic-proposal-dialect]").TextContent);
        Assert.Contains("pairs lose connections", panel.Find("[data-testid=traffic-proposal-blocked]").TextContent, StringComparison.Ordinal);
        Assert.Contains("icmps:", panel.Find("[data-testid=traffic-proposal-yaml]").TextContent, StringComparison.Ordinal);
        var edits = Session.ChangeCount;

        panel.Find("[data-testid=traffic-apply]").Click();

        panel.WaitForAssertion(() => Assert.Contains(Session.State!.Draft.OtherPolicies, p => p is CiliumPolicy { Name: "observed-frontend" }), TimeSpan.FromSeconds(15));

        // The session's state changes before the panel renders it: the proposal goes with the next render.
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=traffic-proposal]")), TimeSpan.FromSeconds(15));
        Assert.True(Session.ChangeCount > edits);
    }

    [Fact]
    public async Task OnANetworkPolicyWorkspace_CalicoCanBeChosen()
    {
        await _explorer.OpenAsync(SampleFiles.LoadShop().Result.Cluster);
        await ImportAsync(Flows);
        var panel = Render<TrafficPanel>();
        Assert.Equal("NetworkPolicy", panel.Find("input[data-testid=traffic-dialect]").GetAttribute("value"));

        await panel.InvokeAsync(() => panel.FindComponent<MudSelect<PolicyDialect>>().Instance.ValueChanged.InvokeAsync(PolicyDialect.Calico));
        panel.Find("[data-testid=traffic-propose]").Click();

        panel.WaitForAssertion(() => Assert.Contains("apiVersion: projectcalico.org/v3", panel.Find("[data-testid=traffic-proposal-yaml]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Contains("name: observed-default-deny", panel.Find("[data-testid=traffic-proposal-yaml]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Calico NetworkPolicy", panel.Find("[data-testid=traffic-proposal-dialect]").TextContent);

        panel.Find("[data-testid=traffic-apply]").Click();

        panel.WaitForAssertion(() => Assert.Contains(Session.State!.Draft.OtherPolicies, p => p is CalicoPolicy { Name: "observed-default-deny", Namespace: "shop" }), TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(Session.State!.Draft.NetworkPolicies, p => p.Namespace == "shop");
    }

    [Fact]
    public async Task ASetOfWorkloadsOfANamespace_GetsPoliciesOfItsOwn_AndTheNamespacesOtherPoliciesStay()
    {
        await _explorer.OpenAsync(SampleFiles.LoadShop().Result.Cluster);
        await ImportAsync(Flows);
        var panel = Render<TrafficPanel>();
        Assert.Empty(panel.FindAll("[data-testid=traffic-workloads]"));

        await panel.InvokeAsync(() => panel.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("shop"));
        var workloads = panel.FindComponents<MudSelect<string>>().Single(s => s.Instance.MultiSelection);
        Assert.Contains("shop/frontend[Deployment]", Session.WorkloadsIn("shop"));
        await panel.InvokeAsync(() => workloads.Instance.SelectedValuesChanged.InvokeAsync(["shop/frontend[Deployment]", "shop/cart[Deployment]"]));
        panel.Find("[data-testid=traffic-propose]").Click();

        panel.WaitForAssertion(() => Assert.Contains("name: observed-frontend", panel.Find("[data-testid=traffic-proposal-yaml]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        var yaml = panel.Find("[data-testid=traffic-proposal-yaml]").TextContent;
        Assert.Contains("name: observed-cart", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("name: observed-catalog", yaml, StringComparison.Ordinal);
        var before = Session.State!.Draft.NetworkPolicies.Count(p => p.Namespace == "shop");

        panel.Find("[data-testid=traffic-apply]").Click();

        panel.WaitForAssertion(() => Assert.Contains(Session.State!.Draft.NetworkPolicies, p => p.Name == "observed-frontend"), TimeSpan.FromSeconds(15));
        Assert.Equal(before + 2, Session.State!.Draft.NetworkPolicies.Count(p => p.Namespace == "shop"));
    }

    private async Task ImportAsync(string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        await Session.ImportFlowsAsync(stream, "flows.csv", null, CancellationToken.None);
    }
}
