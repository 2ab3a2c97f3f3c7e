using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The policy view: a policy opened from the policy list is drawn as a diagram (Blazor.Diagrams); deleting a
/// link shows its impact, then changes the draft (graph and YAML follow), and undo takes it back. Screenshots
/// of a NetworkPolicy, a Calico policy with Deny and Pass, and a Cilium policy with a DNS name.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PolicyViewTests(WebAppFixture app)
{
    private const string CartToDb = "w:shop/cart[Deployment]->w:shop/db[StatefulSet]";

    [Fact]
    public Task DeletingALink_ShowsItsImpact_ChangesTheDraft_AndUndoTakesItBack() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("shop");
        await explorer.TabAsync("Policies");

        await page.Locator("[data-testid=policy-row][data-policy='shop/allow-backends-to-db'] [data-testid=policy-open-view]").ClickAsync();

        var view = page.GetByTestId("policy-view");
        await Expect(view).ToHaveAttributeAsync("data-policy", "shop/allow-backends-to-db");
        await Expect(view.GetByTestId("pv-node")).ToHaveCountAsync(2);
        await Expect(view.Locator("[data-testid=pv-node][data-shape=Subject] [data-testid=pv-node-count]")).ToContainTextAsync("1 workload now: shop/db");
        await Expect(view.GetByTestId("pv-link-label")).ToHaveTextAsync(["TCP 5432"]);
        await Expect(view.GetByTestId("pv-canvas")).ToHaveAttributeAsync("data-links", "1");
        await explorer.PolicyViewScreenshotAsync("policy-view-networkpolicy-1600", 1600, 1000);
        await explorer.PolicyViewScreenshotAsync("policy-view-networkpolicy-1280", 1280, 800);
        await view.GetByTestId("pv-wide").ClickAsync();
        await explorer.PolicyViewScreenshotAsync("policy-view-networkpolicy-1280-wide", 1280, 800);
        await view.GetByTestId("pv-wide").ClickAsync();
        await page.SetViewportSizeAsync(1600, 1000);

        await view.GetByTestId("pv-delete-link").ClickAsync();
        var pending = view.GetByTestId("pv-pending");
        await Expect(pending).ToContainTextAsync("Remove ingress rule 1");
        await Expect(pending.GetByTestId("pv-edit-impact-row").First).ToContainTextAsync("shop/db");
        await explorer.ScreenshotAsync("policy-view-delete-impact");
        await pending.GetByTestId("pv-apply").ClickAsync();

        await Expect(view.GetByTestId("pv-canvas")).ToHaveAttributeAsync("data-links", "0");
        await Expect(view.Locator("[data-testid=pv-node][data-shape=Nothing]")).ToHaveCountAsync(1);
        await explorer.WaitForEdgeClassAsync(CartToDb, "blocked");
        await explorer.OpenYamlAsync();
        Assert.DoesNotContain("tier: backend", await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()"), StringComparison.Ordinal);

        await page.GetByTestId("undo").ClickAsync();
        await Expect(view.GetByTestId("pv-canvas")).ToHaveAttributeAsync("data-links", "1");
        await page.WaitForFunctionAsync("id => window.policyEditorGraph.snapshot().edges.some(e => e.id === id && !e.classes.includes('blocked'))", CartToDb);
        await page.WaitForFunctionAsync("() => window.policyEditorYaml.text().includes('tier: backend')");
        session.AssertNoProblems();
    });

    [Fact]
    public Task OtherDialects_AreDrawn_FromTheYamlPane() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        var view = page.GetByTestId("policy-view");

        await explorer.OpenSampleAsync("calico");
        await OpenFromYamlAsync(page, explorer, "GlobalNetworkPolicy security.guardrails");
        await Expect(view.Locator("[data-testid=pv-rule][data-action=Deny]").First).ToBeVisibleAsync();
        await explorer.PolicyViewScreenshotAsync("policy-view-calico", 1600, 1000);
        await explorer.PolicyViewScreenshotAsync("policy-view-calico-1280", 1280, 800);

        // At 1280 beside the side panel the diagram takes the whole width; the rule list comes over it when asked for.
        await Expect(view).ToHaveAttributeAsync("data-narrow", "true");
        await Expect(view.GetByTestId("pv-side")).ToHaveCountAsync(0);
        await view.GetByTestId("pv-list-toggle").ClickAsync();
        await Expect(view.GetByTestId("pv-side")).ToHaveAttributeAsync("data-over", "true");
        await explorer.ScreenshotAsync("policy-view-calico-1280-list");
        await view.GetByTestId("pv-list-toggle").ClickAsync();
        await Expect(view.GetByTestId("pv-side")).ToHaveCountAsync(0);
        await view.GetByTestId("pv-wide").ClickAsync();
        await explorer.PolicyViewScreenshotAsync("policy-view-calico-1280-wide", 1280, 800);
        await view.GetByTestId("pv-wide").ClickAsync();
        await page.SetViewportSizeAsync(1600, 1000);

        await explorer.OpenSampleAsync("cilium");
        await OpenFromYamlAsync(page, explorer, "CiliumNetworkPolicy shop/checkout-egress");
        await Expect(view.Locator("[data-testid=pv-node][data-shape=DnsName]").First).ToBeVisibleAsync();
        await explorer.PolicyViewScreenshotAsync("policy-view-cilium", 1600, 1000);
        await explorer.PolicyViewScreenshotAsync("policy-view-cilium-1280", 1280, 800);
        await view.GetByTestId("pv-wide").ClickAsync();
        await explorer.PolicyViewScreenshotAsync("policy-view-cilium-1280-wide", 1280, 800);
        await view.GetByTestId("pv-wide").ClickAsync();
        await page.SetViewportSizeAsync(1600, 1000);

        // A policy with several specs: one spec drawn at a time, chosen by its buttons.
        await OpenFromYamlAsync(page, explorer, "CiliumClusterwideNetworkPolicy monitoring-and-metadata");
        await Expect(view.GetByTestId("pv-spec")).ToHaveCountAsync(2);
        await Expect(view.Locator("[data-testid=pv-rules-ingress] [data-testid=pv-rule]")).ToHaveCountAsync(1);
        await view.GetByTestId("pv-spec").Nth(1).ClickAsync();
        await Expect(view.GetByTestId("pv-spec").Nth(1)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(view.Locator("[data-testid=pv-rules-egress] [data-testid=pv-rule][data-action=Deny]")).ToHaveCountAsync(1);
        await Expect(view.Locator("[data-testid=pv-rules-ingress] [data-testid=pv-rule]")).ToHaveCountAsync(0);
        await explorer.PolicyViewScreenshotAsync("policy-view-cilium-specs", 1600, 1000);
        await explorer.PolicyViewScreenshotAsync("policy-view-cilium-specs-1280", 1280, 800);
        session.AssertNoProblems();
    });

    [Fact]
    public Task APolicySelectingAWorkload_OpensFromTheInspector() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await explorer.ClickAsync("w:shop/frontend[Deployment]");
        var inspector = page.GetByTestId("workload-inspector");
        await inspector.GetByTestId("ingress-policies").GetByTestId("policy-chip-view").Nth(1).ClickAsync();

        var view = page.GetByTestId("policy-view");
        await Expect(view).ToHaveAttributeAsync("data-policy", "shop/allow-web-to-frontend");
        await Expect(view.Locator("[data-testid=pv-node][data-shape=AnyPeer]")).ToHaveCountAsync(1);
        await Expect(view.GetByTestId("pv-link-label")).ToHaveTextAsync(["TCP http"]);
        await explorer.ScreenshotAsync("policy-view-from-inspector");

        await view.GetByTestId("pv-close").ClickAsync();
        await Expect(view).ToHaveCountAsync(0);
        session.AssertNoProblems();
    });

    /// <summary>Opens a policy in the policy view from the YAML pane's menu (every kind is there).</summary>
    internal static async Task OpenFromYamlAsync(IPage page, ExplorerPage explorer, string policy)
    {
        await explorer.OpenYamlAsync();
        await page.GetByTestId("yaml-policy-view").ClickAsync();
        await page.Locator($"[data-testid=yaml-policy-view-item][data-policy='{policy}']").ClickAsync();
        await Expect(page.GetByTestId("policy-view")).ToHaveAttributeAsync("data-policy", policy);
    }
}
