using System.Net;
using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// A review session with three people signed in as different users, each in a browser of their own:
/// the author opens a review of a draft and invites a reviewer and a viewer by link (the viewer may
/// read but not comment or approve); the reviewer's selection and comment reach the others within a second; a suggestion is applied, which makes the approval stale;
/// the approval is given again, the author merges, and the history keeps the version with its review.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ReviewTests(WebAppFixture fixture) : IAsyncLifetime
{
    private const string Suggestion = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: kube-system-deny-ingress
          namespace: kube-system
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
        """;

    private IsolatedApp? _app;

    private WebAppProcess App => _app!.Process;

    public async Task InitializeAsync() => _app = await IsolatedApp.StartAsync();

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    private static async Task RegisterAsync(IPage page, string user)
    {
        await AccountForms.RegisterAsync(page, user, $"{user}-passphrase");
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync(user, new() { Timeout = 30_000 });
        await page.Locator("[data-interactive='true']").WaitForAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BuildInfo.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BuildInfo.ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    [Fact]
    public async Task AuthorAndReviewer_ReviewAChangeLive_AndTheMergeKeepsTheRecord()
    {
        await using var author = await BrowserSession.OpenAsync(fixture.Browser, App.BaseAddress);
        await using var reviewer = await BrowserSession.OpenAsync(fixture.Browser, App.BaseAddress);
        await using var viewer = await BrowserSession.OpenAsync(fixture.Browser, App.BaseAddress);
        try
        {
            // The author makes a draft change in the sample workspace.
            var a = author.Page;
            await RegisterAsync(a, "ada");
            var explorer = new ExplorerPage(a);
            await explorer.WaitForGraphAsync();
            await explorer.OpenYamlAsync();
            await explorer.ReplaceYamlAsync(string.Empty, DraftEdits.DenyMonitoringIngress);
            await Expect(a.GetByTestId("draft-chip")).ToContainTextAsync("connection change", new() { Timeout = 10_000 });
            var workspace = await a.GetByTestId("explorer").GetAttributeAsync("data-workspace");

            // ... opens a review of it, and creates an invitation link for a reviewer.
            await author.GotoAsync("/reviews");
            await a.Locator(ExplorerPage.Field("review-title")).FillAsync("Close monitoring to ingress");
            await a.GetByTestId("review-open").ClickAsync();
            await Expect(a.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var rows = a.GetByTestId("review-impact-row");
            Assert.True(await rows.CountAsync() > 0);

            // The graph shows only what the change touches, the lost connections drawn blocked.
            var graph = new ExplorerPage(a);
            await graph.WaitForGraphAsync();
            var drawn = await graph.SnapshotAsync();
            Assert.NotEmpty(drawn.Edges);
            Assert.All(drawn.Edges, e => Assert.Contains("blocked", e.Classes));
            await graph.ScreenshotAsync("review-open");
            await a.GetByTestId("review-invite").ClickAsync();
            var link = await a.Locator(ExplorerPage.Field("review-invite-link")).InputValueAsync();
            Assert.Contains("/reviews/join/", link, StringComparison.Ordinal);

            // ... and one for a viewer, who follows it in a third browser.
            await a.Locator("[data-testid=review-invite-role]").First.ClickAsync();
            await a.GetByRole(AriaRole.Option, new() { Name = "viewer", Exact = true }).ClickAsync();
            await a.GetByTestId("review-invite").ClickAsync();
            await Expect(a.Locator(ExplorerPage.Field("review-invite-link"))).Not.ToHaveValueAsync(link);
            var viewerLink = await a.Locator(ExplorerPage.Field("review-invite-link")).InputValueAsync();
            var v = viewer.Page;
            await RegisterAsync(v, "carol");
            await viewer.GotoAsync(viewerLink);
            await Expect(v.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await v.Locator("[data-interactive='true']").WaitForAsync();
            await Expect(v.GetByTestId("review-comment-input")).ToHaveCountAsync(0);
            await Expect(v.GetByTestId("review-approve")).ToHaveCountAsync(0);
            await Expect(v.Locator("[data-testid=review-participant]", new() { HasTextString = "carol" })).ToContainTextAsync("viewer");

            // The reviewer signs up and follows the link.
            var r = reviewer.Page;
            await RegisterAsync(r, "bob");
            await reviewer.GotoAsync(link);
            await Expect(r.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await r.Locator("[data-interactive='true']").WaitForAsync();
            await Expect(a.Locator("[data-testid=review-participant][data-online=true]")).ToHaveCountAsync(3, new() { Timeout = 5_000 });

            // The reviewer's selection and comment on a changed connection reach the author within a second.
            var row = r.GetByTestId("review-impact-row").First;
            var source = await row.GetAttributeAsync("data-source");
            await row.ClickAsync();
            await Expect(a.Locator($"[data-testid=review-impact-row][data-source='{source}'][data-selected-by='bob']").First).ToBeVisibleAsync(new() { Timeout = 1_000 });
            await r.Locator(ExplorerPage.Field("review-comment-input", "textarea")).FillAsync("Prometheus is scraped from outside too; is that intended?");
            await r.GetByTestId("review-comment-send").ClickAsync();
            await Expect(a.GetByTestId("review-thread")).ToContainTextAsync("is that intended?", new() { Timeout = 1_000 });
            await Expect(v.GetByTestId("review-thread")).ToContainTextAsync("is that intended?", new() { Timeout = 1_000 });
            await Expect(a.GetByTestId("review-thread")).ToHaveAttributeAsync("data-anchor", new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(source!)} → "));

            // A line of a policy's YAML is an anchor too.
            await r.Locator("[data-testid=review-yaml] [data-testid=diff-line][data-line='4']").First.ClickAsync();
            await Expect(r.GetByTestId("review-comment-anchor")).ToContainTextAsync("policy monitoring/monitoring-deny-ingress, line 4");

            // What the reviewer selects on the graph is outlined on the author's graph, in the reviewer's colour.
            const string Prometheus = "w:monitoring/prometheus[Deployment]";
            await r.GetByTestId("review-graph").ScrollIntoViewIfNeededAsync();
            var reviewerGraph = new ExplorerPage(r);
            await reviewerGraph.WaitForGraphAsync();
            await reviewerGraph.ClickAsync(Prometheus);
            await Expect(r.GetByTestId("review-comment-anchor")).ToContainTextAsync("prometheus");
            await a.WaitForFunctionAsync("id => window.policyEditorGraph.peerMarks().includes(id)", Prometheus, new() { Timeout = 1_000 });

            // Approval, then a suggestion the author applies: the approval is stale and cannot carry the merge.
            await r.GetByTestId("review-approve").ClickAsync();
            await Expect(a.GetByTestId("review-approval-count")).ToHaveTextAsync("1 of 1 approval(s)", new() { Timeout = 1_000 });
            await r.Locator(ExplorerPage.Field("review-suggest-description")).FillAsync("Close kube-system too");
            await r.Locator(ExplorerPage.Field("review-suggest-yaml", "textarea")).FillAsync(Suggestion);

            // What the reviewer typed and has not sent survives losing the page (as after a lost connection).
            await r.ReloadAsync();
            await Expect(r.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await r.Locator("[data-interactive='true']").WaitForAsync();
            await Expect(r.Locator(ExplorerPage.Field("review-suggest-yaml", "textarea"))).ToHaveValueAsync(Suggestion, new() { Timeout = 5_000 });
            await Expect(r.Locator(ExplorerPage.Field("review-suggest-description"))).ToHaveValueAsync("Close kube-system too");
            await r.GetByTestId("review-suggest").ClickAsync();
            await Expect(a.GetByTestId("review-suggestion")).ToHaveAttributeAsync("data-status", "Open", new() { Timeout = 1_000 });
            Assert.Equal(0, await r.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('policyeditor:keep:')).length"));
            await Expect(a.GetByTestId("review-suggestion-impact")).ToContainTextAsync("kube-system/kube-dns[Deployment]", new() { Timeout = 5_000 });
            await a.GetByTestId("review-suggestion-apply").ClickAsync();
            await Expect(a.GetByTestId("review-suggestion")).ToHaveAttributeAsync("data-status", "Applied");
            await Expect(r.Locator("[data-testid=review-decision][data-stale=true]")).ToHaveCountAsync(1, new() { Timeout = 1_000 });
            await Expect(a.GetByTestId("review-approval-count")).ToHaveTextAsync("0 of 1 approval(s)");
            await Expect(a.GetByTestId("review-merge")).ToBeDisabledAsync();
            await ScreenshotAsync(a, "review-stale-approval");

            // The reviewer suggests by drawing: on the workspace's graph, a drawn edge becomes a suggestion, not an edit.
            var revision = await a.GetByTestId("review-page").GetAttributeAsync("data-revision");
            await r.GetByTestId("review-suggest-draw").ClickAsync();
            await Expect(r.GetByTestId("suggest-banner")).ToContainTextAsync("Close monitoring to ingress", new() { Timeout = 15_000 });
            await Expect(r.GetByTestId("undo")).ToHaveCountAsync(0);
            var drawing = new ExplorerPage(r);
            await drawing.WaitForGraphAsync();
            await ScreenshotAsync(r, "review-suggest-mode");
            await drawing.StartDrawingAsync();
            await drawing.DragAsync("w:shop/frontend[Deployment]", "w:shop/db[StatefulSet]");
            var dialog = r.GetByTestId("intent-dialog");
            await Expect(dialog.GetByTestId("intent-suggesting")).ToContainTextAsync("Close monitoring to ingress");
            await Expect(dialog.GetByTestId("intent-option").First).ToContainTextAsync("exactly this, nothing else");
            await Expect(r.GetByTestId("intent-apply")).ToHaveTextAsync("Suggest");
            await Expect(r.GetByTestId("intent-apply")).ToBeEnabledAsync();
            await ScreenshotAsync(r, "review-suggest-by-drawing");
            await r.GetByTestId("intent-apply").ClickAsync();
            var drawnSuggestion = a.Locator("[data-testid=review-suggestion]", new() { HasTextString = "Allow shop/frontend[Deployment] to reach shop/db[StatefulSet]" });
            await Expect(drawnSuggestion).ToHaveAttributeAsync("data-status", "Open", new() { Timeout = 1_000 });
            await Expect(drawnSuggestion.GetByTestId("review-suggestion-impact")).ToContainTextAsync("shop/frontend[Deployment] → shop/db[StatefulSet]", new() { Timeout = 5_000 });
            Assert.Equal(revision, await a.GetByTestId("review-page").GetAttributeAsync("data-revision"));
            await drawnSuggestion.GetByTestId("review-suggestion-decline").ClickAsync();
            await Expect(drawnSuggestion).ToHaveAttributeAsync("data-status", "Declined");
            await r.GetByTestId("suggest-back").ClickAsync();
            await Expect(r.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await r.Locator("[data-interactive='true']").WaitForAsync();

            // Approved again; the author merges.
            await r.GetByTestId("review-approve").ClickAsync();
            await Expect(a.GetByTestId("review-approval-count")).ToHaveTextAsync("1 of 1 approval(s)", new() { Timeout = 1_000 });
            // The reviewer's thread is still open: merging asks first, saying so.
            await a.GetByTestId("review-merge").ClickAsync();
            await Expect(a.Locator(".mud-message-box")).ToContainTextAsync("1 comment thread is not resolved");
            await ScreenshotAsync(a, "review-merge-unresolved");
            await a.Locator(".mud-message-box__yes-button").ClickAsync();
            await Expect(a.GetByTestId("review-status")).ToHaveTextAsync("merged");
            await Expect(r.GetByTestId("review-status")).ToHaveTextAsync("merged", new() { Timeout = 1_000 });
            await Expect(v.GetByTestId("review-status")).ToHaveTextAsync("merged", new() { Timeout = 1_000 });
            await Expect(a.GetByTestId("review-impact-row")).Not.ToHaveCountAsync(0);
            await ScreenshotAsync(a, "review-merged");

            // The viewer may look at the workspace but is offered nothing that changes it.
            await viewer.GotoAsync($"/workspaces/{workspace}");
            await Expect(v.GetByTestId("read-only-banner")).ToContainTextAsync("viewer", new() { Timeout = 15_000 });
            await Expect(v.GetByTestId("graph-draw")).ToHaveCountAsync(0);
            await Expect(v.GetByTestId("accept")).ToHaveCountAsync(0);
            await new ExplorerPage(v).OpenYamlAsync();
            await Expect(v.GetByTestId("yaml-read-only")).ToBeVisibleAsync();
            await ScreenshotAsync(v, "workspace-viewer");
            await viewer.GotoAsync("/workspaces");
            var shared = v.Locator("tr", new() { Has = v.Locator($"[data-testid=workspace-link][href='/workspaces/{workspace}']") });
            await Expect(shared.GetByTestId("workspace-role")).ToHaveTextAsync("viewer", new() { Timeout = 15_000 });
            await Expect(shared.GetByTestId("rename")).ToHaveCountAsync(0);
            await Expect(shared.GetByTestId("delete")).ToHaveCountAsync(0);

            // The history keeps the version with the review; the Markdown record carries the decisions.
            await author.GotoAsync($"/workspaces/{workspace}/history");
            await Expect(a.Locator("body")).ToContainTextAsync("Close monitoring to ingress (review by bob)", new() { Timeout = 15_000 });
            await Expect(a.GetByTestId("version-review")).ToHaveAttributeAsync("href", new Uri(r.Url).AbsolutePath);
            var reviewUrl = r.Url;
            var report = await a.Context.APIRequest.GetAsync($"{reviewUrl}/report.md");
            Assert.Equal((int)HttpStatusCode.OK, report.Status);
            var markdown = await report.TextAsync();
            Assert.Contains("Close monitoring to ingress", markdown, StringComparison.Ordinal);
            Assert.Contains("bob", markdown, StringComparison.Ordinal);
            Assert.Contains("is that intended?", markdown, StringComparison.Ordinal);
        }
        catch (Exception failure)
        {
            await ScreenshotAsync(author.Page, "ReviewTests-author-failure");
            await ScreenshotAsync(reviewer.Page, "ReviewTests-reviewer-failure");
            throw new BrowserTestFailedException($"{failure.Message}\nApp output (last lines):\n{_app!.Tail()}", failure);
        }
    }
}
