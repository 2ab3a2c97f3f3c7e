using Microsoft.Playwright;

namespace PolicyEditor.E2E.Browser;

/// <summary>
/// Launches Debian's Chromium (never a browser Playwright downloads): headless, and quiet on the network,
/// so that the only traffic is to the app under test.
/// </summary>
internal static class ChromiumLauncher
{
    /// <summary>Debian's Chromium; <c>POLICYEDITOR_CHROMIUM</c> overrides it.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("POLICYEDITOR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    /// <summary>Starts the browser.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}; ./test.sh installs Debian's chromium package.");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
    }
}
