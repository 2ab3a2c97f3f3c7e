using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PolicyEditor.TestSupport;
using PolicyEditor.Web.Accounts;
using PolicyEditor.Web.Extensions;

namespace PolicyEditor.Web.Tests.Accounts;

/// <summary>
/// The first account is the administrator, and only one account is first: registrations sent at the same
/// moment to a new installation make exactly one administrator, on either database.
/// </summary>
public abstract class AccountCreationContract
{
    /// <summary>The app's services over a new, empty database.</summary>
    protected abstract Task<Dictionary<string, string?>> NewDatabaseAsync();

    private async Task<ServiceProvider> AppAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(await NewDatabaseAsync()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddWorkspace(configuration);
        services.AddStorage(configuration);
        services.AddReviews();
        services.AddAccounts(configuration);
        var provider = services.BuildServiceProvider();
        await provider.MigrateStorageAsync();
        return provider;
    }

    [Fact]
    public async Task FourRegistrationsAtOnce_MakeOneAdministrator()
    {
        await using var app = await AppAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await using var request = app.CreateAsyncScope();
            return await request.ServiceProvider.GetRequiredService<AccountCreation>().CreateAsync($"user-{i}", "a-long-passphrase");
        })));

        Assert.All(created, c => Assert.NotNull(c.User));
        Assert.Single(created, c => c.Administrator);
        await using var scope = app.CreateAsyncScope();
        var administrators = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().GetUsersInRoleAsync(AccountRoles.Administrator);
        Assert.Equal(created.Single(c => c.Administrator).User!.Id, Assert.Single(administrators).Id);
    }

    [Fact]
    public async Task AccountsAfterTheFirst_AreNotAdministrators()
    {
        await using var app = await AppAsync();

        var first = await CreateAsync(app, "ada");
        var second = await CreateAsync(app, "bob");

        Assert.True(first.Administrator);
        Assert.False(second.Administrator);
    }

    private static async Task<AccountCreated> CreateAsync(IServiceProvider app, string name)
    {
        await using var request = app.CreateAsyncScope();
        return await request.ServiceProvider.GetRequiredService<AccountCreation>().CreateAsync(name, "a-long-passphrase");
    }
}

public sealed class SqliteAccountCreationTests : AccountCreationContract
{
    protected override Task<Dictionary<string, string?>> NewDatabaseAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), $"policyeditor-test-{Guid.NewGuid():N}") });
}

public sealed class PostgreSqlAccountCreationTests(PostgreSqlServer server) : AccountCreationContract, IClassFixture<PostgreSqlServer>
{
    protected override async Task<Dictionary<string, string?>> NewDatabaseAsync() =>
        new() { ["ConnectionStrings:PolicyEditor"] = await server.NewDatabaseAsync() };
}
