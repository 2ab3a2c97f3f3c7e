using Microsoft.AspNetCore.SignalR.Client;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// Two people edit the same policy at once: one types in the YAML pane while the other's edit (here through
/// the hub, as another tab or tool sends it) reaches the draft first. The loser's text is not lost: the
/// pane keeps it, says so until they act, and "Restore my text" puts it back.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class EditConflictTests(WebAppFixture fixture) : IAsyncLifetime
{
    private IsolatedApp? _app;

    public async Task InitializeAsync() => _app = await IsolatedApp.StartAsync();

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    [Fact]
    public async Task TheLosingTab_KeepsItsTypedText_AndRestoresIt()
    {
        await using var session = await BrowserSession.OpenAsync(fixture.Browser, _app!.BaseAddress);
        var page = session.Page;
        await session.GotoAsync("/");
        var explorer = new ExplorerPage(page);
        await explorer.WaitForGraphAsync();
        var workspace = Guid.Parse((await page.GetByTestId("explorer").GetAttributeAsync("data-workspace"))!);
        await explorer.OpenYamlAsync();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, "hubs/workspace")).Build();
        await hub.StartAsync();
        var revision = await hub.InvokeAsync<long>("JoinWorkspace", workspace);
        // This tab types; before its pause is over, the other edit of the same policy is in.
        await explorer.ReplaceYamlAsync("  name: default-deny-all\n  namespace: payments\nspec:\n  podSelector: {}", "  name: default-deny-all\n  namespace: payments\nspec:\n  podSelector: {matchLabels: {mine: typed}}");
        var ack = await hub.InvokeAsync<EditAckDto>("EditPolicies", workspace, revision, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny-all, namespace: payments}\nspec: {podSelector: {matchLabels: {other: tab}}, policyTypes: [Ingress]}\n", "the other tab", "x");
        Assert.True(ack.Applied, ack.Message);
        var notice = page.GetByTestId("yaml-unsent");
        await Expect(notice).ToHaveAttributeAsync("data-reason", "conflict", new() { Timeout = 10_000 });
        Assert.Contains("other: tab", await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()"), StringComparison.Ordinal);
        await explorer.ScreenshotAsync("yaml-conflict");

        // The notice stays (no timer takes it away) until the user restores the text.
        await page.WaitForTimeoutAsync(6_000);
        await Expect(notice).ToBeVisibleAsync();
        await page.GetByTestId("yaml-unsent-restore").ClickAsync();
        await Expect(notice).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("yaml-notice")).ToContainTextAsync("back in the editor");
        Assert.Contains("mine: typed", await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()"), StringComparison.Ordinal);
        await explorer.ScreenshotAsync("yaml-conflict-restored");
        session.AssertNoProblems();
    }
}
