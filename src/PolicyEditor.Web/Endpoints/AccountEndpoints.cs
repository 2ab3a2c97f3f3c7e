using Microsoft.AspNetCore.Antiforgery;
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
        // Each form checks its antiforgery token itself, to answer a failure with a page that says what to do.
        group.MapPost("/login", LoginAsync).RequireRateLimiting(SignInThrottle.PolicyName).DisableAntiforgery();
        group.MapPost("/register", RegisterAsync).RequireRateLimiting(SignInThrottle.PolicyName).DisableAntiforgery();
        group.MapGet("/external", (string? returnUrl, OpenIdConnectSettings oidc, SignInManager<IdentityUser> signIn) => oidc.IsConfigured
            ? Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(ExternalScheme, $"/account/external/callback?returnUrl={Uri.EscapeDataString(Safe(returnUrl))}"), [ExternalScheme])
            : Results.NotFound("No identity provider is configured."));
        group.MapGet("/external/callback", ExternalCallbackAsync).RequireRateLimiting(SignInThrottle.PolicyName);
        group.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return FormRefused("/");
            }

            // A new security stamp ends every sign-in of this account, a copied cookie's too, not only this browser's.
            if (await users.GetUserAsync(http.User) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> LoginAsync([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn, ILoggerFactory logs)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return FormRefused("/account/login");
        }

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

        // One answer for a wrong password, an unknown name and a locked account: which names exist is not told.
        return Back("/account/login", "That user name and password do not match an account, or it is locked for a few minutes after too many failed attempts.", userName, back);
    }

    private static async Task<IResult> RegisterAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? confirm, [FromForm] string? returnUrl,
        HttpContext http, IAntiforgery antiforgery, AccountCreation accounts, SignInManager<IdentityUser> signIn, RegistrationPolicy registration, ILoggerFactory logs)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return FormRefused("/account/register");
        }

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

        var (user, administrator, problem) = await accounts.CreateAsync(name, password ?? string.Empty);
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
        AccountCreation accounts, OpenIdConnectSettings oidc, ILoggerFactory logs)
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

        var (user, _, problem) = await accounts.CreateAsync(name, password: null);
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
    /// Only a path of this app is a place to return to (what <c>LocalRedirect</c> accepts: no scheme, no host,
    /// no <c>//</c> or <c>/\</c>, no control characters); anything else returns to the start page.
    /// </summary>
    private static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";

    /// <summary>A form whose antiforgery token failed: a 400 page that says what happened and leads back to the form.</summary>
    private static IResult FormRefused(string form) => Results.Content(
        Security.PlainPage.Html("The form could not be accepted",
            "It may have been open too long, or you signed in or out in another tab, so its security token no longer holds. Open the form again and send it from there.",
            form, "Open the form again"),
        "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static IResult Back(string form, string message, string? userName, string returnUrl) =>
        Results.LocalRedirect($"{form}?error={Uri.EscapeDataString(message)}&userName={Uri.EscapeDataString(userName ?? string.Empty)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
}
