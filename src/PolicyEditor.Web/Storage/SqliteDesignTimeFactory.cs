using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PolicyEditor.Web.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteStorageContext</c> build the model without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStorageContext>
{
    public SqliteStorageContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStorageContext>().UseSqlite("Data Source=design-time.db").Options);
}
