using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PolicyEditor.Web.Accounts;

namespace PolicyEditor.Web.Extensions;

/// <summary>
/// Sign-in, account creation and sign-out as form posts (the cookie is set on a plain HTTP response, which
/// an interactive page cannot do). Forms carry an antiforgery token; a failure returns to the form with a
/// message and what the user typed (never the password).
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Maps <c>POST /account/login</c>, <c>/account/register</c> and <c>/account/logout</c>.</summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").AllowAnonymous();
        group.MapPost("/login", LoginAsync);
        group.MapPost("/register", RegisterAsync);
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
        UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, SignInManager<IdentityUser> signIn, IdentitySingleUserMode singleUser, ILoggerFactory logs)
    {
        var back = Safe(returnUrl);
        var name = userName?.Trim() ?? string.Empty;
        if (name.Length is < 2 or > 64 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Back("/account/register", "Choose a user name of 2 to 64 characters, without spaces.", userName, back);
        }

        if (password != confirm)
        {
            return Back("/account/register", "The two passwords differ.", userName, back);
        }

        var first = await singleUser.IsActiveAsync();
        var user = new IdentityUser(name);
        var created = await users.CreateAsync(user, password ?? string.Empty);
        if (!created.Succeeded)
        {
            return Back("/account/register", string.Join(" ", created.Errors.Select(e => e.Description)), userName, back);
        }

        // The first account is the administrator: it owns every workspace made before sign-in existed.
        if (first)
        {
            if (!await roles.RoleExistsAsync(AccountRoles.Administrator))
            {
                await roles.CreateAsync(new IdentityRole(AccountRoles.Administrator));
            }

            await users.AddToRoleAsync(user, AccountRoles.Administrator);
        }

        singleUser.AccountCreated();
        logs.CreateLogger("PolicyEditor.Web.Accounts").LogInformation("Account {User} created{Role}", name, first ? " as the administrator" : string.Empty);
        await signIn.SignInAsync(user, isPersistent: true);
        return Results.LocalRedirect(back);
    }

    /// <summary>Only a path of this app is a place to return to.</summary>
    private static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static IResult Back(string form, string message, string? userName, string returnUrl) =>
        Results.LocalRedirect($"{form}?error={Uri.EscapeDataString(message)}&userName={Uri.EscapeDataString(userName ?? string.Empty)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
}
