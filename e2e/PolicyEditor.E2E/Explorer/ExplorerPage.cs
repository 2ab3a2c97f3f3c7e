using System.Text.Json;
using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The explorer as a test drives it: a workspace of its own (opened from a sample, so tests do not see
/// each other's edits), the graph read through its test hook (<c>window.policyEditorGraph</c>), nodes and
/// edges clicked where the graph draws them, and the side panel's tabs.
/// </summary>
public sealed class ExplorerPage(IPage page)
{
    /// <summary>
    /// A selector for the input (or textarea) of a MudBlazor field, wherever the field puts its test id: on
    /// the element itself or on an element around it.
    /// </summary>
    public static string Field(string testId, string element = "input") => $"{element}[data-testid={testId}], [data-testid={testId}] {element}";

    /// <summary>The page.</summary>
    public IPage Page => page;

    /// <summary>Opens a new workspace from a bundled sample (shop, s0, med, real) and waits until its graph is drawn.</summary>
    public async Task OpenSampleAsync(string key, float timeoutMs = 60_000)
    {
        await Page.GotoAsync("/");
        await Page.Locator("[data-interactive='true']").WaitForAsync();
        await WaitForGraphAsync(timeoutMs);
        var before = await Page.GetByTestId("explorer").GetAttributeAsync("data-workspace");
        await Page.GetByTestId("workspace-menu").ClickAsync();
        await Page.GetByTestId($"open-sample-{key}").ClickAsync();
        await Page.WaitForFunctionAsync(
            "before => { const e = document.querySelector('[data-testid=explorer]'); return e && e.dataset.workspace !== before && location.pathname.endsWith(e.dataset.workspace); }",
            before, new() { Timeout = timeoutMs });
        await WaitForGraphAsync(timeoutMs);
    }

    /// <summary>Waits until the graph of the workspace shown is drawn.</summary>
    public async Task WaitForGraphAsync(float timeoutMs = 30_000) =>
        await Page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=graph][data-graph-ready=true]') !== null && window.policyEditorGraph?.snapshot() !== null",
            null, new() { Timeout = timeoutMs });

    /// <summary>What the graph draws now.</summary>
    public async Task<GraphSnapshot> SnapshotAsync()
    {
        var json = await Page.EvaluateAsync<string>("() => JSON.stringify(window.policyEditorGraph.snapshot())");
        return JsonSerializer.Deserialize<GraphSnapshot>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Waits until an edge has a style class (e.g. blocked) and returns it.</summary>
    public async Task<GraphSnapshot.Edge> WaitForEdgeClassAsync(string edgeId, string cssClass, float timeoutMs = 15_000)
    {
        await Page.WaitForFunctionAsync(
            "([id, c]) => window.policyEditorGraph?.snapshot()?.edges.some(e => e.id === id && e.classes.includes(c))",
            new[] { edgeId, cssClass }, new() { Timeout = timeoutMs });
        return (await SnapshotAsync()).Edges.Single(e => e.Id == edgeId);
    }

    /// <summary>Clicks a node or an edge where the graph draws it, with the mouse.</summary>
    public async Task ClickAsync(string elementId)
    {
        if (!elementId.Contains("->", StringComparison.Ordinal))
        {
            await Page.EvaluateAsync("id => window.policyEditorGraph.reveal(id)", elementId);
        }

        var p = await Page.EvaluateAsync<JsonElement>("id => window.policyEditorGraph.position(id)", elementId);
        Assert.True(p.ValueKind == JsonValueKind.Object, $"The graph draws no {elementId}.");
        await Page.Mouse.ClickAsync((float)p.GetProperty("x").GetDouble(), (float)p.GetProperty("y").GetDouble());
    }

    /// <summary>
    /// Clicks a node by dispatching the mouse events in the page and returns the milliseconds until the
    /// inspector's title reads <paramref name="title"/>: the click-to-answer time, measured in the browser.
    /// </summary>
    public Task<double> MeasureClickAsync(string nodeId, string title) => Page.EvaluateAsync<double>(
        """
        async ([id, expected]) => {
            window.policyEditorGraph.reveal(id);
            const p = window.policyEditorGraph.position(id);
            const target = document.elementFromPoint(p.x, p.y);
            const options = { bubbles: true, cancelable: true, clientX: p.x, clientY: p.y, button: 0, buttons: 1, view: window };
            const answered = new Promise((resolve, reject) => {
                setTimeout(() => reject(new Error(`No answer to a click on ${id} within 20 s: the click hit ${target?.outerHTML?.slice(0, 120)}; the inspector shows ${document.querySelector('[data-testid=inspector-title]')?.textContent}`)), 20000);
                const check = () => {
                    const el = document.querySelector('[data-testid=inspector-title]');
                    if (el && el.textContent.trim() === expected) { observer.disconnect(); resolve(performance.now()); }
                };
                const observer = new MutationObserver(check);
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            });
            const start = performance.now();
            target.dispatchEvent(new MouseEvent('mousedown', options));
            target.dispatchEvent(new MouseEvent('mouseup', { ...options, buttons: 0 }));
            return (await answered) - start;
        }
        """, new[] { nodeId, title });

    /// <summary>Turns draw mode on with its button and waits until the graph has it on.</summary>
    public async Task StartDrawingAsync()
    {
        await Page.GetByTestId("graph-draw").ClickAsync();
        await Page.WaitForFunctionAsync("() => window.policyEditorGraph.drawing()");
    }

    /// <summary>Drags with the mouse from one node to another, in small steps, as a user drawing an edge does.</summary>
    public async Task DragAsync(string fromNode, string toNode)
    {
        var a = await Page.EvaluateAsync<JsonElement>("id => window.policyEditorGraph.position(id)", fromNode);
        var b = await Page.EvaluateAsync<JsonElement>("id => window.policyEditorGraph.position(id)", toNode);
        var (ax, ay) = ((float)a.GetProperty("x").GetDouble(), (float)a.GetProperty("y").GetDouble());
        var (bx, by) = ((float)b.GetProperty("x").GetDouble(), (float)b.GetProperty("y").GetDouble());
        await Page.Mouse.MoveAsync(ax, ay);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(bx, by, new() { Steps = 12 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>Types into a field of the ask box, picks the name from the list when it is offered, and clicks outside, as a user would.</summary>
    public static async Task FillAskFieldAsync(ILocator scope, string testId, string value)
    {
        var input = scope.Locator(ExplorerPage.Field(testId));
        await input.FillAsync(value);

        // A name the app knows is offered in the list (once its search runs): pick it, as a user would.
        var offered = scope.Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = value });
        try
        {
            await offered.First.ClickAsync(new() { Timeout = 3000 });
        }
        catch (TimeoutException)
        {
            // An address is not offered: leaving the field keeps the typed text.
        }

        await scope.GetByText("Can A reach B?").ClickAsync();
        await Expect(scope.Page.Locator(".mud-popover-open .mud-list")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    /// <summary>Asks the ask box whether one peer can reach another on a TCP port; the answer's element.</summary>
    public async Task<ILocator> AskAsync(string source, string destination, string port)
    {
        await TabAsync("Ask");
        var ask = Page.GetByTestId("reach-query");
        await FillAskFieldAsync(ask, "query-source", source);
        await FillAskFieldAsync(ask, "query-destination", destination);
        await FillAskFieldAsync(ask, "query-port", port);
        await ask.GetByTestId("query-ask").ClickAsync();
        return ask.GetByTestId("query-answer");
    }

    /// <summary>Shows a tab of the side panel.</summary>
    public Task TabAsync(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name }).ClickAsync();

    /// <summary>Imports observed flows from a CSV through the Traffic tab's dialog and closes it once it says how many records it read.</summary>
    public async Task ImportFlowsAsync(string csv, string records)
    {
        await TabAsync("Traffic");
        await Page.GetByTestId("traffic-import").ClickAsync();
        await Browser.FileInputs.ChooseAsync(Page.Locator("[data-testid=flow-import-input]"), new FilePayload { Name = "flows.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await Expect(Page.GetByTestId("flow-import-done")).ToContainTextAsync(records, new() { Timeout = 60_000 });
        await Page.GetByTestId("flow-import-close").ClickAsync();
    }

    /// <summary>Shows the YAML tab and waits for its editor.</summary>
    public async Task OpenYamlAsync()
    {
        await TabAsync("YAML");
        await Expect(Page.Locator("[data-testid=yaml-pane] [data-editor-ready=true]")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Edits the YAML as if typed: replaces the first occurrence of a text, waiting for it to be there (the pane
    /// shows a change from elsewhere, an undo or another user's edit, a moment after the graph does).
    /// </summary>
    public async Task ReplaceYamlAsync(string find, string replacement)
    {
        try
        {
            await Page.WaitForFunctionAsync("([f, r]) => window.policyEditorYaml.replace(f, r)", new[] { find, replacement }, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The YAML does not contain:\n{find}");
        }
    }

    /// <summary>Waits until the policy view's diagram is fitted to its canvas as it is now (after a resize, the refit comes a moment later).</summary>
    public Task WaitForPolicyViewFitAsync() => Page.WaitForFunctionAsync("""
        () => {
            const canvas = document.querySelector('[data-testid=pv-canvas]');
            const surface = canvas?.querySelector('.pe-pv-surface');
            return !!surface && Math.abs(Number(canvas.dataset.fittedWidth) - surface.getBoundingClientRect().width) < 2;
        }
        """);

    /// <summary>
    /// Drags a peer kind from the policy view's palette onto the left (ingress) or right (egress) end of the policy's
    /// subject, as a user does: once the diagram is fitted (its nodes still), and dropped only once the app has heard of
    /// the drag (it outlines the subject), where the subject is then.
    /// </summary>
    public async Task DropPeerOnSubjectAsync(ILocator view, string kind, bool egress)
    {
        await WaitForPolicyViewFitAsync();
        var item = (await view.Locator($"[data-testid=pv-palette-item][data-kind={kind}]").BoundingBoxAsync())!;
        var subject = view.Locator("[data-testid=pv-node][data-shape=Subject]");
        await Page.Mouse.MoveAsync(item.X + (item.Width / 2), item.Y + (item.Height / 2));
        await Page.Mouse.DownAsync();
        var box = (await subject.BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + 30, new() { Steps = 8 });
        await Expect(view.GetByTestId("pv-canvas")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pe-pv-dragging"));
        box = (await subject.BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(egress ? box.X + box.Width - 12 : box.X + 12, box.Y + 30, new() { Steps = 4 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>Sets the window's size and waits for the policy view to be fitted to it, then saves a screenshot.</summary>
    public async Task PolicyViewScreenshotAsync(string name, int width, int height)
    {
        await Page.SetViewportSizeAsync(width, height);
        await WaitForPolicyViewFitAsync();
        await ScreenshotAsync(name);
    }

    /// <summary>Saves a screenshot of the window to the test results.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BuildInfo.ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BuildInfo.ScreenshotDirectory, $"{name}.png") });
    }

    /// <summary>
    /// Screenshots at a large and a laptop screen size (<c>name-1600x1000</c>, <c>name-1280x800</c>), and in the dark
    /// theme too when <paramref name="dark"/> (<c>-dark</c>); <paramref name="afterResize"/> runs at each size first.
    /// </summary>
    public async Task ScreenshotsAsync(string name, bool dark = false, Func<Task>? afterResize = null)
    {
        foreach (var (width, height) in new[] { (1600, 1000), (1280, 800) })
        {
            await Page.SetViewportSizeAsync(width, height);
            await Page.WaitForTimeoutAsync(400);
            if (afterResize is not null)
            {
                await afterResize();
            }

            await ScreenshotAsync($"{name}-{width}x{height}");
            if (dark)
            {
                await ToggleThemeAsync("dark");

                // Off the toggle, so that its tooltip does not cover the page.
                await Page.Mouse.MoveAsync(width / 2, height - 4);
                await Page.WaitForTimeoutAsync(500);
                await ScreenshotAsync($"{name}-{width}x{height}-dark");
                await ToggleThemeAsync("light");
                await Page.Mouse.MoveAsync(width / 2, height - 4);
            }
        }
    }

    /// <summary>Switches between the light and the dark theme.</summary>
    public async Task ToggleThemeAsync(string expected)
    {
        await Page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(Page.Locator("[data-theme]")).ToHaveAttributeAsync("data-theme", expected);
    }
}
