using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PolicyEditor.Web.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgreSqlStorageContext</c> build the model without a server.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlStorageContext>
{
    public PostgreSqlStorageContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlStorageContext>().UseNpgsql("Host=localhost;Database=policyeditor").Options);
}
