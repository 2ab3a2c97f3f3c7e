using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Accounts;

/// <summary>
/// Single-user mode lasts until the first account exists: until then the app needs no sign-in and the
/// local user owns everything; from then on everyone signs in. Once off it stays off (accounts are never
/// all deleted by the app), so the database is asked only until the answer is "accounts exist".
/// </summary>
public sealed class IdentitySingleUserMode(IServiceScopeFactory scopes) : ISingleUserMode
{
    private volatile bool _accountsExist;

    /// <inheritdoc />
    public async ValueTask<bool> IsActiveAsync(CancellationToken cancellationToken = default)
    {
        if (_accountsExist)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        _accountsExist = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().Users.AnyAsync(cancellationToken);
        return !_accountsExist;
    }

    /// <summary>Called when an account was created.</summary>
    public void AccountCreated() => _accountsExist = true;
}
