using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// On the Cilium sample with observed traffic, an entity that reaches every workload alike ({host}) is one badge on its
/// node; the edges that carry observed flows stay drawn, and "Draw them" brings the entity's other edges back.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class EntityBadgeTests(WebAppFixture app)
{
    private const string Host = "o:{host}";

    [Fact]
    public Task CiliumSample_WithObservedTraffic_ShowsTheHostOnceAsABadge() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("cilium");
        await explorer.ImportFlowsAsync(Flows, "3 records");
        await explorer.WaitForEdgeClassAsync("w:shop/frontend[Deployment]->w:shop/catalog[Deployment]", "obs-allowed");

        var folded = await explorer.SnapshotAsync();
        Assert.Contains("every workload: all", folded.NodeById(Host)!.Label, StringComparison.Ordinal);
        Assert.DoesNotContain(folded.Edges, e => e.Source == Host);
        await Expect(page.GetByTestId("graph-edge-count")).ToContainTextAsync($"{folded.Edges.Count(e => !e.Classes.Contains("merged-away"))} edges");
        await explorer.ScreenshotsAsync("entity-badge-cilium-folded", dark: true);

        // "Draw them" draws every edge a badge stands for: the picture before the badges.
        await page.SetViewportSizeAsync(1600, 1000);
        await page.GetByTestId("graph-open-edges").ClickAsync();
        var drawn = await explorer.SnapshotAsync();
        for (var tries = 0; tries < 60 && !drawn.Edges.Any(e => e.Source == Host); tries++)
        {
            await page.WaitForTimeoutAsync(250);
            drawn = await explorer.SnapshotAsync();
        }

        Assert.Contains(drawn.Edges, e => e.Source == Host);
        Assert.True(drawn.Edges.Count > folded.Edges.Count, $"{drawn.Edges.Count} edges drawn, {folded.Edges.Count} folded");
        Measurements.Record("graph-counts.txt", $"cilium sample with observed traffic: {drawn.Edges.Count} edges with open and entity edges drawn, {folded.Edges.Count} folded into badges");
        await explorer.ScreenshotsAsync("entity-badge-cilium-drawn");
        session.AssertNoProblems();
    });

    private const string Flows = """
        source,destination,protocol,port,count
        shop/frontend,shop/catalog,TCP,8080,5
        shop/frontend,shop/cart,TCP,8080,3
        shop/cart,shop/db,TCP,5432,2
        """;
}
