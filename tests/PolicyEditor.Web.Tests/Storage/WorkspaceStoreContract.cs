using PolicyEditor.TestSupport;
using PolicyEditor.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Storage;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Storage;

/// <summary>
/// What the database store promises, run against each real database: a workspace, its draft, its undo
/// history and its versions come back exactly after a restart (a new service over the same database).
/// </summary>
public abstract class WorkspaceStoreContract
{
    private static readonly Actor Alice = new("alice", "Alice");

    /// <summary>A new, empty database of the provider under test.</summary>
    protected abstract Task<StorageLocation> NewDatabaseAsync();

    private static NetworkPolicy Deny(string ns, string name) =>
        new(ns, name, LabelSelector.Everything, PolicyTypes.Ingress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);

    private static WorkspaceService ServiceOver(IDbContextFactory<StorageContext> factory) =>
        new(new EfWorkspaceStore(factory), TimeProvider.System, NullLogger<WorkspaceService>.Instance);

    /// <summary>A new "app instance": a new context factory, store and service over the same database.</summary>
    private async Task<(StorageLocation Location, WorkspaceService Service)> StartAsync()
    {
        var location = await NewDatabaseAsync();
        return (location, ServiceOver(await StoreFactories.MigratedAsync(location)));
    }

    private static WorkspaceService Restart(StorageLocation location) => ServiceOver(StoreFactories.For(location));

    [Fact]
    public async Task Draft_UndoHistory_AndName_SurviveARestart()
    {
        var (location, service) = await StartAsync();
        var shop = SampleFiles.LoadShop().Result.Cluster;
        var ws = await service.CreateAsync("shop", shop, Alice, "imported");
        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("shop", "extra-deny"))], "add extra-deny"), Alice);
        var edited = await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Delete(shop.NetworkPolicies[0])], "delete the first policy"), Alice);
        await service.ExecuteAsync(ws.Id, new RenameWorkspace("shop, hardened"), Alice);
        var before = (await service.ExecuteAsync(ws.Id, new UndoEdit(), Alice)).State;

        var after = await Restart(location).GetAsync(ws.Id);

        Assert.NotNull(after);
        Assert.Equal("shop, hardened", after.Name);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.Baseline.Cluster, after.Baseline.Cluster);
        Assert.Equal(before.Draft, after.Draft);
        Assert.Equal(before.Draft.NetworkPolicies.Select(p => p.Id), after.Draft.NetworkPolicies.Select(p => p.Id));
        Assert.Equal(before.Edits.Select(e => (e.Revision, e.Author, e.Description)), after.Edits.Select(e => (e.Revision, e.Author, e.Description)));
        Assert.Equal(1, after.UndoDepth);

        // Redo after the restart brings back exactly the draft before the undo.
        var restarted = Restart(location);
        var redone = await restarted.ExecuteAsync(ws.Id, new RedoEdit(), Alice);
        Assert.Equal(edited.State.Draft, redone.State.Draft);
        Assert.Equal(redone.State.Draft, (await Restart(location).GetAsync(ws.Id))!.Draft);
    }

    [Fact]
    public async Task AcceptedVersions_FormAHistoryWithAuthorAndMessage_AndAnOldOneCanBeRestored()
    {
        var (location, service) = await StartAsync();
        var shop = SampleFiles.LoadShop().Result.Cluster;
        var ws = await service.CreateAsync("shop", shop, Alice, "imported");
        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("payments", "lockdown"))], "lock down payments"), Alice);
        await service.ExecuteAsync(ws.Id, new AcceptDraft("Lock down payments"), Alice);

        var restarted = Restart(location);
        var versions = await restarted.VersionsAsync(ws.Id);

        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(["imported", "Lock down payments"], versions.Select(v => v.Message));
        Assert.All(versions, v => Assert.Equal("Alice", v.Author));
        Assert.Equal(shop, versions[0].Cluster);
        Assert.Contains(versions[1].Cluster.NetworkPolicies, p => p.Id == "payments/lockdown");
        var state = (await restarted.GetAsync(ws.Id))!;
        Assert.Equal(2, state.Baseline.Number);
        Assert.False(state.HasDraftChanges);

        var restored = await restarted.ExecuteAsync(ws.Id, new RestoreVersion(1), Alice);
        Assert.Equal(shop, restored.State.Draft);
        Assert.Equal(shop, (await Restart(location).GetAsync(ws.Id))!.Draft);
    }

    [Fact]
    public async Task ReplacingTheWholeDraft_SurvivesARestart_AndCanBeUndoneAfterIt()
    {
        var (location, service) = await StartAsync();
        var shop = SampleFiles.LoadShop().Result.Cluster;
        var ws = await service.CreateAsync("shop", shop, Alice, "imported");
        var replacement = shop with { NetworkPolicies = ValueArray.Create(Deny("shop", "only-this")) };
        await service.ExecuteAsync(ws.Id, new ReplaceDraft(replacement, "import"), Alice);

        var restarted = Restart(location);
        Assert.Equal(replacement, (await restarted.GetAsync(ws.Id))!.Draft);
        var undone = await restarted.ExecuteAsync(ws.Id, new UndoEdit(), Alice);
        Assert.Equal(shop, undone.State.Draft);
        Assert.Equal(shop, (await Restart(location).GetAsync(ws.Id))!.Draft);
    }

    [Fact]
    public async Task Workspaces_AreListedNewestFirst_Duplicated_AndDeletedWithTheirHistory()
    {
        var (location, service) = await StartAsync();
        var shop = SampleFiles.LoadShop().Result.Cluster;
        var first = await service.CreateAsync("first", shop, Alice, "imported");
        await service.ExecuteAsync(first.Id, new EditPolicies([PolicyChange.Upsert(Deny("shop", "x"))], "x"), Alice);
        var copy = await service.DuplicateAsync(first.Id, "copy of first", Alice);
        Assert.NotNull(copy);

        var listed = await Restart(location).ListAsync();
        Assert.Equal(["copy of first", "first"], listed.Select(s => s.Name));
        Assert.Equal((8, 10, true), (listed[1].Workloads, listed[1].Policies, listed[1].HasDraftChanges));
        Assert.Equal((8, 10, false), (listed[0].Workloads, listed[0].Policies, listed[0].HasDraftChanges));

        await service.DeleteAsync(first.Id, Alice);
        var restarted = Restart(location);
        Assert.Equal(["copy of first"], (await restarted.ListAsync()).Select(s => s.Name));
        Assert.Null(await restarted.GetAsync(first.Id));
        Assert.Empty(await restarted.VersionsAsync(first.Id));
        Assert.Equal(copy.Draft, (await restarted.GetAsync(copy.Id))!.Draft);
    }

    [Fact]
    public async Task TwoInstancesEditingFromTheSameRevision_AreAppliedInOneOrder_AndAConflictingEditIsRefused()
    {
        var (location, first) = await StartAsync();
        var ws = await first.CreateAsync("shop", SampleFiles.LoadShop().Result.Cluster, Alice, "imported");
        var second = Restart(location);
        await second.GetAsync(ws.Id);

        await first.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("shop", "from-first"))], "first") { BaseRevision = 1 }, Alice);

        // The second instance's copy is stale: its save loses the race, and the edit is applied again to
        // what the first saved (it touches another policy, so both stand).
        var other = await second.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("shop", "from-second"))], "second") { BaseRevision = 1 }, Alice);
        Assert.True(other.Applied, other.Message);
        Assert.Equal(3, other.State.Revision);

        // An edit of the policy the first instance changed, based on the revision before that change: refused, not merged.
        var conflicting = await second.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("shop", "from-first") with { DeclaredPolicyTypes = PolicyTypes.Both })], "late") { BaseRevision = 1 }, Alice);
        Assert.False(conflicting.Applied);
        Assert.Contains("from-first", conflicting.Message, StringComparison.Ordinal);

        var stored = (await Restart(location).GetAsync(ws.Id))!;
        Assert.Equal(3, stored.Revision);
        Assert.Contains(stored.Draft.NetworkPolicies, p => p.Name == "from-first" && p.DeclaredPolicyTypes == PolicyTypes.Ingress);
        Assert.Contains(stored.Draft.NetworkPolicies, p => p.Name == "from-second");
    }

    [Fact]
    public async Task AGeneratedMedCluster_ComesBackExactly()
    {
        var (location, service) = await StartAsync();
        var med = ClusterGenerator.Generate(GeneratorProfile.Med);
        var ws = await service.CreateAsync("med", med, Alice, "generated");

        var state = (await Restart(location).GetAsync(ws.Id))!;

        Assert.Equal(med.Workloads, state.Draft.Workloads);
        Assert.Equal(med.Namespaces, state.Draft.Namespaces);
        Assert.Equal(med.NetworkPolicies, state.Draft.NetworkPolicies);
        Assert.Equal(med, state.Draft);
    }

    [Fact]
    public async Task GraphPositions_AreKeptWithTheWorkspace_AndGoWithIt()
    {
        var (location, service) = await StartAsync();
        var ws = await service.CreateAsync("shop", SampleFiles.LoadShop().Result.Cluster, Alice, "imported");
        var layouts = new EfGraphLayoutStore(StoreFactories.For(location));
        await layouts.SaveAsync(ws.Id, new Dictionary<string, GraphPoint> { ["w:shop/db[StatefulSet]"] = new(10, 20), ["ns:shop"] = new(1, 2) });
        await layouts.SaveAsync(ws.Id, new Dictionary<string, GraphPoint> { ["w:shop/db[StatefulSet]"] = new(30, 40) });

        var kept = await new EfGraphLayoutStore(StoreFactories.For(location)).LoadAsync(ws.Id);
        Assert.Equal(new GraphPoint(30, 40), kept["w:shop/db[StatefulSet]"]);
        Assert.Equal(new GraphPoint(1, 2), kept["ns:shop"]);

        await service.DeleteAsync(ws.Id, Alice);
        Assert.Empty(await layouts.LoadAsync(ws.Id));
    }

    [Fact]
    public async Task LessonProgress_IsEachLearnersOwn_AndSurvivesARestart()
    {
        var (location, service) = await StartAsync();
        var adas = await service.CreateAsync("Tutorial: ada", Cluster.Empty, Alice, "lesson");
        var bobs = await service.CreateAsync("Tutorial: bob", Cluster.Empty, Alice, "lesson");
        var store = new EfLessonProgressStore(StoreFactories.For(location));
        await store.SaveAsync(new LessonProgress("ada", "01-open", adas.Id, 0, 0, DateTimeOffset.UnixEpoch));
        await store.SaveAsync(new LessonProgress("bob", "01-open", bobs.Id, 1, 1, DateTimeOffset.UnixEpoch));
        await store.SaveAsync(new LessonProgress("ada", "01-open", adas.Id, 1, 1, DateTimeOffset.UnixEpoch.AddHours(1)));

        var restarted = new EfLessonProgressStore(StoreFactories.For(location));
        Assert.Equal(new LessonProgress("ada", "01-open", adas.Id, 1, 1, DateTimeOffset.UnixEpoch.AddHours(1)), await restarted.GetAsync("ada", "01-open"));
        Assert.Equal(bobs.Id, (await restarted.GetAsync("bob", "01-open"))?.WorkspaceId);
        Assert.Equal(["01-open"], (await restarted.ListAsync("ada")).Keys);
        Assert.Empty(await restarted.ListAsync("cy"));

        await restarted.DeleteAsync("ada", "01-open");
        Assert.Null(await store.GetAsync("ada", "01-open"));
        Assert.NotNull(await store.GetAsync("bob", "01-open"));
    }

    [Fact]
    public async Task AReview_ItsSuggestionsAndMemberships_SurviveARestart_AndAStaleSaveIsRefused()
    {
        var (location, service) = await StartAsync();
        var ws = await service.CreateAsync("shop", SampleFiles.LoadShop().Result.Cluster, Alice, "imported");
        var store = new EfReviewStore(StoreFactories.For(location));
        var members = new EfMembershipStore(StoreFactories.For(location));
        var change = PolicyChange.Upsert(Deny("shop", "deny-all"));
        var review = new ReviewSession(Guid.NewGuid(), ws.Id, "Lock the shop", Alice.Id, Alice.DisplayName, DateTimeOffset.UnixEpoch, ReviewStatus.Open, 1, 1, 0,
            [new ReviewParticipant(Alice.Id, Alice.DisplayName, WorkspaceRole.Owner, "#e6194b")],
            [new ReviewComment(Guid.NewGuid(), null, ReviewAnchor.Change("shop/a[Pod]", "shop/b[Pod]"), "bob", "Bob", "Why?", DateTimeOffset.UnixEpoch)],
            [new ReviewSuggestion(Guid.NewGuid(), "bob", "Bob", "Deny all", [change], 3, DateTimeOffset.UnixEpoch)],
            [new ReviewDecision("bob", "Bob", DecisionKind.Approve, 3, DateTimeOffset.UnixEpoch, "fine")],
            [new ReviewInvite(Guid.NewGuid(), "ABCDEF", WorkspaceRole.Reviewer, DateTimeOffset.UnixEpoch, "Alice", null, null)]);
        await store.SaveAsync(null, review);
        await members.SetRoleAsync(ws.Id, "bob", WorkspaceRole.Reviewer);

        var restarted = new EfReviewStore(StoreFactories.For(location));
        var restartedMembers = new EfMembershipStore(StoreFactories.For(location));
        var loaded = await restarted.LoadAsync(review.Id);
        Assert.NotNull(loaded);
        Assert.Equal(ReviewJson.Write(review), ReviewJson.Write(loaded));
        Assert.Equal(change, Assert.Single(Assert.Single(loaded.Suggestions).Changes));
        Assert.Equal(review.Id, (await restarted.FindInviteAsync("ABCDEF"))?.Review.Id);
        Assert.Null(await restarted.FindInviteAsync("XYZ"));
        Assert.Equal(WorkspaceRole.Reviewer, await restartedMembers.RoleAsync(ws.Id, "bob"));
        Assert.Single(await restarted.ListAsync(ws.Id));

        // Two instances change the same review from the same state: the second is refused.
        var invited = loaded with { Title = "Lock the shop, first", Invites = [.. loaded.Invites, new ReviewInvite(Guid.NewGuid(), "GHIJK", WorkspaceRole.Viewer, DateTimeOffset.UnixEpoch, "Alice", null, null)] };
        await restarted.SaveAsync(loaded, invited);
        Assert.Equal(review.Id, (await store.FindInviteAsync("GHIJK"))?.Review.Id);
        await Assert.ThrowsAsync<ReviewConflictException>(() => store.SaveAsync(review, review with { Title = "Lock the shop, second" }));
        Assert.Equal("Lock the shop, first", (await store.LoadAsync(review.Id))!.Title);

        await service.DeleteAsync(ws.Id, Alice);
        Assert.Null(await store.LoadAsync(review.Id));
        Assert.Equal(WorkspaceRole.None, await members.RoleAsync(ws.Id, "bob"));
    }

    private static ReviewSession Review(Guid workspace) => new(Guid.NewGuid(), workspace, "Lock the shop", Alice.Id, Alice.DisplayName, DateTimeOffset.UnixEpoch, ReviewStatus.Open, 1, 1, 0,
        [new ReviewParticipant(Alice.Id, Alice.DisplayName, WorkspaceRole.Owner, "#e6194b")],
        [
            new ReviewComment(Guid.NewGuid(), null, ReviewAnchor.Change("shop/a[Pod]", "shop/b[Pod]"), "bob", "Bob", "Why? <b>+</b> ünïcode", DateTimeOffset.UnixEpoch),
            new ReviewComment(Guid.NewGuid(), null, ReviewAnchor.Review, "bob", "Bob", "And this?", DateTimeOffset.UnixEpoch.AddMinutes(1)),
        ],
        [new ReviewSuggestion(Guid.NewGuid(), "bob", "Bob", "Deny all", [PolicyChange.Upsert(Deny("shop", "deny-all"))], 3, DateTimeOffset.UnixEpoch)],
        [],
        []);

    [Fact]
    public async Task AddingACommentOrSuggestion_WritesItAlone_LeavingTheReviewRowAsItWas()
    {
        var (location, service) = await StartAsync();
        var ws = await service.CreateAsync("shop", SampleFiles.LoadShop().Result.Cluster, Alice, "imported");
        var store = new EfReviewStore(StoreFactories.For(location));
        var review = Review(ws.Id);
        await store.SaveAsync(null, review);
        async Task<string> RowAsync()
        {
            await using var db = StoreFactories.For(location).CreateDbContext();
            return (await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == review.Id)).Json;
        }

        var row = await RowAsync();
        var commented = review with { Comments = [.. review.Comments, new ReviewComment(Guid.NewGuid(), review.Comments[0].Id, ReviewAnchor.Review, "alice", "Alice", "Because.", DateTimeOffset.UnixEpoch.AddMinutes(2))] };
        await store.SaveAsync(review, commented);
        var resolved = commented with { Comments = [.. commented.Comments.Select((c, i) => i == 0 ? c with { Resolved = true, ResolvedBy = "Alice" } : c)] };
        await store.SaveAsync(commented, resolved);

        Assert.Equal(row, await RowAsync());
        Assert.Equal(ReviewJson.Write(resolved), ReviewJson.Write((await store.LoadAsync(review.Id))!));

        // Resolving from a stale copy is refused, as any stale save.
        await Assert.ThrowsAsync<ReviewConflictException>(() => store.SaveAsync(commented, commented with { Comments = [.. commented.Comments.Select((c, i) => i == 0 ? c with { Text = "edited" } : c)] }));
    }

    [Fact]
    public async Task ReviewsStoredWithTheirCommentsInside_ComeBackWhole_AfterTheMigration_AndCanStillChange()
    {
        var location = await NewDatabaseAsync();
        var factory = await StoreFactories.MigratedBeforeAsync(location, "ReviewItems");
        var ws = await ServiceOver(factory).CreateAsync("shop", SampleFiles.LoadShop().Result.Cluster, Alice, "imported");
        var review = Review(ws.Id);
        await using (var db = factory.CreateDbContext())
        {
            // As the store kept it before: the whole review, comments and suggestions inside, in one document.
            db.Reviews.Add(new PolicyEditor.Web.Storage.Rows.ReviewRow { Id = review.Id, WorkspaceId = ws.Id, Created = review.Created.UtcTicks, Json = ReviewJson.Write(review) });
            await db.SaveChangesAsync();
        }

        await StorageMigrator.MigrateAsync(factory, location);
        var store = new EfReviewStore(StoreFactories.For(location));
        var loaded = await store.LoadAsync(review.Id);

        Assert.Equal(ReviewJson.Write(review), ReviewJson.Write(loaded!));
        var changed = loaded! with
        {
            Title = "Lock the shop, renamed",
            Comments = [.. loaded.Comments.Select((c, i) => i == 0 ? c with { Resolved = true, ResolvedBy = "Alice" } : c)],
            Suggestions = [.. loaded.Suggestions.Select(s => s with { Status = SuggestionStatus.Declined, DecidedBy = "Alice" })],
        };
        await store.SaveAsync(loaded, changed);
        Assert.Equal(ReviewJson.Write(changed), ReviewJson.Write((await store.LoadAsync(review.Id))!));
    }
}

/// <summary>The store contract on a SQLite file (the default: created on first use, with its folder).</summary>
public sealed class SqliteWorkspaceStoreTests : WorkspaceStoreContract
{
    protected override Task<StorageLocation> NewDatabaseAsync() => Task.FromResult(StoreFactories.NewSqliteFile());
}

/// <summary>The store contract on a real PostgreSQL server started for these tests on 127.0.0.1.</summary>
public sealed class PostgreSqlWorkspaceStoreTests(PostgreSqlServer server) : WorkspaceStoreContract, IClassFixture<PostgreSqlServer>
{
    protected override async Task<StorageLocation> NewDatabaseAsync() =>
        StorageLocation.Resolve(new StorageOptions(), await server.NewDatabaseAsync());
}
