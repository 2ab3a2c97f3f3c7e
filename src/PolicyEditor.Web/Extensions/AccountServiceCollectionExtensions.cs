using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyEditor.Web.Accounts;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Extensions;

/// <summary>
/// Registers accounts: ASP.NET Core Identity with local accounts in the app's database (cookie sign-in),
/// single-user mode until the first account exists, and the default rule that every page and endpoint
/// needs a signed-in user from then on.
/// </summary>
public static class AccountServiceCollectionExtensions
{
    /// <summary>Adds Identity, the cookie sign-in, the authorization fallback and the current actor from the signed-in user. Call after <c>AddStorage</c>.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        // Identity's stores take the provider's context through the shared base type.
        services.TryAddScoped<StorageContext>(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<StorageContext>>().CreateDbContext());
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.User.RequireUniqueEmail = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StorageContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = "PolicyEditor.Account";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        services.AddSingleton<IdentitySingleUserMode>();
        services.Replace(ServiceDescriptor.Singleton<ISingleUserMode>(sp => sp.GetRequiredService<IdentitySingleUserMode>()));
        services.AddSingleton<IAuthorizationHandler, SignedInUnlessSingleUserHandler>();
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new SignedInUnlessSingleUser()).Build());
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Scoped<ICurrentActor, ClaimsActor>());
        return services;
    }
}
