using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// Drawing policy on the graph: an edge drawn becomes the smallest policy change (shown as YAML and impact
/// before it is applied), Delete on a selected edge denies its traffic, and undo takes either back; every
/// open view of the workspace follows.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DrawingTests(WebAppFixture app)
{
    private const string Frontend = "w:shop/frontend[Deployment]";
    private const string Db = "w:shop/db[StatefulSet]";
    private const string FrontendToDb = Frontend + "->" + Db;
    private const string CheckoutToPayments = "w:shop/checkout[Deployment]->w:payments/payments-api[Deployment]";

    [Fact]
    public Task DrawnEdge_ProposesTheSmallestChange_AndAppliesIt_InEveryView_AndUndoTakesItBack() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");
        await explorer.OpenYamlAsync();
        var original = await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()");

        // A second browser context (another user's browser) on the same workspace.
        await using var otherContext = await page.Context.Browser!.NewContextAsync();
        var other = new ExplorerPage(await otherContext.NewPageAsync());
        await other.Page.GotoAsync(page.Url);
        await other.WaitForGraphAsync();
        Assert.Null((await explorer.SnapshotAsync()).EdgeById(FrontendToDb));

        await explorer.StartDrawingAsync();
        await explorer.DragAsync(Frontend, Db);

        var dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-title")).ToHaveTextAsync("Allow shop/frontend[Deployment] to reach shop/db[StatefulSet] on TCP 5432");
        await Expect(dialog.GetByTestId("intent-option")).ToHaveCountAsync(1);
        await Expect(dialog.GetByTestId("intent-option")).ToContainTextAsync("exactly this, nothing else");
        // A policy named for this traffic, never a rule slipped into the policy named for the backends.
        await Expect(dialog.GetByTestId("intent-yaml")).ToContainTextAsync("shop/allow-frontend-to-db");
        await Expect(dialog.GetByTestId("intent-impact-row")).ToHaveTextAsync(["shop/frontend[Deployment] → shop/db[StatefulSet]: No Connections → TCP 5432"]);
        await explorer.ScreenshotAsync("drawing-allow-dialog");
        await page.GetByTestId("intent-apply").ClickAsync();

        var edge = await explorer.WaitForEdgeClassAsync(FrontendToDb, "added");
        Assert.Equal("TCP 5432", edge.Label.TrimStart('+', ' '));
        await other.WaitForEdgeClassAsync(FrontendToDb, "added", 1_000);
        await Expect(page.GetByTestId("draft-chip")).ToContainTextAsync("1 connection change");
        await explorer.ScreenshotAsync("drawing-allowed");

        // The YAML pane holds the new policy, the backends' policy is as it was, and the engine says the pair is allowed.
        await explorer.OpenYamlAsync();
        var yaml = await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()");
        var policy = yaml[yaml.IndexOf("name: allow-frontend-to-db", StringComparison.Ordinal)..];
        policy = policy[..(policy.IndexOf("\n---", StringComparison.Ordinal) is var end and > 0 ? end : policy.Length)];
        Assert.True(policy.Contains("app.kubernetes.io/name: frontend", StringComparison.Ordinal), policy);
        static string Backends(string text) => text[text.IndexOf("name: allow-backends-to-db", StringComparison.Ordinal)..].Split("\n---")[0];
        Assert.Equal(Backends(original), Backends(yaml));
        var answer = await explorer.AskAsync("shop/frontend", "shop/db", "5432");
        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("ALLOWED");
        await Expect(answer.GetByTestId("rule-ingress")).ToContainTextAsync("shop/allow-frontend-to-db");

        // Delete on the drawn edge takes it away again, and the YAML is what it was.
        await explorer.ClickAsync(FrontendToDb);
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.GetByTestId("intent-dialog").GetByTestId("intent-option").First).ToContainTextAsync("exactly this, nothing else");
        await page.GetByTestId("intent-apply").ClickAsync();
        await page.WaitForFunctionAsync("id => !window.policyEditorGraph.snapshot().edges.some(e => e.id === id)", FrontendToDb);
        await other.Page.WaitForFunctionAsync("id => !window.policyEditorGraph.snapshot().edges.some(e => e.id === id)", FrontendToDb, new() { Timeout = 1_000 });
        await Expect(page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();
        await explorer.OpenYamlAsync();
        Assert.Equal(original, await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()"));

        // Undo brings the drawn edge back, redo takes it away, undo again and again returns to the start.
        await page.GetByTestId("undo").ClickAsync();
        await explorer.WaitForEdgeClassAsync(FrontendToDb, "added");
        await other.WaitForEdgeClassAsync(FrontendToDb, "added", 1_000);
        await page.GetByTestId("redo").ClickAsync();
        await page.WaitForFunctionAsync("id => !window.policyEditorGraph.snapshot().edges.some(e => e.id === id)", FrontendToDb);
        await page.GetByTestId("undo").ClickAsync();
        await explorer.WaitForEdgeClassAsync(FrontendToDb, "added");
        await page.GetByTestId("undo").ClickAsync();
        await page.WaitForFunctionAsync("id => !window.policyEditorGraph.snapshot().edges.some(e => e.id === id)", FrontendToDb);
        await other.Page.WaitForFunctionAsync("id => !window.policyEditorGraph.snapshot().edges.some(e => e.id === id)", FrontendToDb, new() { Timeout = 1_000 });
        await Expect(page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();
        session.AssertNoProblems();
    });

    [Fact]
    public Task EdgeDrawnFromANamespace_AllowsEveryWorkloadOfIt_WithOneNamespaceSelector() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await explorer.StartDrawingAsync();
        await explorer.DragAsync("ns:monitoring", Db);

        var dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-title")).ToHaveTextAsync("Allow namespace monitoring to reach shop/db[StatefulSet] on TCP 5432");
        await Expect(dialog.GetByTestId("intent-option")).ToContainTextAsync("exactly this, nothing else");
        await Expect(dialog.GetByTestId("intent-yaml")).ToContainTextAsync("kubernetes.io/metadata.name: monitoring");
        await explorer.ScreenshotAsync("drawing-namespace-dialog");
        await page.GetByTestId("intent-apply").ClickAsync();

        await Expect(page.GetByTestId("draft-chip")).ToContainTextAsync("connection change");
        var answer = await explorer.AskAsync("monitoring/prometheus", "shop/db", "5432");
        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("ALLOWED");
        session.AssertNoProblems();
    });

    [Fact]
    public Task DeleteOnASelectedEdge_DeniesItsTraffic() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        await explorer.ClickAsync(CheckoutToPayments);
        await Expect(page.GetByTestId("graph-deny")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Delete");

        var dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-title")).ToContainTextAsync("Deny shop/checkout[Deployment] from reaching payments/payments-api[Deployment] on TCP 8443");
        await Expect(dialog.GetByTestId("intent-option").First).ToContainTextAsync("exactly this, nothing else");
        await explorer.ScreenshotAsync("drawing-deny-dialog");
        await page.GetByTestId("intent-apply").ClickAsync();

        await explorer.WaitForEdgeClassAsync(CheckoutToPayments, "blocked");
        await Expect(page.GetByTestId("draft-chip")).ToContainTextAsync("1 connection change");
        session.AssertNoProblems();
    });
}
