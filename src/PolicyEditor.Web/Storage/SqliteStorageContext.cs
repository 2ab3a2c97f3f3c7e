using Microsoft.EntityFrameworkCore;

namespace PolicyEditor.Web.Storage;

/// <summary>The tables in a SQLite file (migrations in <c>Storage/Migrations/Sqlite</c>).</summary>
public sealed class SqliteStorageContext(DbContextOptions<SqliteStorageContext> options) : StorageContext(options);
