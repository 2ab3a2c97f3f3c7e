using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Traffic;

/// <summary>
/// Policies from observed traffic on the Cilium sample: proposed in the workspace's own dialect
/// (CiliumNetworkPolicy), YAML and impact shown before applying, and applied as one edit of the draft.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PolicyFromFlowsTests(WebAppFixture app)
{
    private const string FrontendToCatalog = "w:shop/frontend[Deployment]->w:shop/catalog[Deployment]";

    [Fact]
    public Task OnTheCiliumSample_CiliumNetworkPoliciesAreProposed_ShownWithTheirImpact_AndApplied() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("cilium");

        await explorer.ImportFlowsAsync(Flows, "5 records");
        await Expect(page.GetByTestId("traffic-summary")).ToContainTextAsync("flows.csv");

        // The workspace writes Cilium: the proposal is in CiliumNetworkPolicy unless another dialect is chosen.
        await Expect(page.Locator("input[data-testid=traffic-dialect]")).ToHaveValueAsync("CiliumNetworkPolicy");
        await page.GetByTestId("traffic-propose").ClickAsync();
        await Expect(page.GetByTestId("traffic-proposal-dialect")).ToHaveTextAsync("CiliumNetworkPolicy", new() { Timeout = 30_000 });
        var yaml = page.GetByTestId("traffic-proposal-yaml");
        await Expect(yaml).ToContainTextAsync("kind: CiliumNetworkPolicy");
        await Expect(yaml).ToContainTextAsync("name: observed-frontend");
        await Expect(yaml).ToContainTextAsync("matchPattern");
        await Expect(yaml).ToContainTextAsync("icmps:");
        await Expect(page.GetByTestId("traffic-proposal-blocked")).ToContainTextAsync("pairs lose connections");
        await page.GetByTestId("traffic-proposal").ScrollIntoViewIfNeededAsync();
        await explorer.ScreenshotAsync("traffic-policy-from-flows-cilium");

        await page.GetByTestId("traffic-apply").ClickAsync();
        await Expect(page.GetByTestId("traffic-proposal")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await explorer.WaitForEdgeClassAsync(FrontendToCatalog, "obs-allowed");
        await explorer.OpenYamlAsync();
        await page.GetByTestId("yaml-policy-view").ClickAsync();
        await Expect(page.Locator("[data-testid=yaml-policy-view-item][data-policy='CiliumNetworkPolicy shop/observed-frontend']")).ToHaveCountAsync(1);
        session.AssertNoProblems();
    });

    private const string Flows = """
        source,destination,protocol,port,count
        shop/frontend,shop/catalog,TCP,8080,5
        shop/frontend,shop/cart,TCP,8080,3
        shop/cart,shop/db,TCP,5432,2
        shop/checkout,payments/payments-api,TCP,8443,1
        shop/frontend,shop/cart,ICMP,8/0,1
        """;
}
