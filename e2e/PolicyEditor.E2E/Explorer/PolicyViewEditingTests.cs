using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// Editing in the policy view: a namespace dragged from the palette onto the subject opens an editor node in the
/// diagram; its port set and previewed, the edit applied changes the YAML pane and the graph (here and in a second
/// browser); a YAML edit redraws the diagram, and undo takes the edits back.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PolicyViewEditingTests(WebAppFixture app)
{
    private const string PrometheusToDb = "w:monitoring/prometheus[Deployment]->w:shop/db[StatefulSet]";

    [Fact]
    public Task APeerDraggedOntoTheSubject_IsAddedWithItsPort_EverywhereAtOnce_AndUndone() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("shop");

        // A second browser context (another user's browser) on the same workspace.
        await using var otherContext = await page.Context.Browser!.NewContextAsync();
        var other = new ExplorerPage(await otherContext.NewPageAsync());
        await other.Page.GotoAsync(page.Url);
        await other.WaitForGraphAsync();

        await explorer.TabAsync("Policies");
        await page.Locator("[data-testid=policy-row][data-policy='shop/allow-backends-to-db'] [data-testid=policy-open-view]").ClickAsync();
        var view = page.GetByTestId("policy-view");
        await Expect(view.GetByTestId("pv-canvas")).ToHaveAttributeAsync("data-links", "1");

        // The left half of the subject: an ingress peer.
        await explorer.DropPeerOnSubjectAsync(view, "Namespace", egress: false);
        var editor = view.Locator("[data-testid=pv-node][data-shape=New] [data-testid=pv-editor]");
        await Expect(editor).ToHaveAttributeAsync("data-direction", "Ingress");
        await editor.GetByTestId("pv-namespace").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "monitoring" }).First.ClickAsync();
        await editor.Locator("input[data-testid=pv-ports], [data-testid=pv-ports] input").First.FillAsync("TCP 5432");
        await explorer.ScreenshotAsync("policy-view-editor-node");
        await editor.GetByTestId("pv-add").ClickAsync();
        var pending = view.GetByTestId("pv-pending");
        await Expect(pending).ToContainTextAsync("on TCP 5432 in shop/allow-backends-to-db");
        await pending.GetByTestId("pv-apply").ClickAsync();

        // The diagram, the graph here and in the other browser, and the YAML pane follow.
        await Expect(view.GetByTestId("pv-canvas")).ToHaveAttributeAsync("data-links", "2");
        await Expect(view.Locator("[data-testid=pv-node][data-shape=Namespaces]")).ToContainTextAsync("namespace monitoring");
        await explorer.WaitForEdgeClassAsync(PrometheusToDb, "added");
        await other.WaitForEdgeClassAsync(PrometheusToDb, "added", 1_000);
        await explorer.OpenYamlAsync();
        await page.WaitForFunctionAsync("() => window.policyEditorYaml.text().includes('kubernetes.io/metadata.name: monitoring')");
        await explorer.ScreenshotAsync("policy-view-peer-added");

        // The user moves the new peer's node down a little: it stays there when the diagram is drawn again.
        var monitoring = view.Locator("[data-testid=pv-node][data-shape=Namespaces]");
        var before = (await monitoring.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(before.X + 30, before.Y + 12);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(before.X + 30, before.Y + 72, new() { Steps = 6 });
        await page.Mouse.UpAsync();
        await Expect(view.GetByTestId("pv-reset-layout")).ToBeVisibleAsync();

        // A YAML edit redraws the diagram.
        await explorer.ReplaceYamlAsync("tier: backend", "tier: backend-x");
        await Expect(view.GetByTestId("pv-node").Filter(new() { HasText = "tier=backend-x" })).ToHaveCountAsync(1);
        var after = (await monitoring.BoundingBoxAsync())!;
        Assert.InRange(after.Y - before.Y, 40, 80);

        await page.GetByTestId("undo").ClickAsync();
        await Expect(view.GetByTestId("pv-node").Filter(new() { HasText = "tier=backend-x" })).ToHaveCountAsync(0);
        await page.GetByTestId("undo").ClickAsync();
        await Expect(view.GetByTestId("pv-canvas")).ToHaveAttributeAsync("data-links", "1");
        await page.WaitForFunctionAsync("id => !window.policyEditorGraph.snapshot().edges.some(e => e.id === id && e.classes.includes('added'))", PrometheusToDb);
        session.AssertNoProblems();
    });
}
