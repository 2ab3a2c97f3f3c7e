using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Accounts;

/// <summary>
/// The signed-in user as an <see cref="Actor"/>: from the request in an endpoint, from the circuit's
/// authentication state in an interactive component; the local user when nobody is signed in (single-user mode).
/// </summary>
public sealed class ClaimsActor(IHttpContextAccessor http, AuthenticationStateProvider? authentication = null) : ICurrentActor
{
    /// <inheritdoc />
    public async Task<Actor> GetAsync()
    {
        var user = http.HttpContext?.User;
        if (user is null && authentication is not null)
        {
            user = (await authentication.GetAuthenticationStateAsync()).User;
        }

        return From(user);
    }

    /// <summary>The actor a principal stands for.</summary>
    public static Actor From(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new Actor(id, user.Identity.Name ?? id) { IsAdministrator = user.IsInRole(AccountRoles.Administrator) }
            : Actor.Local;
}
