using System.Net;
using PolicyEditor.E2E.Hosting;

namespace PolicyEditor.E2E.Shell;

[Collection(WebAppCollection.Name)]
public sealed class HttpTests(WebAppFixture app)
{
    [Fact]
    public async Task GetRoot_ReturnsHtmlNamingTheProduct()
    {
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("PolicyEditor", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tutorials")]
    [InlineData("/reviews")]
    [InlineData("/about")]
    public async Task GetPage_Answers(string path)
    {
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetHealthz_ReportsHealthy()
    {
        using var http = app.CreateHttpClient();

        var body = await http.GetStringAsync("/healthz");

        Assert.Equal("Healthy", body);
    }
}
