using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Hubs;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Hubs;

/// <summary>
/// Every hub method against every role, on the server: what a role may do succeeds, anything else is
/// refused with a message (a viewer editing, a stranger joining, nobody signed in at all).
/// </summary>
public sealed class WorkspaceHubAuthorizationTests
{
    private const string Policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """;

    private static readonly Actor Owner = new("owner-id", "olga");

    public static TheoryData<string?, WorkspaceRole, string, bool> Cases()
    {
        var data = new TheoryData<string?, WorkspaceRole, string, bool>();
        var roles = new[] { WorkspaceRole.None, WorkspaceRole.Viewer, WorkspaceRole.Reviewer, WorkspaceRole.Editor, WorkspaceRole.Owner };
        var methods = new Dictionary<string, WorkspaceRole>
        {
            ["JoinWorkspace"] = WorkspaceRole.Viewer,
            ["JoinReview"] = WorkspaceRole.Viewer,
            ["CommentOnReview"] = WorkspaceRole.Reviewer,
            ["EditPolicies"] = WorkspaceRole.Editor,
        };
        foreach (var (method, least) in methods)
        {
            foreach (var role in roles)
            {
                data.Add("user-id", role, method, role >= least);
            }

            // Nobody signed in, once accounts exist.
            data.Add(null, WorkspaceRole.None, method, false);
        }

        return data;
    }

    private sealed class Caller(ClaimsPrincipal user) : HubCallerContext
    {
        public override string ConnectionId { get; } = Guid.NewGuid().ToString();

        public override string? UserIdentifier => User?.FindFirstValue(ClaimTypes.NameIdentifier);

        public override ClaimsPrincipal? User { get; } = user;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }

    private sealed class Groups : IGroupManager
    {
        public List<string> Joined { get; } = [];

        public Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            Joined.Add(groupName);
            return Task.CompletedTask;
        }

        public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachMethod_IsAllowedExactlyToTheRolesThatMayUseIt(string? userId, WorkspaceRole role, string method, bool allowed)
    {
        var members = new InMemoryMembershipStore();
        var access = new WorkspaceAccess(members, new FixedSingleUserMode(false));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance, access);
        var reviews = new ReviewService(new InMemoryReviewStore(), workspaces, access, TimeProvider.System);
        var ws = await workspaces.CreateAsync("shop", Cluster.Empty, Owner, "new");
        await workspaces.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(new NetworkPolicy("shop", "first", Engine.Selectors.LabelSelector.Everything, PolicyTypes.Ingress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty))], "draft"), Owner);
        var review = await reviews.OpenAsync(ws.Id, "A change", Owner);
        if (userId is not null && role != WorkspaceRole.None)
        {
            await members.SetRoleAsync(ws.Id, userId, role);
        }

        var user = userId is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, "someone")], "test"));
        var groups = new Groups();
        var hub = new WorkspaceHub(workspaces, reviews, new EditLedger()) { Context = new Caller(user), Groups = groups };

        Func<Task> call = method switch
        {
            "JoinWorkspace" => () => hub.JoinWorkspace(ws.Id),
            "JoinReview" => () => hub.JoinReview(review.Id),
            "CommentOnReview" => () => hub.CommentOnReview(review.Id, "Looks right."),
            _ => async () =>
            {
                var ack = await hub.EditPolicies(ws.Id, 2, Policy, "deny all", "edit-1");
                Assert.True(ack.Applied, ack.Message);
            },
        };

        if (allowed)
        {
            await call();
            var state = await workspaces.GetAsync(ws.Id);
            switch (method)
            {
                case "JoinWorkspace":
                    Assert.Equal([WorkspaceHub.GroupOf(ws.Id)], groups.Joined);
                    break;
                case "JoinReview":
                    Assert.Equal([WorkspaceHub.ReviewGroupOf(review.Id)], groups.Joined);
                    break;
                case "CommentOnReview":
                    Assert.Single((await reviews.GetAsync(review.Id, Owner)).Comments);
                    break;
                default:
                    Assert.NotNull(state!.Draft.FindPolicy("shop", "deny-all"));
                    break;
            }
        }
        else
        {
            var refused = await Assert.ThrowsAsync<HubException>(call);
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
            Assert.Empty(groups.Joined);
            Assert.Null((await workspaces.GetAsync(ws.Id))!.Draft.FindPolicy("shop", "deny-all"));
            Assert.Empty((await reviews.GetAsync(review.Id, Owner)).Comments);
        }
    }

    [Fact]
    public async Task AnEditResentAfterAReconnect_IsAppliedOnce_AndAConflictingEditGetsTheCurrentRevision()
    {
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(true));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance, access);
        var reviews = new ReviewService(new InMemoryReviewStore(), workspaces, access, TimeProvider.System);
        var ws = await workspaces.CreateAsync("shop", Cluster.Empty, Actor.Local, "new");
        var hub = new WorkspaceHub(workspaces, reviews, new EditLedger()) { Context = new Caller(new ClaimsPrincipal(new ClaimsIdentity())), Groups = new Groups() };

        var first = await hub.EditPolicies(ws.Id, 1, Policy, "deny all", "edit-1");
        var again = await hub.EditPolicies(ws.Id, 1, Policy, "deny all", "edit-1");
        Assert.True(first.Applied);
        Assert.Equal(first, again);
        Assert.Equal(2, (await workspaces.GetAsync(ws.Id))!.Revision);

        // Another edit of the same policy based on the revision before the first: refused, with the revision now.
        var late = await hub.EditPolicies(ws.Id, 1, Policy.Replace("[Ingress]", "[Ingress, Egress]", StringComparison.Ordinal), "deny egress too", "edit-2");
        Assert.False(late.Applied);
        Assert.Equal(2, late.Revision);
        Assert.Contains("deny-all", late.Message, StringComparison.Ordinal);
    }

    private static ClaimsPrincipal User(string id) => new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, id)], "test"));

    [Fact]
    public async Task ACallerWithoutARole_IsRefusedBeforeWhatTheySentIsRead()
    {
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(false));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance, access);
        var hub = new WorkspaceHub(workspaces, new ReviewService(new InMemoryReviewStore(), workspaces, access, TimeProvider.System), new EditLedger()) { Context = new Caller(User("stranger")), Groups = new Groups() };

        // Text that does not parse: read first, it would be answered with its errors; refused first, it never is.
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.EditPolicies(Guid.NewGuid(), 1, "kind: [unclosed", "edit", "edit-1"));

        Assert.Contains("may not edit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordedAnswer_IsGivenOnlyToTheUserWhoseEditItWas()
    {
        var members = new InMemoryMembershipStore();
        var access = new WorkspaceAccess(members, new FixedSingleUserMode(false));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance, access);
        var reviews = new ReviewService(new InMemoryReviewStore(), workspaces, access, TimeProvider.System);
        var ws = await workspaces.CreateAsync("shop", Cluster.Empty, Owner, "new");
        await members.SetRoleAsync(ws.Id, "editor-2", WorkspaceRole.Editor);
        var ledger = new EditLedger();
        var owner = new WorkspaceHub(workspaces, reviews, ledger) { Context = new Caller(User(Owner.Id)), Groups = new Groups() };
        var stranger = new WorkspaceHub(workspaces, reviews, ledger) { Context = new Caller(User("stranger")), Groups = new Groups() };
        var editor = new WorkspaceHub(workspaces, reviews, ledger) { Context = new Caller(User("editor-2")), Groups = new Groups() };

        var first = await owner.EditPolicies(ws.Id, 1, Policy, "deny all", "edit-1");
        Assert.True(first.Applied);

        await Assert.ThrowsAsync<HubException>(() => stranger.EditPolicies(ws.Id, 1, Policy, "deny all", "edit-1"));
        var other = await editor.EditPolicies(ws.Id, 1, "kind: [unclosed", "mine", "edit-1");
        Assert.False(other.Applied);
        Assert.DoesNotContain("deny", other.Message, StringComparison.Ordinal);
    }
}
