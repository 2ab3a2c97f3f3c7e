using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Accounts;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Accounts;

/// <summary>Who may create an account once the first exists: anyone, or only people following a valid invitation link.</summary>
public class RegistrationPolicyTests
{
    private static readonly Actor Owner = new("owner", "Olga");

    private sealed record World(RegistrationPolicy Policy, ReviewService Reviews, FakeTimeProvider Time, ReviewSession Review);

    private static async Task<World> NewWorld(RegistrationMode mode, bool firstAccountMissing = false)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryReviewStore();
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(false));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), time, NullLogger<WorkspaceService>.Instance, access);
        var reviews = new ReviewService(store, workspaces, access, time);
        var ws = await workspaces.CreateAsync("shop", Cluster.Empty, Owner, "imported");
        var review = await reviews.OpenAsync(ws.Id, "A change", Owner);
        return new World(new RegistrationPolicy(mode, new FixedSingleUserMode(firstAccountMissing), store, time), reviews, time, review);
    }

    [Fact]
    public async Task Open_LetsAnyoneCreateAnAccount()
    {
        var world = await NewWorld(RegistrationMode.Open);

        Assert.Null(await world.Policy.RefusalAsync("/"));
        Assert.Null(await world.Policy.RefusalAsync(null));
    }

    [Fact]
    public async Task Invited_LetsOnlySomeoneFollowingAValidInvitationLink()
    {
        var world = await NewWorld(RegistrationMode.Invited);
        var (_, token) = await world.Reviews.InviteAsync(world.Review.Id, WorkspaceRole.Reviewer, TimeSpan.FromDays(1), Owner);

        Assert.Null(await world.Policy.RefusalAsync($"/reviews/join/{token}"));
        Assert.Contains("invitation", await world.Policy.RefusalAsync("/"), StringComparison.Ordinal);
        Assert.NotNull(await world.Policy.RefusalAsync(null));
        Assert.NotNull(await world.Policy.RefusalAsync($"/reviews/join/{token}x"));
        Assert.NotNull(await world.Policy.RefusalAsync($"/elsewhere/reviews/join/{token}"));
    }

    [Fact]
    public async Task Invited_RefusesAnExpiredOrRevokedLink()
    {
        var world = await NewWorld(RegistrationMode.Invited);
        var (_, expiring) = await world.Reviews.InviteAsync(world.Review.Id, WorkspaceRole.Reviewer, TimeSpan.FromHours(1), Owner);
        var (withRevoked, revoked) = await world.Reviews.InviteAsync(world.Review.Id, WorkspaceRole.Viewer, null, Owner);
        await world.Reviews.RevokeInviteAsync(world.Review.Id, withRevoked.Invites[^1].Id, Owner);

        world.Time.Advance(TimeSpan.FromHours(2));

        Assert.NotNull(await world.Policy.RefusalAsync($"/reviews/join/{expiring}"));
        Assert.NotNull(await world.Policy.RefusalAsync($"/reviews/join/{revoked}"));
    }

    [Fact]
    public async Task Invited_StillLetsTheFirstAccountBeCreated()
    {
        var world = await NewWorld(RegistrationMode.Invited, firstAccountMissing: true);

        Assert.Null(await world.Policy.RefusalAsync("/"));
    }

    [Theory]
    [InlineData(null, RegistrationMode.Open)]
    [InlineData("open", RegistrationMode.Open)]
    [InlineData(" Invited ", RegistrationMode.Invited)]
    public void Setting_IsReadWithoutRegardToCase(string? value, RegistrationMode expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [RegistrationPolicy.SettingName] = value }).Build();

        Assert.Equal(expected, RegistrationPolicy.Read(configuration));
    }

    [Fact]
    public void Setting_ThatIsNoMode_StopsTheAppWithTheSettingsName()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [RegistrationPolicy.SettingName] = "closed" }).Build();

        var problem = Assert.Throws<InvalidOperationException>(() => RegistrationPolicy.Read(configuration));
        Assert.Contains("Accounts:Registration is 'closed'", problem.Message, StringComparison.Ordinal);
    }
}
