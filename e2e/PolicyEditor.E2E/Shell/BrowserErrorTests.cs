using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Shell;

[Collection(WebAppCollection.Name)]
public sealed class BrowserErrorTests(WebAppFixture app)
{
    [Fact]
    public Task App_ReportsNoBrowserErrors_WhileNavigatingAndSwitchingTheme() => app.RunInBrowserAsync(async session =>
    {
        await session.GotoAsync("/");
        var page = session.Page;

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme]")).ToHaveAttributeAsync("data-theme", "dark");
        foreach (var (link, heading) in new[] { ("Tutorials", "Tutorials"), ("Review sessions", "Review sessions"), ("About", "About PolicyEditor") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        }

        // The workspace page's heading is the workspace's name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Workspace", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("explorer")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=graph][data-graph-ready=true]")).ToBeVisibleAsync();

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme]")).ToHaveAttributeAsync("data-theme", "light");

        session.AssertNoProblems();
    });
}
