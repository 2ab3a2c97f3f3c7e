using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PolicyEditor.E2E.Hosting;

/// <summary>
/// The real PolicyEditor.Web, run from its build output as a child process on 127.0.0.1. It can be
/// stopped and started again on the same address (tests of what survives a restart need that).
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dllPath;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private WebAppProcess(string dllPath, int port, IReadOnlyDictionary<string, string> environment)
    {
        _dllPath = dllPath;
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Where the app answers, e.g. <c>http://127.0.0.1:41234/</c> (stays the same across restarts).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The app's resident memory now and at its peak since the peak was last reset, in bytes (Linux: /proc/PID/status).</summary>
    public (long Resident, long Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{Running.Id}/status");
        long Kilobytes(string field) => long.Parse(status.First(l => l.StartsWith(field, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return (Kilobytes("VmRSS"), Kilobytes("VmHWM"));
    }

    /// <summary>Makes the peak of <see cref="Memory"/> start again from the memory in use now (Linux: /proc/PID/clear_refs).</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{Running.Id}/clear_refs", "5");

    private Process Running => _process ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>Starts the app on a free port and waits until it answers.</summary>
    /// <param name="environment">Extra environment variables for the app, e.g. configuration overrides.</param>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = BuildInfo.WebAppPath;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"PolicyEditor.Web is not built: {dll} does not exist. Build the solution first.");
        }

        var app = new WebAppProcess(dll, FreePort(), environment ?? new Dictionary<string, string>());
        await app.StartAsync();
        return app;
    }

    /// <summary>Stops the app and starts it again on the same address, doing <paramref name="whileStopped"/> in between.</summary>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        await StopAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        await StartAsync();
    }

    /// <summary>Stops the app (and anything it started); does nothing when it is not running.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartAsync()
    {
        var start = new ProcessStartInfo(DotnetHost(), [_dllPath, "--urls", BaseAddress.GetLeftPart(UriPartial.Authority)])
        {
            WorkingDirectory = Path.GetDirectoryName(_dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Append($"--- starting {start.FileName} {string.Join(' ', start.ArgumentList)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await WaitUntilAnsweringAsync(process);
    }

    private async Task WaitUntilAnsweringAsync(Process process)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        string? lastProblem = null;
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"PolicyEditor.Web exited with code {process.ExitCode} before answering.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"GET / answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException)
            {
                lastProblem = "GET / timed out";
            }

            await Task.Delay(250);
        }

        await StopAsync();
        throw new TimeoutException($"PolicyEditor.Web did not answer on {BaseAddress} within {StartTimeout.TotalSeconds:F0} s (last: {lastProblem}).\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    // The dotnet CLI tells the processes it starts (the test host among them) where it is.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
