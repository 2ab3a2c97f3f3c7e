using Microsoft.Playwright;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Tutorials;

/// <summary>
/// The tutorials as a learner meets them: the catalogue, the first lesson taken to completion by editing
/// YAML (the checklist turning green step by step), progress still there after leaving and coming back,
/// and a later lesson's solution shown with its impact before it is applied.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class TutorialTests(WebAppFixture app)
{
    private const string DenyDbIngress = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: db-isolated
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: db
          policyTypes:
          - Ingress

        """;

    private static ILocator Checks(IPage page, bool passed) => page.Locator($"[data-testid=lesson-check][data-passed={(passed ? "true" : "false")}]");

    /// <summary>Edits the YAML as if typed and waits until the workspace has taken the edit (its revision moves on).</summary>
    private static async Task EditYamlAsync(IPage page, string find, string replacement)
    {
        var revision = await page.GetByTestId("explorer").GetAttributeAsync("data-revision");
        await new ExplorerPage(page).ReplaceYamlAsync(find, replacement);
        await page.WaitForFunctionAsync("r => document.querySelector('[data-testid=explorer]').dataset.revision !== r", revision, new() { Timeout = 10_000 });
    }

    private static async Task OpenLessonAsync(IPage page, string id)
    {
        await page.Locator($"[data-testid=lesson-card][data-lesson='{id}'] [data-testid=lesson-open]").ClickAsync();
        await Expect(page.GetByTestId("lesson-panel")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await new ExplorerPage(page).WaitForGraphAsync();
    }

    [Fact]
    public Task FirstLesson_TakenWithYamlEdits_TurnsGreenStepByStep_AndKeepsItsProgress() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await session.GotoAsync("/tutorials");
        var cards = page.GetByTestId("lesson-card");
        await Expect(cards.First).ToBeVisibleAsync();
        Assert.True(await cards.CountAsync() >= 14, "the catalogue lists every shipped lesson");
        await explorer.ScreenshotAsync("tutorials-catalogue");

        await OpenLessonAsync(page, "01-everything-is-open");
        var panel = page.GetByTestId("lesson-panel");
        await Expect(panel.GetByTestId("lesson-step-title")).ToHaveTextAsync("Step 1: Look at an open cluster");
        await Expect(Checks(page, passed: false)).ToHaveCountAsync(1);
        await Expect(Checks(page, passed: false)).ToContainTextAsync("* -> shop/db: denied");
        await Expect(Checks(page, passed: false).GetByTestId("lesson-check-why")).ToContainTextAsync("expected all traffic to be denied");
        await Expect(panel.GetByTestId("lesson-next")).ToBeDisabledAsync();
        await explorer.ScreenshotAsync("tutorial-step-1-start");

        // Step 1: a policy typed into the YAML pane isolates the database.
        await explorer.OpenYamlAsync();
        await EditYamlAsync(page, string.Empty, DenyDbIngress);
        await explorer.TabAsync("Lesson");
        await Expect(Checks(page, passed: false)).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(Checks(page, passed: true)).ToHaveCountAsync(5);
        await Expect(panel.GetByTestId("lesson-step-complete")).ToBeVisibleAsync();
        await explorer.ScreenshotAsync("tutorial-step-1-complete");

        // Step 2: the same policy, isolated for egress too.
        await panel.GetByTestId("lesson-next").ClickAsync();
        await Expect(panel.GetByTestId("lesson-step-title")).ToHaveTextAsync("Step 2: Isolation is per direction");
        await Expect(Checks(page, passed: false)).ToHaveCountAsync(2);
        await explorer.OpenYamlAsync();
        var yaml = await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()");
        var at = yaml.IndexOf("  - Ingress\n", yaml.IndexOf("name: db-isolated", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(at > 0, yaml);
        await EditYamlAsync(page, yaml, yaml.Insert(at + "  - Ingress\n".Length, "  - Egress\n"));
        await explorer.TabAsync("Lesson");
        await Expect(Checks(page, passed: false)).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(panel.GetByTestId("lesson-step-complete")).ToContainTextAsync("Lesson complete");
        await Expect(panel.GetByTestId("lesson-step")).ToHaveCountAsync(2);
        await Expect(panel.Locator("[data-testid=lesson-step][data-done=true]")).ToHaveCountAsync(2);
        await explorer.ScreenshotAsync("tutorial-lesson-complete");

        // Leave, come back: the catalogue and the lesson both remember.
        await panel.GetByTestId("lesson-finish").ClickAsync();
        var card = page.Locator("[data-testid=lesson-card][data-lesson='01-everything-is-open']");
        await Expect(card).ToHaveAttributeAsync("data-done", "2");
        await Expect(card.GetByTestId("lesson-progress")).ToHaveTextAsync("done");
        await page.ReloadAsync();
        await Expect(card.GetByTestId("lesson-open")).ToHaveTextAsync("Review");
        await OpenLessonAsync(page, "01-everything-is-open");
        await Expect(page.Locator("[data-testid=lesson-step][data-done=true]")).ToHaveCountAsync(2);
        await Expect(Checks(page, passed: false)).ToHaveCountAsync(0);
        session.AssertNoProblems();
    });

    [Fact]
    public Task LaterLesson_ShowSolution_ShowsItsImpactBeforeApplyingIt() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await session.GotoAsync("/tutorials");
        await OpenLessonAsync(page, "08-default-deny-egress-and-dns");
        var failing = await Checks(page, passed: false).CountAsync();
        Assert.True(failing > 0);
        await Expect(page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();

        await page.GetByTestId("lesson-solution").ClickAsync();
        var dialog = page.GetByTestId("solution-dialog");
        await Expect(dialog.GetByTestId("solution-yaml")).ToContainTextAsync("kind: NetworkPolicy");
        Assert.True(await dialog.GetByTestId("solution-impact-row").CountAsync() > 0, "the solution's impact is listed before it is applied");
        await Expect(page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();
        await explorer.ScreenshotAsync("tutorial-solution-impact");

        await page.GetByTestId("solution-apply").ClickAsync();
        await Expect(Checks(page, passed: false)).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("lesson-step-complete")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("draft-chip")).ToContainTextAsync("connection change");
        session.AssertNoProblems();
    });
}
