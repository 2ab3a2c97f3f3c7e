using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers the database workspaces are kept in (see <see cref="StorageOptions"/>).</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Keeps workspaces and graph layouts in the configured database: a SQLite file by default, PostgreSQL
    /// when configured. Call after <see cref="WorkspaceServiceCollectionExtensions.AddWorkspace"/> (this
    /// replaces its in-memory store), and call <see cref="MigrateStorageAsync"/> before the app serves.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var location = StorageLocation.Resolve(options, configuration.GetConnectionString(StorageOptions.ConnectionStringName));
        services.AddSingleton(location);
        if (location.Provider == StorageProvider.PostgreSql)
        {
            services.AddDbContextFactory<PostgreSqlStorageContext>(o => o.UseNpgsql(location.ConnectionString));
            services.AddSingleton<IDbContextFactory<StorageContext>>(sp => new Upcast<PostgreSqlStorageContext>(sp.GetRequiredService<IDbContextFactory<PostgreSqlStorageContext>>()));
        }
        else
        {
            services.AddDbContextFactory<SqliteStorageContext>(o => o.UseSqlite(location.ConnectionString));
            services.AddSingleton<IDbContextFactory<StorageContext>>(sp => new Upcast<SqliteStorageContext>(sp.GetRequiredService<IDbContextFactory<SqliteStorageContext>>()));
        }

        services.Replace(ServiceDescriptor.Singleton<IWorkspaceStore, EfWorkspaceStore>());
        services.Replace(ServiceDescriptor.Singleton<IGraphLayoutStore, EfGraphLayoutStore>());
        services.Replace(ServiceDescriptor.Singleton<Traffic.IObservedTrafficStore, EfObservedTrafficStore>());
        services.Replace(ServiceDescriptor.Singleton<ILessonProgressStore, EfLessonProgressStore>());
        services.Replace(ServiceDescriptor.Singleton<IReviewStore, EfReviewStore>());
        services.Replace(ServiceDescriptor.Singleton<IMembershipStore, EfMembershipStore>());
        return services;
    }

    /// <summary>Creates the database (and the SQLite file's folder) or brings its tables up to date.</summary>
    public static async Task MigrateStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var location = services.GetService<StorageLocation>();
        if (location is null)
        {
            return;
        }

        await StorageMigrator.MigrateAsync(services.GetRequiredService<IDbContextFactory<StorageContext>>(), location, cancellationToken);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyEditor.Web.Storage").LogInformation("Workspaces are kept in the {Database}", location.Description);
    }

    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<StorageContext>
        where T : StorageContext
    {
        public StorageContext CreateDbContext() => inner.CreateDbContext();

        public async Task<StorageContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => await inner.CreateDbContextAsync(cancellationToken);
    }
}
