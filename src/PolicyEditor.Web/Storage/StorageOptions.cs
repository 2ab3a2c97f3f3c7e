namespace PolicyEditor.Web.Storage;

/// <summary>
/// Where workspaces are kept (configuration section <c>Storage</c>, plus the connection string
/// <c>ConnectionStrings:PolicyEditor</c>). With nothing configured, a SQLite file in
/// <see cref="DataDirectory"/> is created on first run.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>The name of the connection string (under <c>ConnectionStrings</c>) that points at a database.</summary>
    public const string ConnectionStringName = "PolicyEditor";

    /// <summary>
    /// <c>Sqlite</c> or <c>PostgreSQL</c>; empty to decide from the connection string (one with <c>Host=</c>
    /// is PostgreSQL), or SQLite when there is none.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>
    /// The folder of the SQLite file (<c>policyeditor.db</c>) when no connection string names one; a relative
    /// path is resolved against the app's folder. Empty: <c>PolicyEditor</c> under the user's local
    /// application data (<c>~/.local/share/PolicyEditor</c> on Linux), which survives rebuilds and updates.
    /// </summary>
    public string? DataDirectory { get; set; }
}
