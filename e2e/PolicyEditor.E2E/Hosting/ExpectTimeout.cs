using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace PolicyEditor.E2E.Hosting;

/// <summary>
/// How long an expectation waits for the page by default. Playwright's 5 s is tight on CI's two cores, where the
/// browser tests run beside the other test projects and a server round trip under that load can take seconds;
/// a passing expectation returns as soon as it holds, so only a failure waits the whole time.
/// </summary>
internal static class ExpectTimeout
{
    public const float Milliseconds = 15_000;

    [ModuleInitializer]
    internal static void Apply() => Assertions.SetDefaultExpectTimeout(Milliseconds);
}
