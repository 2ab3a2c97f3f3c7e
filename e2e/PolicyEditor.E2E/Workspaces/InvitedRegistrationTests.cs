using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// With <c>Accounts:Registration=Invited</c>, after the first account nobody can sign up on their own:
/// only a person who follows a review invitation link is offered the form, and lands in the review.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class InvitedRegistrationTests(WebAppFixture fixture) : IAsyncLifetime
{
    private IsolatedApp? _app;

    public async Task InitializeAsync() => _app = await IsolatedApp.StartAsync(new Dictionary<string, string> { ["Accounts__Registration"] = "Invited" });

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    [Fact]
    public async Task OnlyAnInvitationLink_OpensTheSignUpForm_AndLeadsIntoTheReview()
    {
        await using var owner = await BrowserSession.OpenAsync(fixture.Browser, _app!.BaseAddress);
        await using var newcomer = await BrowserSession.OpenAsync(fixture.Browser, _app.BaseAddress);
        try
        {
            // The first account is always possible (it becomes the administrator).
            var o = owner.Page;
            await AccountForms.RegisterAsync(o, "ada", "ada-passphrase");
            await Expect(o.GetByTestId("account-name")).ToHaveTextAsync("ada", new() { Timeout = 30_000 });

            // From then on, someone arriving on their own is told how accounts are made, and offered no form.
            var n = newcomer.Page;
            await n.GotoAsync("/account/register");
            await Expect(n.GetByTestId("account-closed")).ToContainTextAsync("invitation");
            await Expect(n.GetByTestId("account-user")).ToHaveCountAsync(0);
            await n.GotoAsync("/account/login");
            await Expect(n.GetByTestId("account-invited-only")).ToBeVisibleAsync();

            // The owner opens a review of a draft change and makes an invitation link.
            await o.Locator("[data-interactive='true']").WaitForAsync();
            var explorer = new ExplorerPage(o);
            await explorer.WaitForGraphAsync();
            await explorer.OpenYamlAsync();
            await explorer.ReplaceYamlAsync(string.Empty, DraftEdits.DenyMonitoringIngress);
            await Expect(o.GetByTestId("draft-chip")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await owner.GotoAsync("/reviews");
            await o.Locator(ExplorerPage.Field("review-title")).FillAsync("Close monitoring");
            await o.GetByTestId("review-open").ClickAsync();
            await Expect(o.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await o.GetByTestId("review-invite").ClickAsync();
            var link = await o.Locator(ExplorerPage.Field("review-invite-link")).InputValueAsync();

            // The newcomer follows it: sign-in, then the form, then the review.
            await n.GotoAsync(link);
            await n.GetByTestId("account-register-link").ClickAsync();
            await Expect(n.GetByTestId("account-confirm")).ToBeVisibleAsync();
            await n.GetByTestId("account-user").FillAsync("bob");
            await n.GetByTestId("account-password").FillAsync("bob-passphrase");
            await n.GetByTestId("account-confirm").FillAsync("bob-passphrase");
            await n.GetByTestId("account-submit").ClickAsync();
            await Expect(n.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(n.Locator("[data-testid=review-participant]", new() { HasTextString = "bob" })).ToContainTextAsync("reviewer");
        }
        catch (Exception failure)
        {
            throw new BrowserTestFailedException($"{failure.Message}\nApp output (last lines):\n{_app!.Tail()}", failure);
        }
    }
}
