using Microsoft.AspNetCore.Authorization;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Accounts;

/// <summary>The app's default rule: a signed-in user, unless the app is still in single-user mode (no account yet).</summary>
public sealed class SignedInUnlessSingleUser : IAuthorizationRequirement;

/// <summary>Grants <see cref="SignedInUnlessSingleUser"/>.</summary>
public sealed class SignedInUnlessSingleUserHandler(ISingleUserMode singleUser) : AuthorizationHandler<SignedInUnlessSingleUser>
{
    /// <inheritdoc />
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInUnlessSingleUser requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true || await singleUser.IsActiveAsync())
        {
            context.Succeed(requirement);
        }
    }
}
