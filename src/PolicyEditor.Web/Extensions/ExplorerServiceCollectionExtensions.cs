using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers the services behind the explorer (the workspace page's graph).</summary>
public static class ExplorerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the graph builder (with its per-matrix cache), the explorer's session (one per circuit) and,
    /// unless storage registered the database's, an in-memory store of dragged node positions.
    /// </summary>
    public static IServiceCollection AddExplorer(this IServiceCollection services)
    {
        services.AddSingleton<GraphModelBuilder>();
        services.AddScoped<ExplorerSession>();
        services.TryAddSingleton<IGraphLayoutStore, InMemoryGraphLayoutStore>();
        services.TryAddSingleton<Traffic.IObservedTrafficStore, Traffic.InMemoryObservedTrafficStore>();
        services.TryAddSingleton<Traffic.ObservedTrafficService>();
        return services;
    }
}
