using Bunit;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.Components.Explorer;

namespace PolicyEditor.Web.Tests.Components.Explorer;

/// <summary>The explorer's side panels on the shop sample, with the engine's real answers.</summary>
public sealed class ExplorerPanelTests : MudTestContext
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;
    private static readonly ReachabilityMatrix Matrix = ReachabilityMatrix.Build(new ClusterEvaluator(Shop));

    [Fact]
    public void WorkloadInspector_ListsLabelsPortsAndThePoliciesThatSelectIt()
    {
        var db = Shop.FindWorkload("shop/db")!;

        var inspector = Render<WorkloadInspector>(p => p.Add(x => x.Workload, db).Add(x => x.Matrix, Matrix).Add(x => x.Findings, PolicyLinter.Lint(Matrix)));

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
    public void WorkloadInspector_ClickingAPolicy_ReportsItsId()
    {
        string? clicked = null;
        var inspector = Render<WorkloadInspector>(p => p.Add(x => x.Workload, Shop.FindWorkload("shop/db")!).Add(x => x.Matrix, Matrix).Add(x => x.PolicyClicked, (string id) => clicked = id));

        inspector.FindAll("[data-testid=ingress-policies] [data-testid=policy-chip]").First(c => c.TextContent.Contains("allow-backends-to-db", StringComparison.Ordinal)).Click();

        Assert.Equal("shop/allow-backends-to-db", clicked);
    }

    [Fact]
    public void PolicyList_ShowsEveryPolicyWithWhatItSelects_AndFilters()
    {
        var list = Render<PolicyList>(p => p.Add(x => x.Matrix, Matrix).Add(x => x.Findings, PolicyLinter.Lint(Matrix)));

        var rows = list.FindAll("[data-testid=policy-row]");
        Assert.Equal(Shop.NetworkPolicies.Count, rows.Count);
        Assert.Contains(rows, r => r.GetAttribute("data-policy") == "payments/allow-checkout-to-payments-api");

        list.Find("[data-testid=policy-filter] input, input[data-testid=policy-filter]").Input("payments");
        list.WaitForAssertion(() => Assert.All(list.FindAll("[data-testid=policy-row]"), r => Assert.StartsWith("payments/", r.GetAttribute("data-policy"), StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void ImpactPanel_ListsEveryChangedPairWithItsKindAndCauses()
    {
        var withoutRule = Shop.Apply(PolicyChange.Delete(Shop.FindPolicy("payments", "allow-checkout-to-payments-api")!));
        var impact = ChangeImpact.Compute(Matrix, withoutRule);

        var panel = Render<ImpactPanel>(p => p.Add(x => x.Changes, impact.Changes));

        var row = Assert.Single(panel.FindAll("[data-testid=impact-row]"));
        Assert.Equal("blocked", row.GetAttribute("data-kind"));
        Assert.Equal("shop/checkout[Deployment]", row.GetAttribute("data-source"));
        Assert.Equal("payments/payments-api[Deployment]", row.GetAttribute("data-destination"));
        Assert.Contains("payments/allow-checkout-to-payments-api", panel.Find("[data-testid=impact-causes]").TextContent);
        Assert.Contains("1 blocked", panel.Find("[data-testid=impact-blocked-count]").TextContent);
    }

    [Fact]
    public void ImpactPanel_WithNoChanges_SaysSo()
    {
        var panel = Render<ImpactPanel>(p => p.Add(x => x.Changes, Array.Empty<ConnectionChange>()));

        Assert.Contains("changes no connection", panel.Find("[data-testid=impact-empty]").TextContent);
    }
}
