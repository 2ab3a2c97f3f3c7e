using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;
using static PolicyEditor.TestSupport.HostileManifests;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// Input made to exhaust the server, sent the way an account can send it, on an app of its own with the
/// shipped defaults: alias amplification across documents (the import dialog and the hub) and archives that
/// together expand past the import's budget. Each is refused, and the app's memory stays within 100 MB of
/// what it used before (its peak resident memory, measured in this test). How long each took to be refused
/// and how much memory it cost are recorded in TestResults/hostile-input.txt (docs/benchmarks.md keeps the figures).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class HostileInputTests(WebAppFixture fixture) : IAsyncLifetime
{
    private const long MemoryAllowance = 100L * 1024 * 1024;
    private IsolatedApp? _app;

    private WebAppProcess App => _app!.Process;

    public async Task InitializeAsync() => _app = await IsolatedApp.StartAsync();

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    /// <summary>Runs <paramref name="attack"/> and fails when the app's memory peaked more than the allowance above where it was.</summary>
    private async Task WithinMemoryAsync(string what, Func<Task> attack)
    {
        App.ResetPeakMemory();
        var before = App.Memory().Resident;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await attack();
        var peak = App.Memory().Peak;
        var line = $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {what}: answered in {clock.Elapsed.TotalMilliseconds:F0} ms (as the browser saw it), peak memory {(peak - before) / 1024.0 / 1024.0:F1} MB above the {before / 1024 / 1024} MB in use before\n";
        File.AppendAllText(Path.Combine(Path.GetDirectoryName(BuildInfo.ScreenshotDirectory)!, "hostile-input.txt"), line);
        Assert.True(peak - before < MemoryAllowance, $"{what}: the app's memory peaked {(peak - before) / 1024 / 1024} MB above the {before / 1024 / 1024} MB it used before");
    }

    [Fact]
    public async Task AliasAmplificationAndArchiveBombs_AreRefused_WithinTheMemoryAllowance()
    {
        await using var session = await BrowserSession.OpenAsync(fixture.Browser, App.BaseAddress);
        var page = session.Page;
        await session.GotoAsync("/");
        var explorer = new ExplorerPage(page);
        await explorer.WaitForGraphAsync();
        var workspace = Guid.Parse((await page.GetByTestId("explorer").GetAttributeAsync("data-workspace"))!);
        await page.GetByTestId("workspace-menu").ClickAsync();
        await page.GetByTestId("import").ClickAsync();
        var dialog = page.GetByTestId("import-dialog");
        var input = dialog.Locator("input[type=file]");

        // The 134 KB file: every document expands past a document's limit; nothing can be imported.
        var amplified = AliasAmplified(fanOut: 520);
        Assert.InRange(amplified.Length, 120_000, 140_000);
        await WithinMemoryAsync("the 134 KB file", async () =>
        {
            await FileInputs.ChooseAsync(input, new FilePayload { Name = "amplified.yaml", MimeType = "application/yaml", Buffer = Encoding.UTF8.GetBytes(amplified) });
            await Expect(dialog.GetByTestId("import-diagnostic")).ToHaveCountAsync(40, new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("import-apply")).ToBeDisabledAsync();
        });

        // The same attack tuned to stay under a document's limit: refused as a whole by the import's node budget.
        await WithinMemoryAsync("documents under their own limit", async () =>
        {
            await FileInputs.ChooseAsync(input, new FilePayload { Name = "under-the-cap.yaml", MimeType = "application/yaml", Buffer = Encoding.UTF8.GetBytes(AliasAmplified(fanOut: 340)) });
            await Expect(dialog.GetByTestId("import-refusal")).ToContainTextAsync("Import:MaxNodes", new() { Timeout = 30_000 });
        });

        // Five small archives that each stay within a file's limit, but not together.
        await WithinMemoryAsync("five archives", async () =>
        {
            await FileInputs.ChooseAsync(input, [.. Enumerable.Range(0, 5).Select(i => new FilePayload { Name = $"part{i}.zip", MimeType = "application/zip", Buffer = Blank(files: 2, megabytes: 19) })]);
            await Expect(dialog.GetByTestId("import-refusal")).ToContainTextAsync("Import:MaxTotalMegabytes", new() { Timeout = 30_000 });
        });
        await explorer.ScreenshotAsync("import-refused");
        await page.GetByTestId("import-cancel").ClickAsync();

        // The hub: an edit of the same kind, refused with the budget's message.
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(App.BaseAddress, "hubs/workspace")).Build();
        await hub.StartAsync();
        await WithinMemoryAsync("an edit sent to the hub", async () =>
        {
            var ack = await hub.InvokeAsync<EditAckDto>("EditPolicies", workspace, 1L, AliasAmplified(fanOut: 340), "amplified", "edit-1");
            Assert.False(ack.Applied);
            Assert.Contains("Import:MaxNodes", ack.Message, StringComparison.Ordinal);
        });

        // A message over the hub's size limit is refused before it is read: the connection is closed.
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<EditAckDto>("EditPolicies", workspace, 1L, new string('#', 2 * 1024 * 1024), "too large", "edit-2"));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        session.AssertNoProblems();
    }
}
