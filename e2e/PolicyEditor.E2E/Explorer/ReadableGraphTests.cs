using System.Text.Json;
using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The graph as a platform engineer reads it, at 1600x1000 and on a 1280x800 laptop: an open cluster as
/// badges instead of a hairball, edge labels that never cover each other, the REAL overview as labelled
/// groups of namespaces with counted edges, search at a readable zoom, every edge drawn, a side panel wide
/// enough for YAML, an empty workspace that says what to do next. Screenshots go to TestResults/screenshots;
/// the YAML edit round trip on REAL is measured (not asserted) into TestResults/explorer-scale.txt.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ReadableGraphTests(WebAppFixture app)
{
    /// <summary>The rendered boxes of the edge labels drawn now (not the ones left out to avoid overlaps).</summary>
    private const string DrawnLabels = """
        () => window.policyEditorGraph.labels()
        """;

    private static Task ScreenshotsAsync(ExplorerPage explorer, string name, Func<Task>? afterResize = null, bool dark = false) =>
        explorer.ScreenshotsAsync($"readable-{name}", dark, afterResize);

    /// <summary>Rendered boxes as the graph's test hooks give them (<c>labels()</c>, <c>nodes()</c>).</summary>
    private static async Task<List<(string Id, double X1, double Y1, double X2, double Y2)>> BoxesAsync(IPage page, string hook) =>
        (await page.EvaluateAsync<JsonElement>(hook)).EnumerateArray()
            .Select(b => (b.GetProperty("id").GetString()!, b.GetProperty("x1").GetDouble(), b.GetProperty("y1").GetDouble(), b.GetProperty("x2").GetDouble(), b.GetProperty("y2").GetDouble()))
            .ToList();

    /// <summary>Two boxes overlap by more than 3 px both ways (touching edges do not count).</summary>
    private static bool Overlap((string Id, double X1, double Y1, double X2, double Y2) a, (string Id, double X1, double Y1, double X2, double Y2) b) =>
        Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1) > 3 && Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1) > 3;

    private static async Task AssertLabelsDoNotOverlapAsync(IPage page)
    {
        var boxes = await BoxesAsync(page, DrawnLabels);
        Assert.NotEmpty(boxes);
        foreach (var a in boxes)
        {
            foreach (var b in boxes.Where(b => string.CompareOrdinal(a.Id, b.Id) < 0))
            {
                Assert.False(Overlap(a, b), $"The labels of {a.Id} and {b.Id} overlap.");
            }
        }
    }

    /// <summary>
    /// On an overview, the labels of the edges between groups overlap neither each other nor what stands beside the groups
    /// (the internet, the external blocks, kube-system), where those edges start: their names must stay readable.
    /// </summary>
    private static async Task AssertOverviewLabelsStandClearAsync(ExplorerPage explorer)
    {
        await AssertLabelsDoNotOverlapAsync(explorer.Page);
        var graph = await explorer.SnapshotAsync();
        var groups = graph.Nodes.Where(n => n.Kind == "nsgroup").Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var beside = graph.Nodes.Where(n => n.Kind != "nsgroup" && (n.Parent is null || !groups.Contains(n.Parent))).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var labels = await BoxesAsync(explorer.Page, DrawnLabels);
        var nodes = (await BoxesAsync(explorer.Page, "() => window.policyEditorGraph.nodes()")).Where(n => beside.Contains(n.Id)).ToList();
        Assert.NotEmpty(nodes);
        foreach (var label in labels)
        {
            foreach (var node in nodes)
            {
                Assert.False(Overlap(label, node), $"The label of {label.Id} covers {node.Id}.");
            }
        }
    }

    [Fact]
    public Task ShopSample_HasOneBadgeForAnywhere_AndNoOverlappingLabels() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("shop");

        var graph = await explorer.SnapshotAsync();
        Assert.True(graph.Edges.Count <= 15, $"{graph.Edges.Count} edges on the shop sample");
        Assert.EndsWith("← anywhere: TCP 8080", graph.NodeById("w:shop/frontend[Deployment]")!.Label, StringComparison.Ordinal);
        await Expect(session.Page.GetByTestId("graph-folded")).ToContainTextAsync("connections from or to anywhere are badges");
        await AssertLabelsDoNotOverlapAsync(session.Page);
        await ScreenshotsAsync(explorer, "shop", () => AssertLabelsDoNotOverlapAsync(session.Page), dark: true);
        session.AssertNoProblems();
    });

    [Fact]
    public Task LessonsOpenCluster_IsBadges_NotAHairball_AndItsEdgesOnRequest() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await session.GotoAsync("/tutorials/01-everything-is-open");
        await Expect(page.GetByTestId("lesson-panel")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await explorer.WaitForGraphAsync();

        var graph = await explorer.SnapshotAsync();
        Assert.Empty(graph.Edges);
        Assert.Contains("⇄ anywhere: all", graph.NodeById("ns:shop")!.Label, StringComparison.Ordinal);
        Assert.EndsWith("⇄ anywhere: all", graph.NodeById("w:kube-system/kube-dns[Deployment]")!.Label, StringComparison.Ordinal);
        await ScreenshotsAsync(explorer, "lesson-open-cluster", dark: true);

        await page.GetByTestId("graph-open-edges").ClickAsync();
        await page.WaitForFunctionAsync("() => window.policyEditorGraph.snapshot().edges.length > 30");

        // Each two workloads open to each other are one edge with arrows at both ends, not two.
        var drawn = await explorer.SnapshotAsync();
        Assert.Contains(drawn.Edges, e => e.Classes.Contains("both-ways") && e.Label.StartsWith("⇄ ", StringComparison.Ordinal));
        Assert.All(drawn.Edges.Where(e => e.Classes.Contains("both-ways")), e => Assert.Contains(drawn.Edges, r => r.Source == e.Target && r.Target == e.Source && r.Classes.Contains("merged-away")));
        await ScreenshotsAsync(explorer, "lesson-open-cluster-edges", () => AssertLabelsDoNotOverlapAsync(page));
        session.AssertNoProblems();
    });

    [Fact]
    public Task RealOverview_IsLabelledGroups_SearchZoomsReadably_AndEveryEdgeCanBeDrawn() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("real", timeoutMs: 180_000);

        var graph = await explorer.SnapshotAsync();
        var groups = graph.Nodes.Where(n => n.Kind == "nsgroup").ToList();
        Assert.Equal(10, groups.Count);
        Assert.All(groups, g => Assert.Matches(@"^group=g\d  ·  60 namespaces$", g.Label));
        Assert.Contains(graph.Edges, e => e.Classes.Contains("group-bundle") && e.Label.StartsWith("60 namespace pairs · ", StringComparison.Ordinal));
        await ScreenshotsAsync(explorer, "real-overview", () => AssertOverviewLabelsStandClearAsync(explorer), dark: true);

        await page.SetViewportSizeAsync(1600, 1000);
        await page.Locator(ExplorerPage.Field("graph-search")).FillAsync("ns-00300");
        await page.WaitForFunctionAsync("() => window.policyEditorGraph.snapshot().nodes.some(n => n.id === 'ns:ns-00300' && n.classes.includes('match'))", null, new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(600);
        var zoom = (await explorer.SnapshotAsync()).Zoom;
        Assert.InRange(zoom, 0.8, 1.25);
        var box = await page.EvaluateAsync<JsonElement>("() => window.policyEditorGraph.position('ns:ns-00300')");
        var frame = await page.GetByTestId("graph").BoundingBoxAsync();
        Assert.True(box.GetProperty("w").GetDouble() < frame!.Width / 3, "the match is shown with room around it, not filling the view");
        await ScreenshotsAsync(explorer, "real-search");

        await page.Locator(ExplorerPage.Field("graph-search")).FillAsync(string.Empty);
        await page.SetViewportSizeAsync(1600, 1000);
        await page.GetByTestId("graph-fit").ClickAsync();
        await page.GetByTestId("graph-all-edges").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await ScreenshotsAsync(explorer, "real-every-edge");
        session.AssertNoProblems();
    });

    [Theory]
    [InlineData("shop", false)]
    [InlineData("shop", true)]
    [InlineData("cilium", false)]
    [InlineData("cilium", true)]
    [InlineData("lesson", false)]
    [InlineData("lesson", true)]
    public Task OnALaptop_TheWholeSmallGraphIsInView_AtAReadableZoom_OpenedThereOrAfterTheWindowShrinks(string sample, bool shrunk) => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(shrunk ? 1600 : 1280, shrunk ? 1000 : 800);
        if (sample == "lesson")
        {
            await session.GotoAsync("/tutorials/01-everything-is-open");
            await Expect(page.GetByTestId("lesson-panel")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await explorer.WaitForGraphAsync();
        }
        else
        {
            await explorer.OpenSampleAsync(sample);
        }

        var large = await LaptopViewAsync(page);
        if (shrunk)
        {
            await page.SetViewportSizeAsync(1280, 800);
        }

        // The frame follows the window a moment later, and the graph is fitted to it after that: wait until it is still.
        var view = await LaptopViewAsync(page);
        for (var (wait, settled) = (0, false); wait < 60 && !settled; wait++)
        {
            await page.WaitForTimeoutAsync(250);
            var next = await LaptopViewAsync(page);
            settled = next.Zoom == view.Zoom && next.Width == view.Width && !(shrunk && next.Width == large.Width) && next.Problems.Count == 0;
            view = next;
        }

        // Every node with its label, every namespace with its title and every edge label is in the frame, at a zoom
        // where the edge labels read at about 11 px (12 px labels at 10.5 px or more).
        await explorer.ScreenshotAsync($"readable-laptop-{sample}{(shrunk ? "-shrunk" : string.Empty)}-1280x800");
        Assert.True(view.Problems.Count == 0, $"at 1280x800 (frame {view.Width:F0} px wide, zoom {view.Zoom:F3}): {string.Join(", ", view.Problems)}");
        Assert.True(view.Zoom * 12 >= ReadablePixels, $"zoom {view.Zoom:F3} at 1280x800: 12 px edge labels read at {view.Zoom * 12:F1} px");

        // Zoomed in by the user, the view stays where the user put it.
        await page.Mouse.MoveAsync(400, 450);
        await page.Mouse.WheelAsync(0, -600);
        await page.WaitForTimeoutAsync(400);
        var zoom = (await explorer.SnapshotAsync()).Zoom;
        Assert.True(zoom > view.Zoom, "the wheel zooms in");
        await page.SetViewportSizeAsync(1600, 1000);
        await page.WaitForTimeoutAsync(600);
        Assert.Equal(zoom, (await explorer.SnapshotAsync()).Zoom, 3);
        session.AssertNoProblems();
    });

    /// <summary>The on-screen size, in pixels, at which a 12 px edge label still reads comfortably: about 11.</summary>
    private const double ReadablePixels = 10.5;

    /// <summary>The nodes (with their labels), namespace titles and edge labels that lie outside the graph's frame, with the zoom and the frame's width.</summary>
    private static async Task<LaptopView> LaptopViewAsync(IPage page)
    {
        var view = await page.EvaluateAsync<JsonElement>("""
            () => {
                const g = window.policyEditorGraph, e = g.extent();
                const out = b => b.x1 < -0.5 || b.y1 < -0.5 || b.x2 > e.width + 0.5 || b.y2 > e.height + 0.5;
                const problems = [...g.nodes().filter(out).map(b => 'node ' + b.id), ...g.labels().filter(out).map(b => 'label of ' + b.id)];
                return { zoom: e.zoom, width: e.width, problems };
            }
            """);
        return new LaptopView(view.GetProperty("zoom").GetDouble(), view.GetProperty("width").GetDouble(), view.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList());
    }

    private sealed record LaptopView(double Zoom, double Width, IReadOnlyList<string> Problems);

    [Fact]
    public Task Laptop_ToolbarIsOneLine_AndTheSidePanelWidensForEightyColumnsOfYaml_Remembered() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1280, 800);
        await explorer.OpenSampleAsync("shop");

        var toolbar = await page.GetByTestId("explorer-toolbar").BoundingBoxAsync();
        Assert.True(toolbar!.Height < 64, $"the toolbar is {toolbar.Height} px high: more than one line");
        var frame = await page.GetByTestId("graph").BoundingBoxAsync();
        Assert.True(frame!.Width >= 700 && frame.Height >= 420, $"the graph is {frame.Width}x{frame.Height}");
        await Expect(page.GetByTestId("revert")).ToBeHiddenAsync();
        await page.GetByTestId("workspace-menu").ClickAsync();
        await Expect(page.GetByTestId("menu-revert")).ToBeVisibleAsync();
        // A click outside the menu closes it; on CI's busy cores the first click was once lost while the menu
        // was still opening, so click again while it is open.
        for (var attempt = 0; attempt < 5 && await page.GetByTestId("menu-revert").IsVisibleAsync(); attempt++)
        {
            await page.Mouse.ClickAsync(20, 500);
            await page.WaitForTimeoutAsync(500);
        }

        await Expect(page.GetByTestId("menu-revert")).ToBeHiddenAsync();

        // Drag the handle to the left: the panel takes the room, and 80 columns of YAML fit.
        await explorer.OpenYamlAsync();
        var handle = (await page.GetByTestId("side-panel-handle").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(handle.X - 330, handle.Y + handle.Height / 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        const string Columns = """
            () => {
                const content = document.querySelector('[data-testid=yaml-pane] .cm-content');
                const probe = document.createElement('span');
                probe.textContent = 'x'.repeat(80);
                document.querySelector('[data-testid=yaml-pane] .cm-line').appendChild(probe);
                const fits = content.clientWidth / (probe.getBoundingClientRect().width / 80);
                probe.remove();
                return fits;
            }
            """;
        Assert.True(await page.EvaluateAsync<double>(Columns) >= 80, "80 columns of YAML fit the widened panel");
        await explorer.ScreenshotAsync("readable-laptop-wide-yaml-1280x800");

        await page.ReloadAsync();
        await explorer.WaitForGraphAsync();
        await explorer.OpenYamlAsync();
        Assert.True(await page.EvaluateAsync<double>(Columns) >= 80, "the width is remembered");
        session.AssertNoProblems();
    });

    [Fact]
    public Task EmptyWorkspace_SaysWhatToDoNext_AndLessonWorkspacesAreNotListed() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        await session.GotoAsync("/tutorials/01-everything-is-open");
        await Expect(page.GetByTestId("lesson-panel")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await session.GotoAsync("/workspaces");
        await Expect(page.GetByTestId("lesson-workspaces-hidden")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("workspace-link").Filter(new() { HasTextString = "Tutorial:" })).ToHaveCountAsync(0);

        await page.GetByTestId("new-from-import").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Paste" }).ClickAsync();
        await page.Locator(ExplorerPage.Field("import-paste", "textarea")).FillAsync("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n");
        await page.GetByTestId("import-read-paste").ClickAsync();
        await page.GetByTestId("import-apply").ClickAsync();
        var empty = page.GetByTestId("empty-workspace");
        await Expect(empty).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(empty.GetByTestId("empty-import")).ToContainTextAsync("Import your cluster");
        await Expect(empty.GetByTestId("empty-sample")).ToContainTextAsync("Open a sample");
        await new ExplorerPage(page).ScreenshotAsync("readable-empty-workspace");

        await empty.GetByTestId("empty-paste").ClickAsync();
        await Expect(page.Locator(ExplorerPage.Field("import-paste", "textarea"))).ToBeVisibleAsync();
        session.AssertNoProblems();
    });

    [Fact]
    public Task RealYamlEdit_ToTheImpactShown_IsMeasured() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("real", timeoutMs: 180_000);
        await explorer.OpenYamlAsync();

        // Each edit moves one port of the first rule that names one; the time runs from the edit (as typed) until
        // the page shows the new revision with its impact, less the editor's pause before it sends the text.
        const string Edit = """
            async ([step, pause]) => {
                const text = window.policyEditorYaml.text();
                const m = /port: (\d+)/.exec(text);
                if (!m) throw new Error('no port in the YAML');
                const explorer = () => document.querySelector('[data-testid=explorer]');
                const before = explorer().dataset.revision;
                const start = performance.now();
                window.policyEditorYaml.replace(m[0], 'port: ' + (20000 + step));
                await new Promise((resolve, reject) => {
                    const timeout = setTimeout(() => reject(new Error('no new revision within 30 s')), 30000);
                    const check = () => { if (explorer().dataset.revision !== before) { clearTimeout(timeout); observer.disconnect(); resolve(); } };
                    const observer = new MutationObserver(check);
                    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-revision'] });
                });
                await new Promise(r => requestAnimationFrame(() => r()));
                return performance.now() - start - pause;
            }
            """;
        await page.EvaluateAsync<double>(Edit, new object[] { 0, 0 });
        var times = new List<double>();
        for (var i = 1; i <= 7; i++)
        {
            times.Add(await page.EvaluateAsync<double>(Edit, new object[] { i, YamlPause }));
            await page.WaitForTimeoutAsync(300);
        }

        times.Sort();
        Measurements.Record("explorer-scale.txt", $"real: YAML edit to the impact shown (after the editor's {YamlPause} ms pause): median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms ({string.Join(", ", times.Select(t => t.ToString("F0")))}); load average {Measurements.LoadAverage}");
        session.AssertNoProblems();
    });

    /// <summary>How long the YAML editor waits after typing before it sends the text (wwwroot/js/yaml-editor.js).</summary>
    private const int YamlPause = 450;
}
