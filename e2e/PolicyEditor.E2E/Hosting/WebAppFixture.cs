using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using PolicyEditor.E2E.Browser;

namespace PolicyEditor.E2E.Hosting;

/// <summary>
/// Shared by every browser test (see <see cref="WebAppCollection"/>): one running app and one Chromium.
/// Each test opens its own <see cref="BrowserSession"/> (a fresh context), so tests do not share cookies,
/// storage or circuits.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private WebAppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"policyeditor-e2e-{Guid.NewGuid():N}");

    /// <summary>The running app.</summary>
    public WebAppProcess App => _app ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Where the app answers.</summary>
    public Uri BaseAddress => App.BaseAddress;

    /// <summary>The shared browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>The folder of the app's SQLite database: a new one per test run, removed afterwards.</summary>
    public string DataDirectory => _dataDirectory;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _app = await WebAppProcess.StartAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = _dataDirectory });
        _playwright = await Playwright.CreateAsync();
        _browser = await ChromiumLauncher.LaunchAsync(_playwright);
    }

    /// <summary>An HTTP client for the app.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Opens a fresh browser context and page; dispose it when done.</summary>
    public Task<BrowserSession> OpenSessionAsync() => BrowserSession.OpenAsync(Browser, BaseAddress);

    /// <summary>Restarts the app on the same address (open sessions lose their circuit; open new ones).</summary>
    public Task RestartAppAsync(Func<Task>? whileStopped = null) => App.RestartAsync(whileStopped);

    /// <summary>
    /// Runs a browser test in a fresh session. When it fails, a screenshot of the page goes to
    /// <c>TestResults/screenshots/&lt;TestClass&gt;.&lt;Test&gt;.png</c> and the app's output is added to the failure.
    /// </summary>
    public async Task RunInBrowserAsync(
        Func<BrowserSession, Task> test,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testName = "")
    {
        await using var session = await OpenSessionAsync();
        try
        {
            await test(session);
        }
        catch (Exception failure)
        {
            var screenshot = await TrySaveScreenshotAsync(session, $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}");
            throw new BrowserTestFailedException(
                $"{failure.Message}\nScreenshot: {screenshot}\nBrowser problems:\n{string.Join('\n', session.Problems)}\nApp output (last lines):\n{Tail(App.Output, 40)}",
                failure);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static async Task<string> TrySaveScreenshotAsync(BrowserSession session, string name)
    {
        try
        {
            Directory.CreateDirectory(BuildInfo.ScreenshotDirectory);
            var path = Path.Combine(BuildInfo.ScreenshotDirectory, $"{name}.png");
            await session.SaveScreenshotAsync(path);
            return path;
        }
        catch (PlaywrightException e)
        {
            return $"(none: {e.Message})";
        }
    }

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}
