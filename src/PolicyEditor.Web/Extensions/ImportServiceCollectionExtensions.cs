using PolicyEditor.Web.Import;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers the import service, its limits and the cluster to import from (configuration section <c>Import</c>).</summary>
public static class ImportServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ImportService"/> and <see cref="ClusterImport"/>.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.SectionName));
        services.AddSingleton<ImportService>();
        services.AddSingleton<ClusterImport>();
        return services;
    }
}
