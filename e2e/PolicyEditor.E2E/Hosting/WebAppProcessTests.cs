using System.Net;

namespace PolicyEditor.E2E.Hosting;

[Collection(WebAppCollection.Name)]
public sealed class WebAppProcessTests(WebAppFixture app)
{
    [Fact]
    public async Task Restart_AnswersAgainOnTheSameAddress()
    {
        var before = app.BaseAddress;

        await app.RestartAppAsync();

        using var http = app.CreateHttpClient();
        using var response = await http.GetAsync("/");
        Assert.Equal(before, app.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
