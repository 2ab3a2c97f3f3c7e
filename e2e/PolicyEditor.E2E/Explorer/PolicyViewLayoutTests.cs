using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>A policy with 50 peers, written in the YAML pane, drawn compact at a legible zoom (screenshots at 1600x1000 and 1280x800).</summary>
[Collection(WebAppCollection.Name)]
public sealed class PolicyViewLayoutTests(WebAppFixture app)
{
    [Fact]
    public Task APolicyWithFiftyPeers_IsDrawnCompact_AtALegibleZoom() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("shop");
        await explorer.OpenYamlAsync();
        var peers = string.Concat(Enumerable.Range(1, 50).Select(i => $"    - podSelector: {{ matchLabels: {{ app: client-{i:00} }} }}\n"));
        var many = $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: many-clients\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: db\n  ingress:\n  - from:\n{peers}    ports:\n    - protocol: TCP\n      port: 5432\n---\n";
        await explorer.ReplaceYamlAsync("apiVersion: networking.k8s.io/v1\n", many + "apiVersion: networking.k8s.io/v1\n");

        await page.GetByTestId("yaml-policy-view").ClickAsync();
        await page.Locator("[data-testid=yaml-policy-view-item][data-policy='shop/many-clients']").ClickAsync();
        var view = page.GetByTestId("policy-view");
        await Expect(view.GetByTestId("pv-canvas")).ToHaveAttributeAsync("data-links", "50");
        await Expect(view.Locator(".pe-pv-compact")).ToHaveCountAsync(50);
        await explorer.ScreenshotAsync("policy-view-50-peers-1600");
        await view.GetByTestId("pv-list-toggle").ClickAsync();
        await explorer.ScreenshotAsync("policy-view-50-peers-1600-no-list");
        await explorer.PolicyViewScreenshotAsync("policy-view-50-peers-1280", 1280, 800);
        session.AssertNoProblems();
    });
}
