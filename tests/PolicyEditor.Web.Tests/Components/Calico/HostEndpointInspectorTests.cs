using Bunit;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Calico;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.Components.Calico;

/// <summary>The inspector of a Calico host endpoint on the bundled Calico sample (node-1's eth0, selected by security.nodes).</summary>
public sealed class HostEndpointInspectorTests : MudTestContext
{
    private static readonly Cluster CalicoSample = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "calico")).Cluster;

    private static readonly string Node = GraphIds.Other("node-1-eth0[HostEndpoint]");

    private readonly TestExplorer _explorer;

    public HostEndpointInspectorTests()
        : this(new TestExplorer())
    {
    }

    private HostEndpointInspectorTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    private async Task<IRenderedComponent<ExplorerInspector>> InspectAsync(Cluster cluster)
    {
        await _explorer.OpenAsync(cluster);
        await Session.SelectNodeAsync(Node);
        return Render<ExplorerInspector>();
    }

    [Fact]
    public async Task ClickingAHostEndpoint_ShowsItsOwnInspector_WithItsInterfaceNodeAddressesAndLabels()
    {
        var inspector = await InspectAsync(CalicoSample);

        var panel = inspector.Find("[data-testid=host-endpoint-inspector]");
        Assert.Equal("node-1-eth0", panel.QuerySelector("[data-testid=inspector-title]")!.TextContent.Trim());
        Assert.Contains("on node node-1", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("interface eth0", panel.QuerySelector("[data-testid=host-interface]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("10.0.0.11/32", panel.QuerySelector("[data-testid=host-expected-ips]")!.TextContent.Trim());
        Assert.Contains("role=node", panel.QuerySelector(".pe-labels")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(inspector.FindAll("[data-testid=outside-inspector]"));
    }

    [Fact]
    public async Task HostEndpointInspector_ListsThePoliciesSelectingIt_InTheOrderTheyRun_WithTierAndOrder()
    {
        var inspector = await InspectAsync(CalicoSample);

        var rows = inspector.FindAll("[data-testid=host-policy]");
        Assert.Equal(
            ["security.nodes security 50", "security.guardrails security 100", "platform.allow-dns platform 100", "platform.hand-over platform 1000"],
            rows.Select(r => $"{r.GetAttribute("data-policy")![20..]} {r.QuerySelector("[data-testid=host-policy-tier]")!.TextContent} {r.QuerySelector("[data-testid=host-policy-order]")!.TextContent}"));
        var row = rows[0];
        Assert.Equal("security", row.QuerySelector("[data-testid=host-policy-tier]")!.TextContent.Trim());
        Assert.Equal("50", row.QuerySelector("[data-testid=host-policy-order]")!.TextContent.Trim());
        Assert.Contains("ingress and egress rules", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostEndpointInspector_ShowsFelixsDefaultFailsafePorts_AndThatItIsDefaultDenyOnItsInterfaceOnly()
    {
        var inspector = await InspectAsync(CalicoSample);

        Assert.Contains("TCP 22", inspector.Find("[data-testid=failsafe-inbound]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Felix's defaults", inspector.Find("[data-testid=failsafe-inbound]").TextContent, StringComparison.Ordinal);
        Assert.Contains("UDP 53", inspector.Find("[data-testid=failsafe-outbound]").TextContent, StringComparison.Ordinal);
        Assert.Equal("default deny", inspector.Find("[data-testid=host-default]").TextContent.Trim());
        Assert.Contains("on interface eth0 only", inspector.Find("[data-testid=host-default-text]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostEndpointInspector_NamesTheFelixConfiguration_AndAnAllInterfacesDefaultAllowHost()
    {
        var host = CalicoSample.OtherPolicies.OfType<Engine.Model.Calico.CalicoHostEndpoint>().Single();
        var felix = new Engine.Model.Calico.CalicoFelixConfiguration("default", ValueArray<Engine.Model.Calico.CalicoFailsafePort>.Empty, null);
        var cluster = CalicoSample with
        {
            OtherPolicies = CalicoSample.OtherPolicies.Select(p => Equals(p, host) ? host with { InterfaceName = "*", Profiles = ValueArray.Create("projectcalico-default-allow") } : p).Append(felix).ToValueArray(),
        };

        var inspector = await InspectAsync(cluster);

        Assert.Contains("none (FelixConfiguration default)", inspector.Find("[data-testid=failsafe-inbound]").TextContent, StringComparison.Ordinal);
        Assert.Equal("default allow", inspector.Find("[data-testid=host-default]").TextContent.Trim());
        Assert.Contains("every interface of node node-1", inspector.Find("[data-testid=host-default-text]").TextContent, StringComparison.Ordinal);
        Assert.Equal("profiles", inspector.FindAll("[data-testid=host-policy-tier]")[^1].TextContent.Trim());
    }

    [Fact]
    public async Task ClickingAPolicyOfTheHostEndpoint_OpensItsPolicyView()
    {
        var inspector = await InspectAsync(CalicoSample);

        inspector.Find("[data-testid=host-policy-view]").Click();

        Assert.Equal("GlobalNetworkPolicy security.nodes", Session.PolicyInView?.Id);
    }
}
