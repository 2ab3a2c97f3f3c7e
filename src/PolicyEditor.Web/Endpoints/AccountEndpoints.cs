using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PolicyEditor.Web.Accounts;

namespace PolicyEditor.Web.Endpoints;

/// <summary>
/// Sign-in, account creation and sign-out as form posts (the cookie is set on a plain HTTP response, which
/// an interactive page cannot do). Forms carry an antiforgery token; a failure returns to the form with a
/// message and what the user typed (never the password).
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The authentication scheme of the OpenID Connect provider, when one is configured.</summary>
    public const string ExternalScheme = "oidc";

    /// <summary>Maps <c>POST /account/login</c>, <c>/account/register</c> and <c>/account/logout</c>.</summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").AllowAnonymous();
        group.MapPost("/login", LoginAsync);
        group.MapPost("/register", RegisterAsync);
        group.MapGet("/external", (string? returnUrl, OpenIdConnectSettings oidc, SignInManager<IdentityUser> signIn) => oidc.IsConfigured
            ? Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(ExternalScheme, $"/account/external/callback?returnUrl={Uri.EscapeDataString(Safe(returnUrl))}"), [ExternalScheme])
            : Results.NotFound("No identity provider is configured."));
        group.MapGet("/external/callback", ExternalCallbackAsync);
        group.MapPost("/logout", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        return app;
    }

    private static async Task<IResult> LoginAsync([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, SignInManager<IdentityUser> signIn, ILoggerFactory logs)
    {
        var back = Safe(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Back("/account/login", "Enter your user name and password.", userName, back);
        }

        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logs.CreateLogger("PolicyEditor.Web.Accounts").LogInformation("{User} signed in", userName.Trim());
            return Results.LocalRedirect(back);
        }

        return Back("/account/login", result.IsLockedOut ? "Too many failed attempts: this account is locked for a few minutes." : "That user name and password do not match an account.", userName, back);
    }

    private static async Task<IResult> RegisterAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? confirm, [FromForm] string? returnUrl,
        UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, SignInManager<IdentityUser> signIn, IdentitySingleUserMode singleUser, RegistrationPolicy registration, ILoggerFactory logs)
    {
        var back = Safe(returnUrl);
        if (await registration.RefusalAsync(back) is { } refusal)
        {
            return Back("/account/register", refusal, userName, back);
        }

        var name = userName?.Trim() ?? string.Empty;
        if (name.Length is < 2 or > 64 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Back("/account/register", "Choose a user name of 2 to 64 characters, without spaces.", userName, back);
        }

        if (password != confirm)
        {
            return Back("/account/register", "The two passwords differ.", userName, back);
        }

        var (user, administrator, problem) = await CreateAccountAsync(users, roles, singleUser, name, password ?? string.Empty);
        if (user is null)
        {
            return Back("/account/register", problem!, userName, back);
        }

        logs.CreateLogger("PolicyEditor.Web.Accounts").LogInformation("Account {User} created{Role}", name, administrator ? " as the administrator" : string.Empty);
        await signIn.SignInAsync(user, isPersistent: true);
        return Results.LocalRedirect(back);
    }

    /// <summary>
    /// Back from the identity provider: signs in the local account linked to the provider's user, creating
    /// and linking one the first time (named from the provider's user name claim; the first account is the administrator).
    /// </summary>
    private static async Task<IResult> ExternalCallbackAsync(string? returnUrl, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users,
        RoleManager<IdentityRole> roles, IdentitySingleUserMode singleUser, OpenIdConnectSettings oidc, ILoggerFactory logs)
    {
        var back = Safe(returnUrl);
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Back("/account/login", $"Signing in with {oidc.DisplayName} did not complete; try again.", null, back);
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: true, bypassTwoFactor: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(back);
        }

        var name = new[] { oidc.UserNameClaim, "preferred_username", System.Security.Claims.ClaimTypes.Email, "email", System.Security.Claims.ClaimTypes.Name, "name" }
            .Select(c => info.Principal.FindFirst(c)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (name is null)
        {
            return Back("/account/login", $"{oidc.DisplayName} did not tell who you are (no user name or e-mail claim).", null, back);
        }

        // A provider's user never takes over a local account that happens to have the same name.
        if (await users.FindByNameAsync(name) is not null)
        {
            return Back("/account/login", $"A local account named {name} exists already and is not linked to {oidc.DisplayName}: sign in with its password.", name, back);
        }

        var (user, _, problem) = await CreateAccountAsync(users, roles, singleUser, name, password: null);
        if (user is null)
        {
            return Back("/account/login", problem!, null, back);
        }

        await users.AddLoginAsync(user, info);
        await signIn.SignInAsync(user, isPersistent: true);
        logs.CreateLogger("PolicyEditor.Web.Accounts").LogInformation("{User} signed in with {Provider}", name, info.LoginProvider);
        return Results.LocalRedirect(back);
    }

    /// <summary>
    /// Creates a local account, with a password or (for an identity provider's user) without one. The first
    /// account is the administrator: it owns every workspace, those made before sign-in existed too.
    /// </summary>
    private static async Task<(IdentityUser? User, bool Administrator, string? Problem)> CreateAccountAsync(
        UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, IdentitySingleUserMode singleUser, string name, string? password)
    {
        var first = await singleUser.IsActiveAsync();
        var user = new IdentityUser(name);
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        if (first)
        {
            if (!await roles.RoleExistsAsync(AccountRoles.Administrator))
            {
                await roles.CreateAsync(new IdentityRole(AccountRoles.Administrator));
            }

            await users.AddToRoleAsync(user, AccountRoles.Administrator);
        }

        singleUser.AccountCreated();
        return (user, first, null);
    }

    /// <summary>Only a path of this app is a place to return to.</summary>
    private static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static IResult Back(string form, string message, string? userName, string returnUrl) =>
        Results.LocalRedirect($"{form}?error={Uri.EscapeDataString(message)}&userName={Uri.EscapeDataString(userName ?? string.Empty)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
}
