using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Manifests.Flows;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage;
using PolicyEditor.Web.Traffic;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Traffic;

public class ObservedTrafficServiceTests
{
    private static readonly Actor Owner = new("owner", "Olga");
    private static readonly Actor Reviewer = new("reviewer", "Rita");

    private static readonly Cluster Start = Cluster.Empty with
    {
        Workloads = ValueArray.Create(
            new Workload("shop", "web", "Deployment", LabelSet.Of(("app", "web")), ValueArray.Create(new ContainerPort("http", 8080, Protocol.TCP))),
            new Workload("shop", "db", "StatefulSet", LabelSet.Of(("app", "db")), ValueArray<ContainerPort>.Empty)),
    };

    private static readonly NetworkPolicy DenyDb =
        new("shop", "deny-db", LabelSelector.ForLabels(("app", "db")), PolicyTypes.Ingress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);

    private sealed record World(WorkspaceService Workspaces, WorkspaceAnalyzer Analyzer, ObservedTrafficService Traffic, ReviewService Reviews, Guid WorkspaceId);

    private static async Task<World> NewWorld()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(false));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), time, NullLogger<WorkspaceService>.Instance, access);
        var analyzer = new WorkspaceAnalyzer();
        var traffic = new ObservedTrafficService(new InMemoryObservedTrafficStore(), time);
        var reviews = new ReviewService(new InMemoryReviewStore(), workspaces, access, time, analyzer: analyzer, traffic: traffic);
        var ws = await workspaces.CreateAsync("shop", Start, Owner, "imported");
        return new World(workspaces, analyzer, traffic, reviews, ws.Id);
    }

    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    [Fact]
    public async Task Imports_AddUp_AndARefusedFileKeepsWhatWasImported()
    {
        var world = await NewWorld();

        await world.Traffic.ImportAsync(world.WorkspaceId, Csv("shop/web,shop/db,TCP,5432,3"), "a.csv");
        await world.Traffic.ImportAsync(world.WorkspaceId, Csv("shop/web,shop/db,TCP,5432,4", "shop/db,shop/web,TCP,8080,1"), "b.csv");
        await Assert.ThrowsAsync<FlowReadException>(() => world.Traffic.ImportAsync(world.WorkspaceId, Csv("kind: Pod"), "c.yaml"));

        var record = await world.Traffic.GetAsync(world.WorkspaceId);
        Assert.Equal(["a.csv", "b.csv"], record.Sources);
        Assert.Equal(7, record.Traffic.Connections.Single(c => c.Port == 5432).Count);
        Assert.Equal(2, record.Traffic.Connections.Count);
    }

    [Fact]
    public async Task ADraftThatDeniesObservedTraffic_IsClassifiedAsBlockingIt()
    {
        var world = await NewWorld();
        await world.Traffic.ImportAsync(world.WorkspaceId, Csv("shop/web,shop/db,TCP,5432,3"), "a.csv");
        await world.Workspaces.ExecuteAsync(world.WorkspaceId, new EditPolicies([PolicyChange.Upsert(DenyDb)], "deny db"), Owner);

        var state = (await world.Workspaces.GetAsync(world.WorkspaceId))!;
        var classification = world.Traffic.Classify(await world.Analyzer.AnalyzeAsync(state), await world.Traffic.GetAsync(world.WorkspaceId));

        Assert.Equal("shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432", Assert.Single(classification.BlockedByDraft).Line);
    }

    [Fact]
    public async Task AReviewThatBlocksObservedTraffic_MergesOnlyOnceItIsAcknowledged()
    {
        var world = await NewWorld();
        await world.Traffic.ImportAsync(world.WorkspaceId, Csv("shop/web,shop/db,TCP,5432,3"), "a.csv");
        await world.Workspaces.ExecuteAsync(world.WorkspaceId, new EditPolicies([PolicyChange.Upsert(DenyDb)], "deny db"), Owner);
        var review = await world.Reviews.OpenAsync(world.WorkspaceId, "Close the database", Owner);
        var token = (await world.Reviews.InviteAsync(review.Id, WorkspaceRole.Reviewer, TimeSpan.FromDays(1), Owner)).Token;
        await world.Reviews.JoinAsync(token, Reviewer);
        await world.Reviews.DecideAsync(review.Id, DecisionKind.Approve, "fine", Reviewer);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => world.Reviews.MergeAsync(review.Id, Owner));
        var merged = await world.Reviews.MergeAsync(review.Id, Owner, acknowledgedBlockedTraffic: 1);

        Assert.Contains("blocks 1 observed connection", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Merged, merged.Status);
    }

    [Fact]
    public void TheCodec_ReadsBackWhatItWrote()
    {
        var web = new FlowPeer("shop", "web-1", "web", LabelSet.Of(("app", "web")), null);
        var outside = FlowPeer.OfAddress(IPAddress.Parse("2001:db8::1"));
        var time = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var record = new ObservedTrafficRecord(new ObservedTraffic(
            [
                new ObservedConnection(web, outside, FlowProtocol.Tcp, 443, 5, 1, time, time.AddHours(1), "POLICY_DENIED"),
                new ObservedConnection(outside, web, FlowProtocol.IcmpV6, 0, 2, 0, null, null),
            ], 9), ["a.json"], time);

        var read = ObservedTrafficCodec.Decode(ObservedTrafficCodec.Encode(record), time);

        Assert.Equal(record.Traffic.Connections, read.Traffic.Connections);
        Assert.Equal((9L, "a.json"), (read.Traffic.Records, read.Sources.Single()));
    }
}
