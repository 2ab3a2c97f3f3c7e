using Microsoft.EntityFrameworkCore;

namespace PolicyEditor.Web.Storage;

/// <summary>The tables in a PostgreSQL database (migrations in <c>Storage/Migrations/PostgreSql</c>).</summary>
public sealed class PostgreSqlStorageContext(DbContextOptions<PostgreSqlStorageContext> options) : StorageContext(options);
