using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Accounts;

/// <summary>Who may create a local account once the first one exists (setting <c>Accounts:Registration</c>).</summary>
public enum RegistrationMode
{
    /// <summary>Anyone who reaches the app (the default; a new account sees nothing until invited).</summary>
    Open,

    /// <summary>Only a person following a review invitation link that is still valid.</summary>
    Invited,
}

/// <summary>
/// Decides whether an account may be created now: always for the first account (it becomes the
/// administrator); after that, per <see cref="RegistrationMode"/>. With <see cref="RegistrationMode.Invited"/>
/// the sign-up form is open only to someone on their way to <c>/reviews/join/TOKEN</c> with a token that
/// is neither revoked nor expired, and the account endpoint checks the same again.
/// </summary>
public sealed class RegistrationPolicy(RegistrationMode mode, ISingleUserMode singleUser, IReviewStore reviews, TimeProvider time)
{
    /// <summary>The configuration key.</summary>
    public const string SettingName = "Accounts:Registration";

    private const string JoinPath = "/reviews/join/";

    /// <summary>The mode in force.</summary>
    public RegistrationMode Mode => mode;

    /// <summary>Reads the mode from configuration; a value that is not a mode stops the app with a message naming the setting.</summary>
    public static RegistrationMode Read(IConfiguration configuration)
    {
        var text = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(text))
        {
            return RegistrationMode.Open;
        }

        return Enum.TryParse<RegistrationMode>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"{SettingName} is '{text}': use Open (anyone may create an account) or Invited (only people following an invitation link).");
    }

    /// <summary>Null when an account may be created by someone going to <paramref name="returnUrl"/>; else why not, for the person.</summary>
    public async Task<string?> RefusalAsync(string? returnUrl, CancellationToken cancellationToken = default)
    {
        if (mode == RegistrationMode.Open || await singleUser.IsActiveAsync(cancellationToken))
        {
            return null;
        }

        if (TokenOf(returnUrl) is { } token
            && await reviews.FindInviteAsync(ReviewService.Hash(token), cancellationToken) is { } found
            && found.Invite.IsUsable(time.GetUtcNow()))
        {
            return null;
        }

        return "Accounts here are created by invitation only. Open the invitation link a workspace's owner sent you: it leads to this form.";
    }

    /// <summary>The invitation token of a <c>/reviews/join/TOKEN</c> address, or null.</summary>
    private static string? TokenOf(string? returnUrl)
    {
        if (returnUrl is null || !returnUrl.StartsWith(JoinPath, StringComparison.Ordinal))
        {
            return null;
        }

        var token = returnUrl[JoinPath.Length..].Split('?', '#')[0];
        return token.Length > 0 && !token.Contains('/', StringComparison.Ordinal) ? Uri.UnescapeDataString(token) : null;
    }
}
