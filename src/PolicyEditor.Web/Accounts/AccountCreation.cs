using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Storage;

namespace PolicyEditor.Web.Accounts;

/// <summary>What creating an account gave: the user, whether they became the administrator, or why it failed.</summary>
public sealed record AccountCreated(IdentityUser? User, bool Administrator, string? Problem);

/// <summary>
/// Creates local accounts, with a password or (for an identity provider's user) without one. The first
/// account is the administrator: it owns every workspace, those made before sign-in existed too. Which
/// account is first is decided by the database, atomically, whatever the number of requests or app
/// instances racing: the administrator role is created once, by the account that creates it.
/// </summary>
public sealed class AccountCreation(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, StorageContext db, IdentitySingleUserMode singleUser)
{
    /// <summary>Creates the account <paramref name="name"/>.</summary>
    public async Task<AccountCreated> CreateAsync(string name, string? password)
    {
        var mayBeFirst = await singleUser.IsActiveAsync();
        var user = new IdentityUser(name);
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AccountCreated(null, false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var administrator = mayBeFirst && await ClaimAdministratorAsync();
        if (administrator)
        {
            await users.AddToRoleAsync(user, AccountRoles.Administrator);
        }

        singleUser.AccountCreated();
        return new AccountCreated(user, administrator, null);
    }

    /// <summary>
    /// Creates the administrator role; true for the one caller that did. The role's name is unique in the
    /// database, so of several accounts created at once while none existed, exactly one gets it.
    /// </summary>
    private async Task<bool> ClaimAdministratorAsync()
    {
        var role = new IdentityRole(AccountRoles.Administrator);
        try
        {
            return (await roles.CreateAsync(role)).Succeeded;
        }
        catch (DbUpdateException)
        {
            // Another account claimed it first; forget the refused row so this request's later saves do not retry it.
            db.Entry(role).State = EntityState.Detached;
            return false;
        }
    }
}
