using Blazor.Diagrams.Core.Geometry;
using Bunit;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Components.PolicyDiagram;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.Components.PolicyDiagram;

/// <summary>The policy view's component on the shop sample: it draws the session's diagram (nodes, labelled links, the rule list) and acts through the session.</summary>
public sealed class PolicyDiagramViewTests : MudTestContext
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private readonly TestExplorer _explorer;

    public PolicyDiagramViewTests()
        : this(new TestExplorer())
    {
    }

    private PolicyDiagramViewTests(TestExplorer explorer)
        : base(services: explorer.AddTo)
    {
        _explorer = explorer;

        // The surface asks the browser for its bounds: here, a frame of 900 by 600.
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(new Point(0, 0), new Size(900, 600)));
    }

    private ExplorerSession Session => _explorer.Session;

    [Fact]
    public async Task NothingIsDrawn_UntilAPolicyIsOpened()
    {
        await _explorer.OpenAsync(Shop);

        var view = Render<PolicyDiagramView>();

        Assert.Empty(view.FindAll("[data-testid=policy-view]"));
    }

    [Fact]
    public async Task APolicy_IsDrawnWithItsNodesLinksAndRules()
    {
        await _explorer.OpenAsync(Shop);
        var view = Render<PolicyDiagramView>();

        await view.InvokeAsync(() => Session.OpenPolicyView("payments/allow-payment-provider-egress"));

        view.WaitForAssertion(() => Assert.Equal("payments/allow-payment-provider-egress", view.Find("[data-testid=policy-view]").GetAttribute("data-policy")));
        Assert.Equal(["Subject", "Cidr"], view.FindAll("[data-testid=pv-node]").Select(n => n.GetAttribute("data-shape")));
        Assert.Contains("except 203.0.113.192/26", view.Find("[data-testid=pv-node][data-shape=Cidr]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["TCP 443"], view.FindAll("[data-testid=pv-link-label]").Select(l => l.TextContent.Trim()));
        Assert.Single(view.FindAll("[data-testid=pv-rules-egress] [data-testid=pv-rule]"));
        Assert.Contains("Ingress is not restricted by this policy.", view.Find("[data-testid=policy-view]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteButton_ShowsThePendingEditWithItsImpact()
    {
        await _explorer.OpenAsync(Shop);
        var view = Render<PolicyDiagramView>();
        await view.InvokeAsync(() => Session.OpenPolicyView("payments/allow-payment-provider-egress"));

        await view.InvokeAsync(() => view.Find("[data-testid=pv-delete-link]").Click());

        view.WaitForAssertion(() => Assert.Contains("Remove egress rule 1", view.Find("[data-testid=pv-pending]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(view.FindAll("[data-testid=pv-edit-impact-row]"));
    }

    [Fact]
    public async Task AWorkload_IsDrawnWithEveryPolicySelectingIt_AndALinkOpensTheDecidingPolicy()
    {
        await _explorer.OpenAsync(Shop);
        var view = Render<PolicyDiagramView>();

        await view.InvokeAsync(() => Session.OpenWorkloadView("shop/db[StatefulSet]"));

        view.WaitForAssertion(() => Assert.Equal("shop/db[StatefulSet]", view.Find("[data-testid=policy-view]").GetAttribute("data-workload")));
        Assert.Equal("shop/db[StatefulSet]", view.Find("[data-testid=pv-title]").TextContent.Trim());
        Assert.NotEmpty(view.FindAll("[data-testid=pv-finder]"));
        Assert.Empty(view.FindAll("[data-testid=pv-yaml]"));
        Assert.Empty(view.FindAll("[data-testid=pv-delete-link]"));
        Assert.Contains(view.FindAll("[data-testid=pv-link-label]"), l => l.TextContent.Contains("1. allow-backends-to-db #1 · TCP 5432", StringComparison.Ordinal));

        var rule = view.FindAll("[data-testid=pv-rules-ingress] [data-testid=pv-rule]").First(r => r.TextContent.Contains("allow-backends-to-db", StringComparison.Ordinal));
        await view.InvokeAsync(() => rule.QuerySelector("[data-testid=pv-open-policy]")!.Click());

        view.WaitForAssertion(() => Assert.Equal("shop/allow-backends-to-db", view.Find("[data-testid=policy-view]").GetAttribute("data-policy")));
        Assert.Null(Session.WorkloadInView);
    }

    [Fact]
    public async Task APaletteItemPressed_OpensTheEditorNodeInTheDiagram_WhosePreviewShowsTheImpact()
    {
        await _explorer.OpenAsync(Shop);
        var view = Render<PolicyDiagramView>();
        await view.InvokeAsync(() => Session.OpenPolicyView("shop/allow-backends-to-db"));

        await view.InvokeAsync(() => view.Find("[data-testid=pv-palette-item][data-kind=Cidr]").Click());

        var editor = view.WaitForElement("[data-testid=pv-node][data-shape=New] [data-testid=pv-editor]");
        Assert.Equal("Cidr", editor.GetAttribute("data-kind"));
        await view.InvokeAsync(() => view.Find("[data-testid=pv-editor] input[data-testid=pv-cidr], [data-testid=pv-editor] [data-testid=pv-cidr] input").Input("192.0.2.0/24"));
        await view.InvokeAsync(() => view.Find("[data-testid=pv-editor] input[data-testid=pv-ports], [data-testid=pv-editor] [data-testid=pv-ports] input").Input("TCP 5432"));
        await view.InvokeAsync(() => view.Find("[data-testid=pv-add]").Click());

        view.WaitForAssertion(() => Assert.Contains("Allow from ipBlock 192.0.2.0/24 on TCP 5432", view.Find("[data-testid=pv-pending]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANodeTheUserMoved_StaysThere_WhenTheDiagramIsDrawnAgain_UntilTheLayoutIsReset()
    {
        await _explorer.OpenAsync(Shop);
        var view = Render<PolicyDiagramView>();
        await view.InvokeAsync(() => Session.OpenPolicyView("shop/allow-backends-to-db"));
        var peer = Session.PolicyDiagram!.Peers[0];
        string Style() => view.FindAll("[data-testid=pv-node]").Single(n => n.GetAttribute("data-node") == peer.Id).ParentElement!.GetAttribute("style") ?? string.Empty;

        Session.PlaceNode("shop/allow-backends-to-db", peer.Id, 1234, 567);
        await view.InvokeAsync(() => Session.OpenPolicyView("shop/allow-frontend-to-backends"));
        await view.InvokeAsync(() => Session.OpenPolicyView("shop/allow-backends-to-db"));

        view.WaitForAssertion(() => Assert.Contains("left: 1234px", Style(), StringComparison.Ordinal));
        Assert.Contains("top: 567px", Style(), StringComparison.Ordinal);

        await view.InvokeAsync(() => view.Find("[data-testid=pv-reset-layout]").Click());

        view.WaitForAssertion(() => Assert.DoesNotContain("left: 1234px", Style(), StringComparison.Ordinal));
        Assert.Empty(view.FindAll("[data-testid=pv-reset-layout]"));
    }

    [Fact]
    public async Task ACalicoPolicysPalette_OffersCalicosPeers_AndItsEditorTheActionsAndThePlaceOfTheRule()
    {
        await _explorer.OpenAsync(SampleFiles.Load("calico").Result.Cluster);
        var view = Render<PolicyDiagramView>();
        await view.InvokeAsync(() => Session.OpenPolicyView("GlobalNetworkPolicy security.guardrails"));

        Assert.Equal(["Pods", "Namespace", "PodsInNamespace", "Cidr", "NetworkSet", "ServiceAccount"], view.FindAll("[data-testid=pv-palette-item]").Select(i => i.GetAttribute("data-kind")));
        await view.InvokeAsync(() => view.Find("[data-testid=pv-palette-item][data-kind=NetworkSet]").Click());

        var editor = view.WaitForElement("[data-testid=pv-node][data-shape=New] [data-testid=pv-editor]");
        Assert.Equal(["Allow", "Deny", "Pass", "Log"], view.FindAll("[data-testid=pv-action]").Select(a => a.GetAttribute("data-action")));
        Assert.NotEmpty(view.FindAll("[data-testid=pv-position]"));
        Assert.Contains("global network sets", editor.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACiliumPolicysEditor_WritesADnsName_AndItsPreviewSaysTheDnsRuleComesWithIt()
    {
        await _explorer.OpenAsync(SampleFiles.Load("cilium-shop").Result.Cluster);
        var view = Render<PolicyDiagramView>();
        await view.InvokeAsync(() => Session.OpenPolicyView("CiliumNetworkPolicy shop/frontend"));
        await view.InvokeAsync(() => Session.StartNewPeer(Web.PolicyDiagrams.PeerKind.DnsName, Engine.Evaluation.TrafficDirection.Egress));

        view.WaitForElement("[data-testid=pv-node][data-shape=New] [data-testid=pv-editor]");
        Assert.Equal(["Allow", "Deny"], view.FindAll("[data-testid=pv-action]").Select(a => a.GetAttribute("data-action")));
        Assert.Empty(view.FindAll("[data-testid=pv-position]"));
        await view.InvokeAsync(() => view.Find("[data-testid=pv-editor] input[data-testid=pv-dns-name], [data-testid=pv-editor] [data-testid=pv-dns-name] input").Input("*.example.com"));
        await view.InvokeAsync(() => view.Find("[data-testid=pv-add]").Click());

        view.WaitForAssertion(() => Assert.Contains("Allow to DNS *.example.com on any port in CiliumNetworkPolicy shop/frontend (a new egress rule); with the DNS rule it needs", view.Find("[data-testid=pv-pending]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACiliumPolicyWithSeveralSpecs_ShowsOneSpecAtATime_ChosenByItsButtons()
    {
        await _explorer.OpenAsync(SampleFiles.Load("cilium-shop").Result.Cluster);
        var view = Render<PolicyDiagramView>();
        await view.InvokeAsync(() => Session.OpenPolicyView("CiliumClusterwideNetworkPolicy monitoring-and-metadata"));

        Assert.Equal(["specs[0]", "specs[1]"], view.FindAll("[data-testid=pv-spec]").Select(b => b.TextContent.Trim()));
        Assert.Equal("true", view.FindAll("[data-testid=pv-spec]")[0].GetAttribute("aria-pressed"));
        Assert.Single(view.FindAll("[data-testid=pv-rules-ingress] [data-testid=pv-rule]"));
        await view.InvokeAsync(() => view.FindAll("[data-testid=pv-spec]")[1].Click());

        view.WaitForAssertion(() => Assert.Equal("true", view.FindAll("[data-testid=pv-spec]")[1].GetAttribute("aria-pressed")));
        Assert.Contains("Nobody reaches the cloud metadata service", view.Find("[data-testid=pv-spec-text]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Deny", view.Find("[data-testid=pv-rules-egress] [data-testid=pv-rule]").GetAttribute("data-action"));
        Assert.Empty(view.FindAll("[data-testid=pv-rules-ingress] [data-testid=pv-rule]"));
    }
}
