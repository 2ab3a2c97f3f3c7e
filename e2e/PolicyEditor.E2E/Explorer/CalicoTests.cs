using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The Calico sample workspace: the Policies tab lists the tiers in order with each policy's order, a staged
/// policy shows what promoting it would change, and a connection denied by drawing becomes one Calico Deny
/// rule ordered before the allow that admitted it.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class CalicoTests(WebAppFixture app)
{
    private const string FrontendToCart = "w:shop/frontend[Deployment]->w:shop/cart[Deployment]";

    [Fact]
    public Task CalicoSample_ShowsTiersInOrder_StagedImpact_AndADrawnDenyWritesOneCalicoDenyRule() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        await page.SetViewportSizeAsync(1600, 1000);
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("calico");

        // The tiers in the order they run, each policy with its order.
        await explorer.TabAsync("Policies");
        var tiers = page.GetByTestId("tier-list").GetByTestId("tier");
        await Expect(tiers).ToHaveCountAsync(3);
        Assert.Equal(["security", "platform", "applications"], await tiers.EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.tier)"));
        var allowDns = page.Locator("[data-testid=tier-policy][data-policy='GlobalNetworkPolicy platform.allow-dns']");
        await Expect(allowDns.GetByTestId("tier-policy-order")).ToHaveTextAsync("100");
        await explorer.ScreenshotAsync("calico-tiers");

        // The staged default deny: marked, and what promoting it would change one click away.
        var staged = page.Locator("[data-testid=tier-policy][data-staged=true]");
        await Expect(staged.GetByTestId("staged-chip")).ToBeVisibleAsync();
        await staged.GetByTestId("staged-impact").ClickAsync();
        var dialog = page.GetByTestId("staged-dialog");
        await Expect(dialog.GetByTestId("staged-summary")).ToContainTextAsync("connection(s)");
        Assert.True(await dialog.GetByTestId("staged-impact-row").CountAsync() > 0);
        await explorer.ScreenshotAsync("calico-staged-impact");
        await page.GetByTestId("staged-close").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // Deny one connection by drawing: one Calico Deny rule, ordered before the allow.
        await explorer.ClickAsync(FrontendToCart);
        await Expect(page.GetByTestId("graph-deny")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Delete");
        var intent = page.GetByTestId("intent-dialog");
        await Expect(intent.GetByTestId("intent-option").First).ToContainTextAsync("Calico Deny rule");
        await Expect(intent.GetByTestId("intent-option").First).ToContainTextAsync("exactly this, nothing else");
        var yaml = intent.GetByTestId("intent-yaml");
        await Expect(yaml).ToContainTextAsync("projectcalico.org/v3");
        await Expect(yaml).ToContainTextAsync("action: Deny");
        await Expect(yaml).ToContainTextAsync("tier: applications");
        await explorer.ScreenshotAsync("calico-deny-dialog");
        await page.GetByTestId("intent-apply").ClickAsync();

        await explorer.WaitForEdgeClassAsync(FrontendToCart, "blocked");
        await explorer.OpenYamlAsync();
        var text = await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()");
        var written = text[text.IndexOf("name: applications.deny-frontend-to-cart", StringComparison.Ordinal)..].Split("\n---")[0];
        Assert.Equal(1, written.Split("action: Deny").Length - 1);
        var answer = await explorer.AskAsync("shop/frontend", "shop/cart", "8080");
        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("DENIED");
        await Expect(answer.GetByTestId("reason-ingress")).ToContainTextAsync("(tier applications, order 99): Deny");
        await explorer.ScreenshotAsync("calico-denied");
        session.AssertNoProblems();
    });
}
