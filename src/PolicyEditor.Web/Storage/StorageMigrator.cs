using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PolicyEditor.Web.Storage;

/// <summary>Brings a database to the current schema: the migrations of its provider, applied in order.</summary>
public static class StorageMigrator
{
    /// <summary>Creates the SQLite file's folder when needed, applies pending migrations, and for SQLite turns on write-ahead logging (readers never wait for a writer).</summary>
    public static async Task MigrateAsync(IDbContextFactory<StorageContext> contexts, StorageLocation location, CancellationToken cancellationToken = default)
    {
        if (location.Provider == StorageProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(location.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (location.Provider == StorageProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
