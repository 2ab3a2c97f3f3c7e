namespace PolicyEditor.E2E.Hosting;

/// <summary>
/// An app process of a test's own (for tests that change the whole installation, such as creating the
/// first account), with its own SQLite folder, removed when the test is done.
/// </summary>
public sealed class IsolatedApp : IAsyncDisposable
{
    private readonly string _data;

    private IsolatedApp(WebAppProcess process, string data) => (Process, _data) = (process, data);

    /// <summary>The running app.</summary>
    public WebAppProcess Process { get; }

    public Uri BaseAddress => Process.BaseAddress;

    /// <summary>Starts the app with a new data folder and the given extra environment.</summary>
    public static async Task<IsolatedApp> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var data = Path.Combine(Path.GetTempPath(), $"policyeditor-isolated-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["Storage__DataDirectory"] = data };
        return new IsolatedApp(await WebAppProcess.StartAsync(settings), data);
    }

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    public string Tail(int lines = 40) => string.Join('\n', Process.Output.Split('\n').TakeLast(lines));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
