using Microsoft.Playwright;

namespace PolicyEditor.E2E.Browser;

/// <summary>
/// One fresh browser context with one page on the app, recording every console error, uncaught page
/// error and failed request, so a test can assert the app ran cleanly.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Record($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // A navigation that another navigation replaced (the page reloading itself while the test moves on, as after
            // a server restart) is aborted by the browser; that is not the app failing.
            // Blazor's enhanced navigation fetches the next page instead of navigating: a later navigation aborts it the same way.
            if (request.Failure == "net::ERR_ABORTED"
                && (request.IsNavigationRequest || (request.Headers.TryGetValue("accept", out var accept) && accept.Contains("blazor-enhanced-nav", StringComparison.Ordinal))))
            {
                return;
            }

            Record($"request failed: {request.Method} {request.Url} ({request.Failure})");
        };
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors, page errors and failed requests seen so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Opens a new context (no shared cookies or storage) and page on <paramref name="baseAddress"/>.</summary>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    /// <summary>
    /// Goes to <paramref name="path"/> (relative to the app) and waits until the page is interactive:
    /// the layout sets <c>data-interactive="true"</c> once the server circuit is live, so clicks work.
    /// </summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.Locator("[data-interactive='true']").WaitForAsync();
    }

    /// <summary>
    /// Forgets the problems recorded so far: for a test that stops the app on purpose (the page's lost
    /// connection is expected then), before it checks that everything after works cleanly.
    /// </summary>
    public void ForgetProblems()
    {
        lock (_problems)
        {
            _problems.Clear();
        }
    }

    /// <summary>Fails when the browser reported any console error, page error or failed request.</summary>
    public void AssertNoProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, $"The browser reported {problems.Count} problem(s):\n{string.Join('\n', problems)}");
    }

    /// <summary>Saves a full-page screenshot.</summary>
    public Task SaveScreenshotAsync(string path) => Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
