namespace PolicyEditor.Web.Accounts;

/// <summary>
/// Sign-in through a team's identity provider (section <c>Authentication:OpenIdConnect</c>). Set
/// <see cref="Authority"/> and <see cref="ClientId"/> to turn it on; local accounts keep working beside it.
/// The first person to sign in (either way) becomes the administrator.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public const string SectionName = "Authentication:OpenIdConnect";

    /// <summary>The provider's issuer address, e.g. https://login.example.com/realms/platform.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button.</summary>
    public string DisplayName { get; set; } = "your identity provider";

    /// <summary>The claim used as the user name (the first one present of this and the usual ones).</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
