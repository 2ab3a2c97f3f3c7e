using PolicyEditor.Web.Explorer;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers the services behind the explorer (the workspace page's graph).</summary>
public static class ExplorerServiceCollectionExtensions
{
    /// <summary>Adds the graph builder (with its per-matrix cache) and the store of dragged node positions.</summary>
    public static IServiceCollection AddExplorer(this IServiceCollection services)
    {
        services.AddSingleton<GraphModelBuilder>();
        services.AddSingleton<IGraphLayoutStore, InMemoryGraphLayoutStore>();
        return services;
    }
}
