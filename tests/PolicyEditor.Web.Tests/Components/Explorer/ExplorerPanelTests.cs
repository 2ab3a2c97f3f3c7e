using Bunit;
using MudBlazor;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Components.Explorer;

/// <summary>
/// The explorer's side panels on the shop sample, given an explorer session that shows it: they render
/// the session's answers (the engine's real ones) and act through it.
/// </summary>
public sealed class ExplorerPanelTests : MudTestContext
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private readonly TestExplorer _explorer;

    public ExplorerPanelTests()
        : this(new TestExplorer())
    {
    }

    private ExplorerPanelTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    /// <summary>Shows the shop sample with the checkout's way to payments-api deleted in the draft.</summary>
    private async Task OpenWithoutCheckoutToPaymentsAsync()
    {
        await _explorer.OpenAsync(Shop);
        await Session.ExecuteAsync(new EditPolicies([PolicyChange.Delete(Shop.FindPolicy("payments", "allow-checkout-to-payments-api")!)], "close payments"));
    }

    [Fact]
    public async Task WorkloadInspector_ListsLabelsPortsAndThePoliciesThatSelectIt()
    {
        await _explorer.OpenAsync(Shop);

        var inspector = Render<WorkloadInspector>(p => p.Add(x => x.WorkloadId, "shop/db[StatefulSet]"));

        Assert.Equal("db", inspector.Find("[data-testid=inspector-title]").TextContent.Trim());
        var ingress = inspector.FindAll("[data-testid=ingress-policies] [data-testid=policy-chip]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("default-deny-ingress", ingress);
        Assert.Contains("allow-backends-to-db", ingress);
        Assert.Contains("None", inspector.Find("[data-testid=egress-policies]").TextContent);
        var reachedFrom = inspector.FindAll("[data-testid=reached-by] [data-testid=peer-row]").Select(r => r.TextContent).ToList();
        Assert.Contains(reachedFrom, r => r.Contains("checkout", StringComparison.Ordinal));
        Assert.DoesNotContain(reachedFrom, r => r.Contains("frontend", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkloadInspector_ListsTheTierPoliciesThatApplyToIt_InProgramOrder()
    {
        var guard = new ClusterNetworkPolicy("guard-db", ClusterNetworkPolicyTier.Admin, 5,
            AdminSubject.OfNamespaces(Engine.Selectors.LabelSelector.ForLabels((Namespace.NameLabel, "shop"))),
            ValueArray.Create(new AdminRule("no-ops", AdminAction.Deny, ValueArray.Create(AdminPeer.OfNamespaces(Engine.Selectors.LabelSelector.ForLabels((Namespace.NameLabel, "ops")))), ValueArray<AdminPort>.Empty)),
            ValueArray<AdminRule>.Empty);
        var baseline = guard with { Name = "baseline-db", Tier = ClusterNetworkPolicyTier.Baseline, Ingress = ValueArray<AdminRule>.Empty, Egress = guard.Ingress };
        await _explorer.OpenAsync(Shop with { OtherPolicies = ValueArray.Create<IPolicyResource>(baseline, guard) });

        var inspector = Render<WorkloadInspector>(p => p.Add(x => x.WorkloadId, "shop/db[StatefulSet]"));

        var rows = inspector.FindAll("[data-testid=tier-policy]").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("ClusterNetworkPolicy guard-db (Admin tier, priority 5)", rows[0]);
        Assert.Contains("ingress rules", rows[0]);
        Assert.Contains("baseline-db", rows[1]);
        Assert.Contains("Baseline tier, egress rules", rows[1]);
    }

    [Fact]
    public async Task WorkloadInspector_ClickingAPolicy_ShowsItInThePoliciesTab()
    {
        await _explorer.OpenAsync(Shop);
        var inspector = Render<WorkloadInspector>(p => p.Add(x => x.WorkloadId, "shop/db[StatefulSet]"));

        inspector.FindAll("[data-testid=ingress-policies] [data-testid=policy-chip]").First(c => c.TextContent.Contains("allow-backends-to-db", StringComparison.Ordinal)).Click();

        Assert.Equal("shop/allow-backends-to-db", Session.SelectedPolicy?.Id);
        Assert.Equal(ExplorerTab.Policies, Session.Tab);
    }

    [Fact]
    public async Task PolicyList_ShowsEveryPolicyWithWhatItSelects_AndFilters()
    {
        await _explorer.OpenAsync(Shop);

        var list = Render<PolicyList>();

        var rows = list.FindAll("[data-testid=policy-row]");
        Assert.Equal(Shop.NetworkPolicies.Count, rows.Count);
        Assert.Contains(rows, r => r.GetAttribute("data-policy") == "payments/allow-checkout-to-payments-api");

        list.Find("[data-testid=policy-filter] input, input[data-testid=policy-filter]").Input("payments");
        list.WaitForAssertion(() => Assert.All(list.FindAll("[data-testid=policy-row]"), r => Assert.StartsWith("payments/", r.GetAttribute("data-policy"), StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task PolicyList_FollowsTheDraft()
    {
        await _explorer.OpenAsync(Shop);
        var list = Render<PolicyList>();

        await Session.ExecuteAsync(new EditPolicies([PolicyChange.Delete(Shop.FindPolicy("payments", "allow-checkout-to-payments-api")!)], "close payments"));

        list.WaitForAssertion(() => Assert.Equal(Shop.NetworkPolicies.Count - 1, list.FindAll("[data-testid=policy-row]").Count));
        Assert.DoesNotContain(list.FindAll("[data-testid=policy-row]"), r => r.GetAttribute("data-policy") == "payments/allow-checkout-to-payments-api");
    }

    [Fact]
    public async Task ImpactPanel_ListsEveryChangedPairWithItsKindAndCauses()
    {
        await OpenWithoutCheckoutToPaymentsAsync();

        var panel = Render<ImpactPanel>();

        var row = Assert.Single(panel.FindAll("[data-testid=impact-row]"));
        Assert.Equal("blocked", row.GetAttribute("data-kind"));
        Assert.Equal("shop/checkout[Deployment]", row.GetAttribute("data-source"));
        Assert.Equal("payments/payments-api[Deployment]", row.GetAttribute("data-destination"));
        Assert.Contains("payments/allow-checkout-to-payments-api", panel.Find("[data-testid=impact-causes]").TextContent);
        Assert.Contains("1 blocked", panel.Find("[data-testid=impact-blocked-count]").TextContent);
    }

    [Fact]
    public async Task ImpactPanel_WithNoChanges_SaysSo()
    {
        await _explorer.OpenAsync(Shop);

        var panel = Render<ImpactPanel>();

        Assert.Contains("changes no connection", panel.Find("[data-testid=impact-empty]").TextContent);
    }

    [Fact]
    public async Task ImpactPanel_ClickingAChange_ExplainsItsPair()
    {
        await OpenWithoutCheckoutToPaymentsAsync();
        var panel = Render<ImpactPanel>();

        panel.Find("[data-testid=impact-row]").Click();

        panel.WaitForAssertion(() => Assert.Equal(ExplorerTab.Inspect, Session.Tab));
        var pair = Session.Selection.Pair;
        Assert.Equal("shop/checkout[Deployment]", pair?.Source.Id);
        Assert.Equal("payments/payments-api[Deployment]", pair?.Destination.Id);
    }

    [Fact]
    public async Task PairExplainer_ShowsWhatTheDraftAllows_WhatItAllowedBefore_AndWhy()
    {
        await OpenWithoutCheckoutToPaymentsAsync();
        var checkout = Session.Answers.Workload("shop/checkout[Deployment]")!;
        var paymentsApi = Session.Answers.Workload("payments/payments-api[Deployment]")!;

        var explainer = Render<PairExplainer>(p => p.Add(x => x.Pair, new EndpointPair(Engine.Evaluation.Endpoint.Of(checkout), Engine.Evaluation.Endpoint.Of(paymentsApi))));

        Assert.Equal("No Connections", explainer.Find("[data-testid=pair-allowed]").TextContent.Trim());
        Assert.Equal("TCP 8443", explainer.Find("[data-testid=pair-before]").TextContent.Trim());
        var verdicts = explainer.FindAll("[data-testid=verdict]").Select(v => v.TextContent.Trim()).ToList();
        Assert.Equal(["DENIED", "ALLOWED"], verdicts);
        Assert.Contains("payments/allow-checkout-to-payments-api", explainer.FindAll("[data-testid=rule-ingress]").Single().TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PairExplainer_AsksAboutAnIcmpMessage_AndRefusesACodeOutOfRange()
    {
        await OpenWithoutCheckoutToPaymentsAsync();
        var checkout = Session.Answers.Workload("shop/checkout[Deployment]")!;
        var paymentsApi = Session.Answers.Workload("payments/payments-api[Deployment]")!;
        var explainer = Render<PairExplainer>(p => p.Add(x => x.Pair, new EndpointPair(Engine.Evaluation.Endpoint.Of(checkout), Engine.Evaluation.Endpoint.Of(paymentsApi))));

        await explainer.InvokeAsync(() => explainer.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("ICMP"));
        await explainer.InvokeAsync(() => explainer.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("3/4"));

        explainer.WaitForAssertion(() => Assert.Contains("ICMP 3/4", explainer.Find("[data-testid=explanation]").TextContent, StringComparison.Ordinal));

        await explainer.InvokeAsync(() => explainer.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("3/256"));

        explainer.WaitForAssertion(() => Assert.Contains("ICMP needs a type and code", explainer.Markup, StringComparison.Ordinal));
        Assert.Contains("ICMP 3/4", explainer.Find("[data-testid=explanation]").TextContent, StringComparison.Ordinal);
    }
}
