using System.Net;
using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// Accounts and the server's access checks, on an app of its own (creating an account turns sign-in on
/// for the whole installation): single-user mode until the first account, which becomes the
/// administrator; from then on no page or endpoint without signing in; a user without a role in a
/// workspace neither sees nor exports it.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AccountTests(WebAppFixture fixture) : IAsyncLifetime
{
    private IsolatedApp? _app;

    private WebAppProcess App => _app!.Process;

    public async Task InitializeAsync() => _app = await IsolatedApp.StartAsync();

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    private HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

    private async Task<HttpStatusCode> ExportStatusAsync(IBrowserContext context, string workspace)
    {
        var response = await context.APIRequest.GetAsync($"{App.BaseAddress}workspaces/{workspace}/export/policies.yaml", new() { MaxRedirects = 0 });
        return (HttpStatusCode)response.Status;
    }

    [Fact]
    public async Task FirstAccountBecomesAdministrator_ThenEverythingNeedsSignIn_AndOthersSeeOnlyTheirOwn()
    {
        await using var admin = await BrowserSession.OpenAsync(fixture.Browser, App.BaseAddress);
        try
        {
            // Single-user mode: no sign-in, the local user owns the sample workspace.
            await admin.GotoAsync("/");
            await Expect(admin.Page.GetByTestId("account-create")).ToBeVisibleAsync();
            await Expect(admin.Page.GetByTestId("explorer")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var workspace = await admin.Page.GetByTestId("explorer").GetAttributeAsync("data-workspace");
            using (var anonymous = Anonymous())
            {
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/workspaces/{workspace}/export/policies.yaml")).StatusCode);
            }

            // The first account is the administrator, and owns what was made before.
            await AccountForms.RegisterAsync(admin.Page, "ada", "a-long-passphrase");
            await Expect(admin.Page.GetByTestId("account-name")).ToHaveTextAsync("ada", new() { Timeout = 30_000 });
            await admin.GotoAsync($"/workspaces/{workspace}");
            await Expect(admin.Page.GetByTestId("explorer")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(HttpStatusCode.OK, await ExportStatusAsync(admin.Page.Context, workspace!));

            // Nobody signed in: every page and endpoint sends to the sign-in form.
            using (var anonymous = Anonymous())
            {
                foreach (var path in new[] { "/", "/workspaces", "/tutorials", $"/workspaces/{workspace}", $"/workspaces/{workspace}/export/policies.yaml" })
                {
                    var response = await anonymous.GetAsync(path);
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
                    Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                }

                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/account/login")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
            }

            // A second account has no role in the administrator's workspace: not shown, not exported.
            await using var other = await BrowserSession.OpenAsync(fixture.Browser, App.BaseAddress);
            await AccountForms.RegisterAsync(other.Page, "bob", "another-passphrase");
            await Expect(other.Page.GetByTestId("account-name")).ToHaveTextAsync("bob", new() { Timeout = 30_000 });
            await Expect(other.Page.GetByTestId("explorer")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.NotEqual(workspace, await other.Page.GetByTestId("explorer").GetAttributeAsync("data-workspace"));
            await other.GotoAsync($"/workspaces/{workspace}");
            await Expect(other.Page.GetByTestId("workspace-denied")).ToBeVisibleAsync();
            Assert.Equal(HttpStatusCode.Forbidden, await ExportStatusAsync(other.Page.Context, workspace!));
            await other.GotoAsync("/workspaces");
            await Expect(other.Page.GetByTestId("workspace-link")).ToHaveCountAsync(1);

            // Wrong password: a clear message, the user name kept; then signing out ends the session.
            await using var third = await BrowserSession.OpenAsync(fixture.Browser, App.BaseAddress);
            await third.Page.GotoAsync("/account/login");
            await third.Page.GetByTestId("account-user").FillAsync("ada");
            await third.Page.GetByTestId("account-password").FillAsync("not-the-passphrase");
            await third.Page.GetByTestId("account-submit").ClickAsync();
            await Expect(third.Page.GetByTestId("account-error")).ToContainTextAsync("That user name and password do not match an account");
            await Expect(third.Page.GetByTestId("account-user")).ToHaveValueAsync("ada");
            await admin.Page.GetByTestId("account-logout").ClickAsync();
            await admin.Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Redirect, await ExportStatusAsync(admin.Page.Context, workspace!));
        }
        catch (Exception failure)
        {
            throw new BrowserTestFailedException($"{failure.Message}\nApp output (last lines):\n{_app!.Tail()}", failure);
        }
    }
}
