using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyEditor.Web.Accounts;
using PolicyEditor.Web.Endpoints;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Extensions;

/// <summary>
/// Registers accounts: ASP.NET Core Identity with local accounts in the app's database (cookie sign-in),
/// single-user mode until the first account exists, and the default rule that every page and endpoint
/// needs a signed-in user from then on.
/// </summary>
public static class AccountServiceCollectionExtensions
{
    /// <summary>Adds Identity, the cookie sign-in, the authorization fallback and the current actor from the signed-in user. Call after <c>AddStorage</c>.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
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
        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        var oidc = configuration.GetSection(OpenIdConnectSettings.SectionName).Get<OpenIdConnectSettings>() ?? new OpenIdConnectSettings();
        services.AddSingleton(oidc);
        if (oidc.IsConfigured)
        {
            // The provider signs the user in to the external cookie; /account/external/callback links that to a local account.
            authentication.AddOpenIdConnect(AccountEndpoints.ExternalScheme, oidc.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = "/account/external/signin-oidc";
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email" })
                {
                    o.Scope.Add(scope);
                }
            });
        }

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = "PolicyEditor.Account";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Every request checks the cookie's security stamp against the account, so signing out (which renews
        // the stamp) ends copied cookies at once; live pages check it every minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Sign-in and antiforgery cookies must read the same on every instance and after a restart.
        services.AddDataProtection().SetApplicationName("PolicyEditor").PersistKeysToDbContext<StorageContext>();

        services.AddSingleton<IdentitySingleUserMode>();
        services.AddScoped<AccountCreation>();
        services.Replace(ServiceDescriptor.Singleton<ISingleUserMode>(sp => sp.GetRequiredService<IdentitySingleUserMode>()));
        var registration = RegistrationPolicy.Read(configuration);
        services.AddSingleton(sp => new RegistrationPolicy(registration, sp.GetRequiredService<ISingleUserMode>(), sp.GetRequiredService<IReviewStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAuthorizationHandler, SignedInUnlessSingleUserHandler>();
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new SignedInUnlessSingleUser()).Build());
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Scoped<ICurrentActor, ClaimsActor>());
        return services;
    }
}
