using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers the services behind the Workspace page.</summary>
public static class WorkspaceServiceCollectionExtensions
{
    /// <summary>Adds the workspace options (section <c>Workspace</c>), the bundled sample's provider, the workspace service with its store, and the shared cache of the engine's analyses.</summary>
    public static IServiceCollection AddWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkspaceOptions>(configuration.GetSection(WorkspaceOptions.SectionName));
        services.AddSingleton<SampleClusterProvider>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IWorkspaceStore, InMemoryWorkspaceStore>();
        services.AddSingleton<WorkspaceService>();
        services.AddSingleton<WorkspaceAnalyzer>();
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<SampleCatalog>();
        services.AddScoped<ICurrentActor, LocalActor>();
        return services;
    }
}
