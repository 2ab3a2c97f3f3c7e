using System.Net;
using System.Text.RegularExpressions;
using PolicyEditor.E2E.Hosting;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// Sign-in and sessions as an attacker tries them, over plain HTTP on an app of each test's own: guessing
/// is throttled per address, a locked account answers as an unknown one does, signing out ends a copied
/// cookie, a form without its token or with a foreign return address is a client error (never a 500), and
/// over HTTPS every cookie is Secure and HSTS is sent.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class SignInDefenceTests : IAsyncLifetime
{
    private const string Password = "a-long-passphrase";
    private IsolatedApp? _app;

    private Uri BaseAddress => _app!.BaseAddress;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StartAsync(int attemptsPerMinute = 10)
    {
        var environment = new Dictionary<string, string> { ["Accounts__AttemptsPerMinute"] = attemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        _app = await IsolatedApp.StartAsync(environment);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A browser of its own: a cookie jar, redirects not followed (the tests look at them).</summary>
    private sealed class Client : IDisposable
    {
        private readonly HttpClient _http;

        public Client(Uri baseAddress, CookieContainer? cookies = null)
        {
            Cookies = cookies ?? new CookieContainer();
            _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        public CookieContainer Cookies { get; }

        public HttpClient Http => _http;

        /// <summary>The antiforgery token of a form page (its cookie goes into the jar).</summary>
        public async Task<string> TokenAsync(string form = "/account/login")
        {
            var html = await _http.GetStringAsync(form);
            return WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        }

        public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
            _http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

        public async Task<HttpResponseMessage> RegisterAsync(string user, string returnUrl = "/") =>
            await PostAsync("/account/register", ("__RequestVerificationToken", await TokenAsync("/account/register")), ("userName", user), ("password", Password), ("confirm", Password), ("returnUrl", returnUrl));

        public void Dispose() => _http.Dispose();
    }

    private static string ErrorOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        var query = location.Contains('?', StringComparison.Ordinal) ? location[(location.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var error = query.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "error");
        return error is null ? string.Empty : Uri.UnescapeDataString(error[1]);
    }

    [Fact]
    public async Task SignInAttempts_AreThrottledPerAddress()
    {
        await StartAsync();
        using var client = new Client(BaseAddress);
        var token = await client.TokenAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.PostAsync("/account/login", ("__RequestVerificationToken", token), ("userName", "admin"), ("password", $"guess-{i}"), ("returnUrl", "/"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Too many attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal("60", Assert.Single(response.Headers.GetValues("Retry-After")));
            }
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Registration shares the address's attempts.
        using var register = await client.PostAsync("/account/register", ("__RequestVerificationToken", token), ("userName", "mallory"), ("password", Password), ("confirm", Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
    }

    [Fact]
    public async Task ALockedAccount_AnswersAsAnUnknownNameDoes()
    {
        await StartAsync(attemptsPerMinute: 1000);
        using (var owner = new Client(BaseAddress))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await owner.RegisterAsync("ada")).StatusCode);
        }

        using var attacker = new Client(BaseAddress);
        var token = await attacker.TokenAsync();
        async Task<string> TryAsync(string user, string password)
        {
            using var response = await attacker.PostAsync("/account/login", ("__RequestVerificationToken", token), ("userName", user), ("password", password));
            return ErrorOf(response);
        }

        for (var i = 0; i < 10; i++)
        {
            await TryAsync("ada", $"wrong-{i}");
        }

        var locked = await TryAsync("ada", Password);
        var unknown = await TryAsync("nobody-by-this-name", Password);

        Assert.NotEmpty(locked);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task SigningOut_EndsACopiedCookie()
    {
        await StartAsync();
        using var ada = new Client(BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await ada.RegisterAsync("ada")).StatusCode);
        var copied = new CookieContainer();
        foreach (Cookie cookie in ada.Cookies.GetCookies(BaseAddress))
        {
            copied.Add(BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }

        using var thief = new Client(BaseAddress, copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.Http.GetAsync("/workspaces")).StatusCode);

        var token = await ada.TokenAsync("/workspaces");
        using var signOut = await ada.PostAsync("/account/logout", ("__RequestVerificationToken", token));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var after = await thief.Http.GetAsync("/workspaces");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", new Uri(BaseAddress, after.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task AFormWithoutItsToken_IsABadRequestPage_ForASignedInUserToo()
    {
        await StartAsync();
        using var ada = new Client(BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await ada.RegisterAsync("ada")).StatusCode);

        using var response = await ada.PostAsync("/account/login", ("userName", "ada"), ("password", Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong", _app!.Tail(200), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task AReturnAddressOutsideTheApp_LeadsToItsStartPage_NotAnError(string returnUrl)
    {
        await StartAsync();
        using var ada = new Client(BaseAddress);

        using var response = await ada.RegisterAsync("ada", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OverHttpsAtAProxy_EveryCookieIsSecure_AndHstsIsSent()
    {
        await StartAsync();
        using var client = new Client(BaseAddress);
        using var plain = await client.Http.GetAsync("/account/login");
        Assert.DoesNotContain(plain.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

        // A TLS-terminating proxy on the same machine (loopback is trusted) says the client used HTTPS.
        using var other = new Client(BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "policyeditor.example";
        using var secure = await other.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.All(secure.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }
}
