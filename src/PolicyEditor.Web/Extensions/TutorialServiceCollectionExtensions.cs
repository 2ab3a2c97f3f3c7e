using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyEditor.Web.Tutorials;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers the tutorials: the shipped lessons, the learner's progress, the service between them and workspaces.</summary>
public static class TutorialServiceCollectionExtensions
{
    /// <summary>Adds the lesson catalogue and the tutorial service; progress is kept in memory unless storage registered the database's.</summary>
    public static IServiceCollection AddTutorials(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TutorialOptions>(configuration.GetSection(TutorialOptions.SectionName));
        services.AddSingleton<LessonCatalog>();
        services.TryAddSingleton<ILessonProgressStore, InMemoryLessonProgressStore>();
        services.AddSingleton<TutorialService>();
        return services;
    }
}
