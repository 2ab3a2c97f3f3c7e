using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The intent view on the boutique sample: Otterize ClientIntents beside one hand-written policy and a
/// LoadBalancer. The three classes are listed, filtered and drawn; policies from intents show their YAML and
/// impact before they are applied.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class IntentsTests(WebAppFixture app)
{
    private const string FrontendToCart = "w:boutique/frontend[Deployment]->w:boutique/cart[Deployment]";
    private const string LoadgeneratorToFrontend = "w:boutique/loadgenerator[Deployment]->w:boutique/frontend[Deployment]";

    [Fact]
    public Task IntentView_ShowsAndFiltersTheThreeClasses() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("boutique");
        await explorer.TabAsync("Intents");
        var panel = session.Page.GetByTestId("intents-panel");

        await Expect(panel.Locator("[data-testid=intents-filter][data-class=intent-blocked]")).ToContainTextAsync("intended but blocked: 1");
        await Expect(panel.Locator("[data-testid=intent-row][data-class=intent-blocked]")).ToHaveCountAsync(1);
        await Expect(panel.Locator("[data-testid=intent-row][data-class=intent-allowed]")).ToHaveCountAsync(6);
        await panel.GetByText("Draw the intent view on the graph").ClickAsync();
        var blocked = await explorer.WaitForEdgeClassAsync(FrontendToCart, "intent-blocked");
        Assert.Equal("intended, blocked", blocked.Label);
        Assert.Contains("intent-allowed", (await explorer.WaitForEdgeClassAsync(LoadgeneratorToFrontend, "intent-allowed")).Classes);
        Assert.Contains((await explorer.SnapshotAsync()).Edges, e => e.Classes.Contains("intent-gap"));
        await explorer.ScreenshotAsync("intents-view");

        await panel.Locator("[data-testid=intents-filter][data-class=intent-gap]").ClickAsync();
        await session.Page.WaitForFunctionAsync("() => !window.policyEditorGraph.snapshot().edges.some(e => e.classes.includes('intent-gap'))");
        await Expect(panel.Locator("[data-testid=intent-row][data-class=intent-gap]")).ToHaveCountAsync(0);
        Assert.NotNull((await explorer.SnapshotAsync()).EdgeById(FrontendToCart));

        await panel.Locator("[data-testid=intent-row][data-class=intent-blocked]").ClickAsync();
        var intent = session.Page.GetByTestId("pair-intent");
        await Expect(intent).ToContainTextAsync("ClientIntents boutique/frontend calls service cart");
        await Expect(session.Page.GetByTestId("pair-explainer")).ToContainTextAsync("cart-from-checkout");
        await explorer.ScreenshotAsync("intents-inspector");
        session.AssertNoProblems();
    });

    [Fact]
    public Task PoliciesFromIntents_ShowTheYamlAndImpact_BeforeTheyAreApplied() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("boutique");
        await explorer.TabAsync("Intents");
        var panel = session.Page.GetByTestId("intents-panel");

        await panel.GetByTestId("intents-propose").ClickAsync();

        var preview = panel.GetByTestId("intents-preview");
        await Expect(preview.GetByTestId("intents-change-yaml")).ToContainTextAsync("external-access-to-frontend-external");
        await Expect(preview.GetByTestId("intents-would-break")).ToContainTextAsync("LoadBalancer boutique/frontend-external");
        Assert.True(await preview.GetByTestId("intents-change-impact-row").CountAsync() > 0);
        await explorer.ScreenshotAsync("intents-proposal");
        var revision = await session.Page.GetByTestId("explorer").GetAttributeAsync("data-revision");

        await preview.GetByTestId("intents-apply").ClickAsync();

        await session.Page.WaitForFunctionAsync("r => document.querySelector('[data-testid=explorer]').dataset.revision !== r", revision);
        await Expect(panel.Locator("[data-testid=intents-filter][data-class=intent-blocked]")).ToContainTextAsync("intended but blocked: 0");
        session.AssertNoProblems();
    });
}
