namespace PolicyEditor.Web.Storage;

/// <summary>
/// The database the app uses, resolved from <see cref="StorageOptions"/> and the connection string:
/// the provider, the connection string to open it with, and a description for logs (without secrets).
/// </summary>
public sealed record StorageLocation(StorageProvider Provider, string ConnectionString, string Description)
{
    /// <summary>The SQLite file's name inside the data directory.</summary>
    public const string SqliteFileName = "policyeditor.db";

    /// <summary>Resolves the database from the options and the connection string (which may be null).</summary>
    /// <exception cref="InvalidOperationException">The configuration names an unknown provider, or PostgreSQL without a connection string.</exception>
    public static StorageLocation Resolve(StorageOptions options, string? connectionString)
    {
        var provider = ParseProvider(options.Provider, connectionString);
        if (provider == StorageProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"Storage:Provider is PostgreSQL, but there is no connection string: set ConnectionStrings:{StorageOptions.ConnectionStringName} (e.g. Host=db;Database=policyeditor;Username=...;Password=...).");
            }

            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return new StorageLocation(provider, connectionString, $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}");
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
            return new StorageLocation(provider, connectionString, $"SQLite file {sqlite.DataSource}");
        }

        var directory = DataDirectoryOf(options);
        var file = Path.Combine(directory, SqliteFileName);
        var built = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = file, Pooling = true };
        return new StorageLocation(provider, built.ConnectionString, $"SQLite file {file}");
    }

    /// <summary>The folder the SQLite file goes in (see <see cref="StorageOptions.DataDirectory"/>).</summary>
    public static string DataDirectoryOf(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return Path.GetFullPath(options.DataDirectory, AppContext.BaseDirectory);
        }

        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local)
            ? Path.Combine(AppContext.BaseDirectory, "data")
            : Path.Combine(local, "PolicyEditor");
    }

    private static StorageProvider ParseProvider(string? name, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return LooksLikePostgreSql(connectionString) ? StorageProvider.PostgreSql : StorageProvider.Sqlite;
        }

        return name.Trim().ToLowerInvariant() switch
        {
            "sqlite" => StorageProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => StorageProvider.PostgreSql,
            _ => throw new InvalidOperationException($"Storage:Provider is '{name}'; use Sqlite or PostgreSQL."),
        };
    }

    private static bool LooksLikePostgreSql(string? connectionString) =>
        connectionString is not null
        && (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase));
}
