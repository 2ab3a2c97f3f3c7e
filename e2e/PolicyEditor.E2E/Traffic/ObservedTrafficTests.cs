using System.Text;
using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Traffic;

/// <summary>
/// Observed traffic in the browser: a flow file imported with a progress bar, observed edges on the graph, and
/// a draft that blocks an observed connection told at the top of the change impact and on the review page,
/// whose merge waits for the blocked traffic to be acknowledged.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ObservedTrafficTests(WebAppFixture app)
{
    private const string CartToDb = "w:shop/cart[Deployment]->w:shop/db[StatefulSet]";
    private const string BlockedLine = "shop/cart[Deployment] => shop/db[StatefulSet] : TCP 5432";

    [Fact]
    public Task ImportedFlows_AreDrawn_AndADraftThatBlocksOne_IsToldInTheImpactAndTheReview() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");

        // A CSV large enough that its reading shows progress: the same few connections, many times.
        await explorer.TabAsync("Traffic");
        await page.GetByTestId("traffic-import").ClickAsync();
        await FileInputs.ChooseAsync(page.Locator("[data-testid=flow-import-input]"), new FilePayload { Name = "flows.csv", MimeType = "text/csv", Buffer = Flows(200_000) });
        await Expect(page.GetByTestId("flow-import-progress")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await explorer.ScreenshotAsync("traffic-import-progress");
        await Expect(page.GetByTestId("flow-import-done")).ToContainTextAsync("200,000 records", new() { Timeout = 60_000 });
        await page.GetByTestId("flow-import-close").ClickAsync();

        await Expect(page.GetByTestId("traffic-summary")).ToContainTextAsync("flows.csv");
        await Expect(page.GetByTestId("traffic-count-obs-allowed")).ToContainTextAsync("4 observed and allowed");
        await Expect(page.GetByTestId("traffic-count-obs-dropped")).ToContainTextAsync("1 observed and dropped today");
        var observed = await explorer.WaitForEdgeClassAsync(CartToDb, "observed");
        Assert.Contains("obs-allowed", observed.Classes);
        await explorer.ScreenshotAsync("traffic-observed-edges");

        // The inspector of an observed pair shows its flows.
        await explorer.ClickAsync(CartToDb);
        await Expect(page.GetByTestId("pair-traffic-row")).ToContainTextAsync("TCP 5432");

        // A draft that denies cart -> db blocks real traffic: at the top of the impact.
        await page.Keyboard.PressAsync("Delete");
        await page.GetByTestId("intent-apply").ClickAsync();
        await explorer.WaitForEdgeClassAsync(CartToDb, "obs-blocked");
        await explorer.TabAsync("Impact");
        var blocked = page.GetByTestId("impact-panel").Locator("> *").First;
        await Expect(blocked).ToHaveAttributeAsync("data-testid", "blocked-traffic");
        await Expect(blocked.GetByTestId("observed-row")).ToHaveAttributeAsync("data-line", BlockedLine);
        await explorer.ScreenshotAsync("traffic-impact-blocked");

        // ... and on the review page, where merging waits for it to be acknowledged.
        var workspace = await page.GetByTestId("explorer").GetAttributeAsync("data-workspace");
        await page.GotoAsync($"/reviews?workspace={workspace}");
        await page.Locator(ExplorerPage.Field("review-title")).FillAsync("Close the database to cart");
        await page.GetByTestId("review-open").ClickAsync();
        await Expect(page.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("blocked-traffic").GetByTestId("observed-row")).ToHaveAttributeAsync("data-line", BlockedLine);
        await Expect(page.GetByTestId("review-ack-traffic")).ToBeVisibleAsync();
        await explorer.ScreenshotAsync("traffic-review-blocked");
        session.AssertNoProblems();
    });

    private static byte[] Flows(int lines)
    {
        string[] rows =
        [
            "shop/frontend,shop/cart,TCP,8080,3",
            "shop/frontend,shop/catalog,TCP,8080,5",
            "shop/cart,shop/db,TCP,5432,2",
            "shop/checkout,payments/payments-api,TCP,8443,1",
            "shop/frontend,shop/db,TCP,5432,1",
        ];
        var text = new StringBuilder("source,destination,protocol,port,count\n");
        for (var i = 0; i < lines; i++)
        {
            text.Append(rows[i % rows.Length]).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
