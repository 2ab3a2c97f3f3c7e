using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The matrix view beside the graph: found in the filter bar, rows are sources and columns destinations at the
/// graph's grouping level, a cell click explains the pair in the inspector, intents mark their cells; and REAL's
/// 601 namespaces draw as pages of cells (the time to draw is recorded, not asserted).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class MatrixTests(WebAppFixture app)
{
    private const string Frontend = "w:shop/frontend[Deployment]";
    private const string Catalog = "w:shop/catalog[Deployment]";

    [Fact]
    public Task Matrix_OnTheShop_ExplainsACell_AndMarksIntents() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        var page = session.Page;
        await explorer.OpenSampleAsync("shop");

        await page.GetByTestId("view-matrix").ClickAsync();
        var grid = page.GetByTestId("matrix-grid");
        await Expect(grid).ToBeVisibleAsync();
        var cell = grid.Locator($"[data-testid=matrix-cell][data-from='{Frontend}'][data-to='{Catalog}']");
        await Expect(cell).ToHaveAttributeAsync("data-level", "some");
        await Expect(cell).ToContainTextAsync("TCP 8080");
        await ShootAsync(explorer, "matrix-shop");

        await cell.ClickAsync();
        await Expect(page.GetByTestId("pair-explainer")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("inspector-title")).ToContainTextAsync("shop/catalog");
        await Expect(cell).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pe-mc-selected"));
        await explorer.ScreenshotAsync("matrix-shop-explained");

        // The keyboard: the clicked cell holds the focus; the arrow moves it to the next column, Enter explains that pair.
        await Expect(cell).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(grid.Locator("td:focus")).Not.ToHaveAttributeAsync("data-to", Catalog);
        await page.Keyboard.PressAsync("Enter");
        await Expect(grid.Locator("td.pe-mc-selected")).Not.ToHaveAttributeAsync("data-to", Catalog);

        // Sorted by how much each row allows, the rows come in another order; by name, as before.
        var rows = page.GetByTestId("matrix-row");
        var byName = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.node)");
        await page.GetByTestId("matrix-sort-allowed").ClickAsync();
        await Expect(rows.First).Not.ToHaveAttributeAsync("data-node", byName[0]);
        var byAllowed = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.node)");
        Assert.Equal(byName.Order(), byAllowed.Order());
        await explorer.ScreenshotAsync("matrix-shop-sorted");
        await page.GetByTestId("matrix-sort-name").ClickAsync();
        await Expect(rows.First).ToHaveAttributeAsync("data-node", byName[0]);

        // Back to the graph: it is still drawn as it was.
        await page.GetByTestId("view-graph").ClickAsync();
        await Expect(page.GetByTestId("matrix")).ToHaveCountAsync(0);
        await explorer.WaitForGraphAsync();

        // Intents: the boutique's declared calls mark their cells, and the classes filter them.
        await explorer.OpenSampleAsync("boutique");
        await page.GetByTestId("view-matrix").ClickAsync();
        await page.GetByTestId("matrix-overlay-intents").ClickAsync();
        var blocked = page.Locator("[data-testid=matrix-cell][data-from='w:boutique/frontend[Deployment]'][data-to='w:boutique/cart[Deployment]'] [data-testid=matrix-intent-mark]");
        await Expect(blocked).ToHaveAttributeAsync("data-class", "intent-blocked");
        await Expect(page.Locator("[data-testid=matrix-intent-mark][data-class=intent-allowed]").First).ToBeVisibleAsync();
        await ShootAsync(explorer, "matrix-boutique-intents");
        await page.GetByTestId("matrix-intent-class-intent-blocked").ClickAsync();
        await Expect(blocked).ToHaveCountAsync(0);
        session.AssertNoProblems();
    });

    [Fact]
    public Task Matrix_OnReal_DrawsPagesOfNamespaces() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        var page = session.Page;
        await explorer.OpenSampleAsync("real", timeoutMs: 180_000);

        // The first time builds the matrix; the later ones draw it again from the graph's toggle.
        var first = await TimeMatrixAsync(page);
        await Expect(page.GetByTestId("matrix")).ToHaveAttributeAsync("data-collapsed", "true");
        var again = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await page.GetByTestId("view-graph").ClickAsync();
            await Expect(page.GetByTestId("matrix")).ToHaveCountAsync(0);
            again.Add(await TimeMatrixAsync(page));
        }

        again.Sort();
        var cells = await page.GetByTestId("matrix-cell").CountAsync();
        Measurements.Record("explorer-scale.txt", $"real: matrix view drawn {first:F0} ms after the click (first), again median {again[again.Count / 2]:F0} ms, max {again[^1]:F0} ms; {cells} cells on the page; load average {Measurements.LoadAverage}");
        await ShootAsync(explorer, "matrix-real-overview");

        await page.Locator(ExplorerPage.Field("matrix-row-filter")).FillAsync("ns-00300");
        await Expect(page.GetByTestId("matrix-row")).ToHaveCountAsync(1);
        await page.GetByTestId("matrix-toggle").First.ClickAsync();
        await Expect(page.Locator("[data-testid=matrix-row][data-node^='w:ns-00300/']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ShootAsync(explorer, "matrix-real-expanded");
        session.AssertNoProblems();
    });

    /// <summary>Clicks the matrix toggle and times, in the page, until the grid is in the document.</summary>
    private static Task<double> TimeMatrixAsync(Microsoft.Playwright.IPage page) => page.EvaluateAsync<double>(
        """
        async () => {
            const drawn = new Promise((resolve, reject) => {
                const timeout = setTimeout(() => reject(new Error('no matrix within 60 s')), 60000);
                const check = () => { if (document.querySelector('[data-testid=matrix-grid] [data-testid=matrix-cell]')) { clearTimeout(timeout); observer.disconnect(); resolve(performance.now()); } };
                const observer = new MutationObserver(check);
                observer.observe(document.body, { subtree: true, childList: true });
            });
            const start = performance.now();
            document.querySelector('[data-testid=view-matrix]').click();
            await drawn;
            await new Promise(r => requestAnimationFrame(() => r()));
            return performance.now() - start;
        }
        """);

    /// <summary>Screenshots at a large and a laptop screen size, light and dark.</summary>
    private static async Task ShootAsync(ExplorerPage explorer, string name)
    {
        await explorer.ScreenshotsAsync(name, dark: true);
        await explorer.Page.SetViewportSizeAsync(1440, 900);
    }
}
