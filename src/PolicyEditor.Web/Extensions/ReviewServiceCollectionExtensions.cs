using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Extensions;

/// <summary>Registers roles, access checks and review sessions.</summary>
public static class ReviewServiceCollectionExtensions
{
    /// <summary>Adds the review and membership stores, workspace access checks and the review service.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.TryAddSingleton<IReviewStore, InMemoryReviewStore>();
        services.TryAddSingleton<IMembershipStore, InMemoryMembershipStore>();
        services.TryAddSingleton<ISingleUserMode>(new FixedSingleUserMode(true));
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.SectionName);
        services.AddSingleton<WorkspaceAccess>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ReviewPresence>();
        return services;
    }
}
