using System.Diagnostics;
using System.Net.Sockets;

namespace PolicyEditor.TestSupport;

/// <summary>
/// A real Redis server for the tests: Debian's <c>redis-server</c> (which test.sh installs) on 127.0.0.1
/// on a free port, nothing written to disk, stopped afterwards.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The connection string (host:port).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var program = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The scale-out tests need Debian's redis-server (test.sh installs it).");
        var port = PostgreSqlServer.FreePort();
        _process = Process.Start(new ProcessStartInfo(program, $"--port {port} --bind 127.0.0.1 --protected-mode yes --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        ConnectionString = $"127.0.0.1:{port}";
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not start on port {port}.");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }
}
