namespace PolicyEditor.Web.Storage;

/// <summary>The databases workspaces can be kept in.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file: the default, no set-up.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by a connection string.</summary>
    PostgreSql,
}
