using System.Diagnostics;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The history page of a large workspace opened from its explorer: it compares the accepted version with
/// the draft and says what differs. The time from the menu click to the comparison is measured, not
/// asserted: it goes to <c>TestResults/explorer-scale.txt</c>, and docs/benchmarks.md records it.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AnalysisReuseTests(WebAppFixture app)
{
    [Fact]
    public Task History_OfALargeWorkspace_ComparesTheVersionWithTheDraft() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("real", timeoutMs: 120_000);
        var workspace = await session.Page.GetByTestId("explorer").GetAttributeAsync("data-workspace");

        var times = new List<long>();
        for (var visit = 0; visit < 3; visit++)
        {
            await session.Page.GetByTestId("workspace-menu").ClickAsync();
            var clock = Stopwatch.StartNew();
            await session.Page.GetByTestId("history").ClickAsync();
            await Expect(session.Page.GetByTestId("compare-summary")).ToContainTextAsync("version 1 → the draft: 0 connection change(s)", new() { Timeout = 60_000 });
            times.Add(clock.ElapsedMilliseconds);
            await session.Page.GotoAsync($"/workspaces/{workspace}");
            await explorer.WaitForGraphAsync(60_000);
        }

        Measurements.Record("explorer-scale.txt", $"real: history from the explorer, menu click to comparison: {string.Join(", ", times)} ms");
        session.AssertNoProblems();
    });
}
