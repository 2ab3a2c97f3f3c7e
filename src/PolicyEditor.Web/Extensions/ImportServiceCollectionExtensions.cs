using PolicyEditor.Web.Import;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers the import service and its limits (configuration section <c>Import</c>).</summary>
public static class ImportServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ImportService"/>.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.SectionName));
        services.AddSingleton<ImportService>();
        return services;
    }
}
