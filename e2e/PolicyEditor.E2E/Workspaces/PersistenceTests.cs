using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using PolicyEditor.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// Workspaces that last: an import previewed and applied, the draft surviving a restart of the app, export
/// that imports back to the same policies, the list of workspaces (rename, duplicate, delete), and history.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PersistenceTests(WebAppFixture app)
{
    private const string DenyEgress = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-egress
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Egress]
        """;

    private const string Broken = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: broken
          namespace: shop
        spec:
          podSelector:
            matchLabels: [oops
        """;

    /// <summary>The documents of a YAML stream, in name order (the zip orders files by namespace and name).</summary>
    private static string[] Documents(string yaml) =>
        [.. yaml.Split("\n---\n").Select(d => d.Trim().TrimStart('-').Trim()).Where(d => d.Length > 0).Order(StringComparer.Ordinal)];

    [Fact]
    public Task ImportedArchive_ShowsSummaryAndImpact_AndTheDraftSurvivesARestart() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");
        var workspace = page.Url;

        await page.GetByTestId("workspace-menu").ClickAsync();
        await page.GetByTestId("import").ClickAsync();
        var dialog = page.GetByTestId("import-dialog");
        await FileInputs.ChooseAsync(dialog.Locator("input[type=file]"), new FilePayload
        {
            Name = "hardening.zip",
            MimeType = "application/zip",
            Buffer = HostileManifests.Zip(("shop/deny-egress.yaml", DenyEgress), ("shop/broken.yaml", Broken), ("notes.txt", "not a manifest")),
        });

        var summary = dialog.GetByTestId("import-summary");
        await Expect(summary.GetByTestId("import-kind")).ToHaveTextAsync(["1 NetworkPolicy"]);
        await Expect(summary.GetByTestId("import-skipped")).ToContainTextAsync("hardening.zip/notes.txt");
        await Expect(summary.GetByTestId("import-diagnostic")).ToHaveAttributeAsync("data-file", "hardening.zip/shop/broken.yaml");
        // The unclosed list on line 8 is reported where the parser gives up: that line or the end of the file.
        await Expect(summary.GetByTestId("import-diagnostic")).ToHaveAttributeAsync("data-line", new System.Text.RegularExpressions.Regex("^[89]$"));
        await Expect(summary.GetByTestId("import-blocked")).ToContainTextAsync("blocked");
        await explorer.ScreenshotAsync("import-preview");
        await page.GetByTestId("import-apply").ClickAsync();
        await Expect(page.GetByTestId("draft-chip")).ToBeVisibleAsync();
        var changes = await page.GetByTestId("draft-chip").TextContentAsync();

        await app.RestartAppAsync();
        await GotoAfterRestartAsync(page, "about:blank");
        session.ForgetProblems();
        await GotoAfterRestartAsync(page, workspace);
        await explorer.WaitForGraphAsync();
        await Expect(page.GetByTestId("draft-chip")).ToHaveTextAsync(changes!);
        await Expect(page.GetByTestId("undo")).ToBeEnabledAsync();
        await page.GetByTestId("undo").ClickAsync();
        await Expect(page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();
        session.AssertNoProblems();
    });

    [Fact]
    public Task YamlTypedWhileTheServerIsDown_IsOfferedAfterItIsBack_AndRestoresOnlyThatChange() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");
        var workspace = page.Url;
        await explorer.OpenYamlAsync();
        await Expect(page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();

        await app.RestartAppAsync(async () =>
        {
            // The server is gone: the user types on, and the text cannot reach it.
            await explorer.ReplaceYamlAsync(string.Empty, DenyEgress + "\n---\n");
            await page.WaitForFunctionAsync("() => window.policyEditorYaml.backup()?.text.includes('name: default-deny-egress')");
            await Expect(page.Locator("[data-testid=yaml-pane] [data-editor-ready=true]")).ToHaveAttributeAsync("data-pending", "false", new() { Timeout = 5_000 });
        });

        // The old circuit went with the old process: the page is loaded again, and offers the text.
        session.ForgetProblems();
        await GotoAfterRestartAsync(page, workspace);
        await explorer.WaitForGraphAsync();
        await Expect(page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();
        await explorer.OpenYamlAsync();
        await Expect(page.GetByTestId("yaml-unsent")).ToContainTextAsync("never received");
        await explorer.ScreenshotAsync("yaml-unsent");
        await page.GetByTestId("yaml-unsent-restore").ClickAsync();
        await Expect(page.GetByTestId("draft-chip")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("yaml-unsent")).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync("() => window.policyEditorYaml.text().includes('name: default-deny-egress')");
        await page.WaitForFunctionAsync("() => window.policyEditorYaml.backup() === null");

        // Restored once: the next visit offers nothing.
        await page.ReloadAsync();
        await explorer.WaitForGraphAsync();
        await explorer.OpenYamlAsync();
        await Expect(page.GetByTestId("draft-chip")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("yaml-unsent")).ToHaveCountAsync(0);
        session.AssertNoProblems();
    });

    [Fact]
    public Task Export_ImportsBackToTheSamePolicies() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");
        var id = await page.GetByTestId("explorer").GetAttributeAsync("data-workspace");
        using var http = app.CreateHttpClient();

        var yaml = await http.GetStringAsync($"/workspaces/{id}/export/policies.yaml");
        var zip = await http.GetByteArrayAsync($"/workspaces/{id}/export/policies.zip");
        var changed = await http.GetStringAsync($"/workspaces/{id}/export/changed.yaml");

        Assert.Contains("kind: NetworkPolicy", yaml, StringComparison.Ordinal);
        Assert.Contains("none.", changed, StringComparison.Ordinal);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "shop/default-deny-ingress.yaml");
            Assert.Contains(archive.Entries, e => e.FullName == "payments/allow-checkout-to-payments-api.yaml");
        }

        // The zip, imported as a new workspace, has exactly the same policies: its export is the same text.
        await page.GetByTestId("workspace-menu").ClickAsync();
        await page.GetByTestId("import").ClickAsync();
        var dialog = page.GetByTestId("import-dialog");
        await dialog.GetByText("As a new workspace").ClickAsync();
        await FileInputs.ChooseAsync(dialog.Locator("input[type=file]"), new FilePayload { Name = "exported.zip", MimeType = "application/zip", Buffer = zip });
        await Expect(dialog.GetByTestId("import-kind")).ToHaveTextAsync(["9 NetworkPolicy"]);
        await page.GetByTestId("import-apply").ClickAsync();
        await page.WaitForFunctionAsync("id => { const e = document.querySelector('[data-testid=explorer]'); return e && e.dataset.workspace !== id; }", id);
        var copy = await page.GetByTestId("explorer").GetAttributeAsync("data-workspace");
        Assert.Equal(Documents(yaml), Documents(await http.GetStringAsync($"/workspaces/{copy}/export/policies.yaml")));
        session.AssertNoProblems();
    });

    [Fact]
    public Task WorkspacesPage_Renames_Duplicates_AndDeletes_AndHistoryComparesAndRestores() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("shop");
        var id = await page.GetByTestId("explorer").GetAttributeAsync("data-workspace");

        // Version 2: the YAML edit deletes checkout's rule, accepted with a message.
        await explorer.OpenYamlAsync();
        await explorer.ReplaceYamlAsync("  name: allow-checkout-to-payments-api\n", "  name: allow-checkout-to-payments-api-old\n");
        await Expect(page.GetByTestId("draft-chip")).ToBeVisibleAsync();
        await page.GetByTestId("accept").ClickAsync();
        await page.Locator(ExplorerPage.Field("accept-message", "textarea")).First.FillAsync("Rename the payments policy");
        await page.GetByTestId("accept-confirm").ClickAsync();
        await Expect(page.GetByTestId("version-chip")).ToHaveTextAsync("version 2");

        await session.GotoAsync($"/workspaces/{id}/history");
        await Expect(page.GetByTestId("version-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("version-table")).ToContainTextAsync("Rename the payments policy");
        await Expect(page.GetByTestId("compare-summary")).ToContainTextAsync("version 1 → version 2");
        await Expect(page.GetByTestId("compare-summary")).ToContainTextAsync("payments/allow-checkout-to-payments-api-old");
        await explorer.ScreenshotAsync("history");
        await page.Locator("[data-testid=version-row][data-version='1']").Locator("xpath=..").GetByTestId("restore").ClickAsync();
        await Expect(page.Locator(".mud-message-box")).ToContainTextAsync("The draft becomes version 1's policies");
        await page.Locator(".mud-message-box__yes-button").ClickAsync();
        await Expect(page.GetByTestId("draft-chip")).ToBeVisibleAsync();

        await session.GotoAsync("/workspaces");
        var row = page.GetByTestId("workspace-table").Locator("tr", new() { Has = page.Locator($"a[href='/workspaces/{id}']") });
        await row.GetByTestId("rename").ClickAsync();
        await page.Locator(ExplorerPage.Field("text-dialog-input")).First.FillAsync("Shop under review");
        await page.GetByTestId("text-dialog-ok").ClickAsync();
        await Expect(page.GetByTestId("workspace-table")).ToContainTextAsync("Shop under review");
        await page.GetByTestId("workspace-table").Locator("tr", new() { HasText = "Shop under review" }).GetByTestId("duplicate").ClickAsync();
        await Expect(page.GetByTestId("workspace-table")).ToContainTextAsync("Copy of Shop under review");
        await explorer.ScreenshotAsync("workspaces");

        await page.GetByTestId("workspace-table").Locator("tr", new() { HasText = "Copy of Shop under review" }).GetByTestId("delete").ClickAsync();
        await page.Locator(".mud-message-box__yes-button").ClickAsync();
        await Expect(page.GetByTestId("workspace-table")).Not.ToContainTextAsync("Copy of Shop under review");
        session.AssertNoProblems();
    });

    /// <summary>
    /// Goes to <paramref name="url"/> after the app restarted. The page may notice the server is back and
    /// reload itself at the same moment; then that navigation wins, and the page is where it was, loaded again.
    /// </summary>
    private static async Task GotoAfterRestartAsync(IPage page, string url)
    {
        try
        {
            await page.GotoAsync(url);
        }
        catch (PlaywrightException interrupted) when (interrupted.Message.Contains("interrupted by another navigation", StringComparison.Ordinal))
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            if (url != "about:blank" && page.Url != url)
            {
                await page.GotoAsync(url);
            }
        }
    }
}
