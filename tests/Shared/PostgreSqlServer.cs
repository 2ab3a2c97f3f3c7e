using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PolicyEditor.TestSupport;

/// <summary>
/// A real PostgreSQL server for the tests: a new cluster in a temporary folder, started on 127.0.0.1 on a
/// free port (trust authentication, no other listener), stopped and removed afterwards. Needs the
/// server's programs (Debian's <c>postgresql</c>, which test.sh installs); when run as root, the server
/// runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"policyeditor-pg-{Guid.NewGuid():N}");
    private string _bin = string.Empty;
    private int _port;

    /// <summary>The connection string of a new, empty database on the server.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"pe_{Guid.NewGuid():N}";
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need the PostgreSQL server programs (initdb, pg_ctl): install Debian's postgresql package (test.sh does).");
        _port = FreePort();
        Directory.CreateDirectory(_folder);
        Own(_folder);
        var data = Path.Combine(_folder, "data");
        await RunAsync("initdb", $"-D {data} -A trust -U postgres --no-sync -E UTF8");
        await RunAsync("pg_ctl", $"-D {data} -l {Path.Combine(_folder, "server.log")} -w -t 60 -o \"-p {_port} -h 127.0.0.1 -k {_folder} -F\" start");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", $"-D {Path.Combine(_folder, "data")} -w -m immediate stop");
        }
        catch (InvalidOperationException)
        {
            // Not started; nothing to stop.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The connection string of a database on the server (it need not exist yet: the app's migration creates it).</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Database={database};Username=postgres;Pooling=false";

    private static string? FindBin()
    {
        foreach (var dir in Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().ToArray() : [])
        {
            if (File.Exists(Path.Combine(dir, "bin", "pg_ctl")))
            {
                return Path.Combine(dir, "bin");
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void Own(string folder)
    {
        if (IsRoot)
        {
            using var chown = Process.Start("chown", ["postgres:postgres", folder]);
            chown.WaitForExit();
        }
    }

    private async Task RunAsync(string program, string arguments)
    {
        var path = Path.Combine(_bin, program);
        var start = IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {path} {arguments}")
            : new ProcessStartInfo(path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = _folder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
