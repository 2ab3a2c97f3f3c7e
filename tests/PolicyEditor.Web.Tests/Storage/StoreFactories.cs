using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Storage;

namespace PolicyEditor.Web.Tests.Storage;

/// <summary>Databases for the store tests: a SQLite file or a PostgreSQL database, migrated as the app migrates them.</summary>
public static class StoreFactories
{
    /// <summary>A context factory over a location; each call is a new "app instance" over the same database.</summary>
    public static IDbContextFactory<StorageContext> For(StorageLocation location) => location.Provider == StorageProvider.PostgreSql
        ? new Factory(() => new PostgreSqlStorageContext(new DbContextOptionsBuilder<PostgreSqlStorageContext>().UseNpgsql(location.ConnectionString).Options))
        : new Factory(() => new SqliteStorageContext(new DbContextOptionsBuilder<SqliteStorageContext>().UseSqlite(location.ConnectionString).Options));

    /// <summary>A new SQLite file in a new temporary folder (the folder does not exist yet: migration creates it).</summary>
    public static StorageLocation NewSqliteFile() =>
        StorageLocation.Resolve(new StorageOptions { DataDirectory = Path.Combine(Path.GetTempPath(), $"policyeditor-test-{Guid.NewGuid():N}") }, null);

    /// <summary>Migrates the database and returns a factory for it.</summary>
    public static async Task<IDbContextFactory<StorageContext>> MigratedAsync(StorageLocation location)
    {
        var factory = For(location);
        await StorageMigrator.MigrateAsync(factory, location);
        return factory;
    }

    /// <summary>Migrates a new database only as far as the migration before <paramref name="migration"/> (to test what that one does to data).</summary>
    public static async Task<IDbContextFactory<StorageContext>> MigratedBeforeAsync(StorageLocation location, string migration)
    {
        if (location.Provider == StorageProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(location.ConnectionString).DataSource)!);
        }

        var factory = For(location);
        await using var db = factory.CreateDbContext();
        var all = db.Database.GetMigrations().ToList();
        var index = all.FindIndex(m => m.EndsWith($"_{migration}", StringComparison.Ordinal));
        await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db).MigrateAsync(all[index - 1]);
        return factory;
    }

    private sealed class Factory(Func<StorageContext> create) : IDbContextFactory<StorageContext>
    {
        public StorageContext CreateDbContext() => create();
    }
}
