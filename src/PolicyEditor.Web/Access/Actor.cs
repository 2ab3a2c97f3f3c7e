namespace PolicyEditor.Web.Access;

/// <summary>Who does something in a workspace: a stable id and the name shown to others.</summary>
public sealed record Actor(string Id, string DisplayName)
{
    /// <summary>The anonymous local user of a single-user installation.</summary>
    public static readonly Actor Local = new("local", "You");

    /// <summary>The app itself (imports of bundled samples, migrations).</summary>
    public static readonly Actor System = new("system", "PolicyEditor");

    /// <summary>True for the installation's administrator (the first account): owner of every workspace.</summary>
    public bool IsAdministrator { get; init; }
}
