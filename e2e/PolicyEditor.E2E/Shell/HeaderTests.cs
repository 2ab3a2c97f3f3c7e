using System.Net;
using PolicyEditor.E2E.Hosting;

namespace PolicyEditor.E2E.Shell;

/// <summary>Every response of the app, pages, errors, assets and endpoints alike, carries the security headers.</summary>
[Collection(WebAppCollection.Name)]
public sealed class HeaderTests(WebAppFixture app)
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/tutorials", HttpStatusCode.OK)]
    [InlineData("/about", HttpStatusCode.OK)]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/js/yaml-editor.js", HttpStatusCode.OK)]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_HoldNoInlineScript()
    {
        using var http = app.CreateHttpClient();

        var html = await http.GetStringAsync("/");

        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
    }
}
