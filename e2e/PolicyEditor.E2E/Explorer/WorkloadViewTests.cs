using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The workload view: opened from the workload inspector, it draws every policy selecting the workload together,
/// each group of peers linked by the rules that decide it; the finder answers "why can't X reach it".
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WorkloadViewTests(WebAppFixture app)
{
    [Fact]
    public Task TheWorkloadView_ShowsTheRuleThatDecidesEachPeer() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("shop");

        await explorer.ClickAsync("w:shop/db[StatefulSet]");
        await page.GetByTestId("workload-inspector").GetByTestId("workload-view-open").ClickAsync();

        var view = page.GetByTestId("policy-view");
        await Expect(view).ToHaveAttributeAsync("data-workload", "shop/db[StatefulSet]");
        await Expect(view.GetByTestId("pv-link-label").Filter(new() { HasText = "1. allow-backends-to-db #1 · TCP 5432" })).ToHaveCountAsync(1);

        await view.Locator("[data-testid=pv-finder] input").First.FillAsync("prometheus");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "monitoring/prometheus" }).First.ClickAsync();
        await Expect(view.GetByTestId("pv-found-ingress")).ToContainTextAsync("monitoring/prometheus");
        await Expect(view.GetByTestId("pv-found-ingress").GetByTestId("pv-found-rule").First).ToBeVisibleAsync();
        await explorer.PolicyViewScreenshotAsync("workload-view-1600", 1600, 1000);
        await explorer.PolicyViewScreenshotAsync("workload-view-1280", 1280, 800);

        // Wide: the view takes the side panel's room too, so both sides read at a laptop's size.
        await view.GetByTestId("pv-wide").ClickAsync();
        await Expect(view).ToHaveAttributeAsync("data-wide", "true");
        await explorer.PolicyViewScreenshotAsync("workload-view-1280-wide", 1280, 800);
        await explorer.PolicyViewScreenshotAsync("workload-view-1600-wide", 1600, 1000);
        await view.GetByTestId("pv-wide").ClickAsync();
        await Expect(view).ToHaveAttributeAsync("data-wide", "false");
        session.AssertNoProblems();
    });
}
