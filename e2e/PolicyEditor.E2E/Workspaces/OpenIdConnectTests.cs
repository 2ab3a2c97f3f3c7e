using PolicyEditor.E2E.Hosting;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// The OpenID Connect option: configured by settings, it adds "Sign in with ..." beside local accounts.
/// (The provider itself is not contacted: these tests send no traffic beyond loopback.)
/// </summary>
public sealed class OpenIdConnectTests
{
    [Fact]
    public async Task ConfiguredProvider_IsOfferedOnTheSignInPage_AndAbsentOtherwise()
    {
        await using (var app = await IsolatedApp.StartAsync(new Dictionary<string, string>
        {
            ["Authentication__OpenIdConnect__Authority"] = "https://login.example.invalid/realms/platform",
            ["Authentication__OpenIdConnect__ClientId"] = "policyeditor",
            ["Authentication__OpenIdConnect__DisplayName"] = "Corp SSO",
        }))
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            var page = await http.GetStringAsync("/account/login?returnUrl=%2Fworkspaces");
            Assert.Contains("Sign in with Corp SSO", page, StringComparison.Ordinal);
            Assert.Contains("href=\"/account/external?returnUrl=%2Fworkspaces\"", page, StringComparison.Ordinal);
        }

        await using (var plain = await IsolatedApp.StartAsync())
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = plain.BaseAddress };
            Assert.DoesNotContain("Sign in with", await http.GetStringAsync("/account/login"), StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/account/external")).StatusCode);
        }
    }
}
