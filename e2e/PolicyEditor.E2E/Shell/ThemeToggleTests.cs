using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Shell;

[Collection(WebAppCollection.Name)]
public sealed class ThemeToggleTests(WebAppFixture app)
{
    [Fact]
    public Task ThemeToggle_SwitchesBetweenLightAndDark_AndIsRemembered() => app.RunInBrowserAsync(async session =>
    {
        await session.GotoAsync("/");
        var shell = session.Page.Locator("[data-theme]");
        var toggle = session.Page.GetByTestId("theme-toggle");
        await Expect(shell).ToHaveAttributeAsync("data-theme", "light");

        await toggle.ClickAsync();
        await Expect(shell).ToHaveAttributeAsync("data-theme", "dark");

        // Remembered in this browser: a new page starts dark.
        await session.Page.ReloadAsync();
        await Expect(shell).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(session.Page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await toggle.ClickAsync();
        await Expect(shell).ToHaveAttributeAsync("data-theme", "light");
        await session.Page.ReloadAsync();
        await Expect(session.Page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(shell).ToHaveAttributeAsync("data-theme", "light");
    });

    [Fact]
    public Task ThemeToggle_RepaintsThePage() => app.RunInBrowserAsync(async session =>
    {
        await session.GotoAsync("/");
        var light = await BackgroundColourAsync(session);
        await session.SaveScreenshotAsync(Path.Combine(BuildInfo.ScreenshotDirectory, "workspace-light.png"));

        await session.Page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(session.Page.Locator("[data-theme]")).ToHaveAttributeAsync("data-theme", "dark");
        await session.Page.WaitForFunctionAsync($"() => getComputedStyle(document.body).backgroundColor !== '{light}'");
        await session.SaveScreenshotAsync(Path.Combine(BuildInfo.ScreenshotDirectory, "workspace-dark.png"));

        Assert.NotEqual(light, await BackgroundColourAsync(session));
    });

    private static Task<string> BackgroundColourAsync(Browser.BrowserSession session) =>
        session.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
