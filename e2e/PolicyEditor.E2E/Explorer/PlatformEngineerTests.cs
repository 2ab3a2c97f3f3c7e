using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The explorer as a platform engineer meets it on the shop sample: edits that do what they say (the internet
/// is 0.0.0.0/0, rules land in policies named for them, deny takes only the named traffic, a misspelt field is
/// never imported silently) and dialogs that start from what the person meant.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PlatformEngineerTests(WebAppFixture app)
{
    private const string PaymentsApi = "w:payments/payments-api[Deployment]";
    private const string Internet = "x:internet";
    private const string FrontendToCatalog = "w:shop/frontend[Deployment]->w:shop/catalog[Deployment]";

    [Fact]
    public Task AnEdgeDrawnToTheInternet_Allows0000Slash0_InAPolicyNamedForIt() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await explorer.StartDrawingAsync();
        await explorer.DragAsync(PaymentsApi, Internet);

        var dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-title")).ToContainTextAsync("to reach 0.0.0.0/0");
        await Expect(dialog.Locator(ExplorerPage.Field("intent-destination"))).ToHaveValueAsync("0.0.0.0/0");
        var yaml = dialog.GetByTestId("intent-yaml");
        await Expect(yaml).ToContainTextAsync("cidr: 0.0.0.0/0");
        await Expect(yaml).ToContainTextAsync("payments/allow-payments-api-to-internet");
        await Expect(yaml).Not.ToContainTextAsync("allow-dns-egress");
        await explorer.ScreenshotAsync("engineer-allow-internet");
        session.AssertNoProblems();
    });

    [Fact]
    public Task TheAllowDialog_ProposesServicePorts_AndTakesANamespaceAsAPeer() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await explorer.StartDrawingAsync();
        await explorer.DragAsync("ns:monitoring", "w:shop/frontend[Deployment]");

        var dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-title")).ToHaveTextAsync("Allow namespace monitoring to reach shop/frontend[Deployment] on TCP 8080");
        await dialog.Locator(ExplorerPage.Field("intent-source")).FillAsync("monitoring");
        await dialog.GetByTestId("intent-propose").ClickAsync();
        await Expect(dialog.GetByTestId("intent-title")).ToHaveTextAsync("Allow namespace monitoring to reach shop/frontend[Deployment] on TCP 8080");
        await Expect(dialog.GetByTestId("intent-error")).ToHaveCountAsync(0);
        await explorer.ScreenshotAsync("engineer-allow-namespace");
        session.AssertNoProblems();
    });

    [Fact]
    public Task DenyingOneBackend_OffersOnlyOptionsThatTakeThatPairsTrafficAlone() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await explorer.ClickAsync(FrontendToCatalog);
        await page.Keyboard.PressAsync("Delete");

        var dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-title")).ToContainTextAsync("Deny shop/frontend[Deployment] from reaching shop/catalog[Deployment]");
        var options = dialog.GetByTestId("intent-option");
        await Expect(options.First).ToContainTextAsync("shop/catalog[Deployment]'s ingress");
        foreach (var option in await options.AllAsync())
        {
            await Expect(option).ToContainTextAsync("exactly this, nothing else");
        }

        await explorer.ScreenshotAsync("engineer-deny-dialog");
        await page.GetByTestId("intent-apply").ClickAsync();
        await explorer.WaitForEdgeClassAsync(FrontendToCatalog, "blocked");
        await Expect(page.GetByTestId("draft-chip")).ToContainTextAsync("1 connection change");
        session.AssertNoProblems();
    });

    [Fact]
    public Task APastedPolicyWithAMisspeltField_IsImportedOnlyWhenTheWarningIsAccepted() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await page.GetByTestId("workspace-menu").ClickAsync();
        await page.GetByTestId("import").ClickAsync();
        var dialog = page.GetByTestId("import-dialog");
        await dialog.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Paste" }).ClickAsync();
        await dialog.Locator(ExplorerPage.Field("import-paste", "textarea")).FillAsync("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-web-to-frontend, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: frontend}}
              policyTypes: [Ingress]
              ingres:
                - ports: [{protocol: TCP, port: http}]
            """);
        await dialog.GetByTestId("import-read-paste").ClickAsync();

        await Expect(dialog.GetByTestId("import-warnings-said")).ToContainTextAsync("imported as read");
        await Expect(dialog.GetByTestId("import-diagnostic")).ToContainTextAsync("unknown field 'ingres'");
        await Expect(dialog.GetByTestId("import-summary")).Not.ToContainTextAsync("not imported");
        await Expect(page.GetByTestId("import-apply")).ToBeDisabledAsync();
        await explorer.ScreenshotAsync("engineer-import-warning");

        await page.Locator(ExplorerPage.Field("import-accept-warnings")).CheckAsync();
        await Expect(page.GetByTestId("import-apply")).ToBeEnabledAsync();
        await explorer.ScreenshotAsync("engineer-import-warning-accepted");
        await page.GetByTestId("import-apply").ClickAsync();
        await Expect(page.GetByTestId("draft-chip")).ToBeVisibleAsync();
        session.AssertNoProblems();
    });

    [Fact]
    public Task ShowOnTheGraph_AfterAQuestion_KeepsTheAskedPort_AndMarksADeniedPair() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        var answer = await explorer.AskAsync("shop/checkout", "payments/payments-api", "8443");
        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("ALLOWED");
        await answer.GetByTestId("query-show-on-graph").ClickAsync();
        await Expect(page.Locator(ExplorerPage.Field("pair-port"))).ToHaveValueAsync("8443");

        answer = await explorer.AskAsync("shop/frontend", "payments/payments-api", "8443");
        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("DENIED");
        await answer.GetByTestId("query-show-on-graph").ClickAsync();
        await Expect(page.Locator(ExplorerPage.Field("pair-port"))).ToHaveValueAsync("8443");
        await page.WaitForFunctionAsync("ids => ids.every(id => window.policyEditorGraph.snapshot().nodes.some(n => n.id === id && n.classes.includes('match')))",
            new[] { "w:shop/frontend[Deployment]", PaymentsApi });
        await explorer.ScreenshotAsync("engineer-denied-pair-on-graph");
        session.AssertNoProblems();
    });

    [Fact]
    public Task Search_CentresTheMatch_AtAReadableZoom() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await page.Locator(ExplorerPage.Field("graph-search")).FillAsync("prometheus");
        await page.WaitForFunctionAsync("() => window.policyEditorGraph.snapshot().nodes.some(n => n.classes.includes('match'))");
        // The zoom is animated: wait until two looks 300 ms apart see the same zoom.
        await page.WaitForFunctionAsync(
            "() => { const z = window.policyEditorGraph.snapshot().zoom; const same = window.settledZoom === z; window.settledZoom = z; return same; }",
            null, new() { PollingInterval = 300 });

        var zoom = (await explorer.SnapshotAsync()).Zoom;
        Assert.InRange(zoom, 0.3, 1.25);
        await explorer.ScreenshotAsync("engineer-search");
        session.AssertNoProblems();
    });

    [Fact]
    public Task ExportingThePolicies_DownloadsThem_AndLeavesThePageWhereItWas() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");
        var before = page.Url;

        await page.GetByTestId("workspace-menu").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-yaml").ClickAsync());

        Assert.EndsWith("policies.yaml", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(before, page.Url);
        session.AssertNoProblems();
    });
}
