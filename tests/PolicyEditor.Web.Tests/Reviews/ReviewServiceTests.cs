using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Reviews;

public class ReviewServiceTests
{
    private static readonly Actor Owner = new("owner", "Olga");
    private static readonly Actor Editor = new("editor", "Eve");
    private static readonly Actor Reviewer = new("reviewer", "Rita");
    private static readonly Actor Viewer = new("viewer", "Vic");
    private static readonly Actor Stranger = new("stranger", "Sam");

    private static readonly Cluster Start = Cluster.Empty with
    {
        Workloads = ValueArray.Create(
            new Workload("shop", "web", "Deployment", LabelSet.Of(("app", "web")), ValueArray.Create(new ContainerPort("http", 8080, Protocol.TCP))),
            new Workload("shop", "db", "StatefulSet", LabelSet.Of(("app", "db")), ValueArray<ContainerPort>.Empty)),
    };

    private sealed record World(WorkspaceService Workspaces, ReviewService Reviews, FakeTimeProvider Time, Guid WorkspaceId, ReviewSession Review, Dictionary<WorkspaceRole, string> Tokens);

    private static NetworkPolicy Deny(string name) =>
        new("shop", name, LabelSelector.Everything, PolicyTypes.Ingress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);

    private static async Task<World> NewWorld(ReviewOptions? limits = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryReviewStore();
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(false));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), time, NullLogger<WorkspaceService>.Instance, access);
        var reviews = new ReviewService(store, workspaces, access, time, limits: Microsoft.Extensions.Options.Options.Create(limits ?? new ReviewOptions()));
        var ws = await workspaces.CreateAsync("shop", Start, Owner, "imported");
        await access.GrantAsync(ws.Id, Editor.Id, WorkspaceRole.Editor);
        await workspaces.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("deny"))], "deny ingress"), Editor);
        var review = await reviews.OpenAsync(ws.Id, "Lock down shop", Editor);
        var tokens = new Dictionary<WorkspaceRole, string>();
        foreach (var role in new[] { WorkspaceRole.Reviewer, WorkspaceRole.Viewer })
        {
            tokens[role] = (await reviews.InviteAsync(review.Id, role, TimeSpan.FromDays(1), Owner)).Token;
        }

        await reviews.JoinAsync(tokens[WorkspaceRole.Reviewer], Reviewer);
        await reviews.JoinAsync(tokens[WorkspaceRole.Viewer], Viewer);
        return new World(workspaces, reviews, time, ws.Id, review, tokens);
    }

    [Fact]
    public async Task InviteToken_IsLongAndRandom_AndOnlyItsHashIsStored()
    {
        var world = await NewWorld();

        var token = world.Tokens[WorkspaceRole.Reviewer];
        var review = await world.Reviews.GetAsync(world.Review.Id, Owner);

        Assert.True(token.Length >= 22, "at least 128 bits of base64");
        Assert.DoesNotContain(review.Invites, i => i.TokenHash == token);
        Assert.Contains(review.Invites, i => i.TokenHash == ReviewService.Hash(token));
    }

    [Fact]
    public async Task Viewer_CannotEditCommentOrApprove()
    {
        var world = await NewWorld();

        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Workspaces.ExecuteAsync(world.WorkspaceId, new UndoEdit(), Viewer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.CommentAsync(world.Review.Id, ReviewAnchor.Review, "hi", null, Viewer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.DecideAsync(world.Review.Id, DecisionKind.Approve, null, Viewer));
        Assert.NotNull(await world.Reviews.GetAsync(world.Review.Id, Viewer));
    }

    [Fact]
    public async Task Reviewer_CommentsAndSuggests_ButCannotEditOrMerge()
    {
        var world = await NewWorld();

        var commented = await world.Reviews.CommentAsync(world.Review.Id, ReviewAnchor.Change("shop/web[Deployment]", "shop/db[StatefulSet]"), "Is this intended?", null, Reviewer);
        await world.Reviews.SuggestAsync(world.Review.Id, "also deny egress", [PolicyChange.Upsert(Deny("deny2"))], Reviewer);

        Assert.Single(commented.Threads);
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Workspaces.ExecuteAsync(world.WorkspaceId, new EditPolicies([PolicyChange.Upsert(Deny("x"))], "x"), Reviewer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.MergeAsync(world.Review.Id, Reviewer));
    }

    [Fact]
    public async Task NoSignInAndStrangers_HaveNoAccess()
    {
        var world = await NewWorld();

        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.GetAsync(world.Review.Id, Actor.Local));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.GetAsync(world.Review.Id, Stranger));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Workspaces.ExecuteAsync(world.WorkspaceId, new UndoEdit(), Stranger));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.JoinAsync(world.Tokens[WorkspaceRole.Viewer], Actor.Local));
    }

    [Fact]
    public async Task ExpiredRevokedAndForeignTokens_AreRefused()
    {
        var world = await NewWorld();
        var (withInvite, token) = await world.Reviews.InviteAsync(world.Review.Id, WorkspaceRole.Reviewer, TimeSpan.FromDays(1), Owner);
        var (_, revokedToken) = await world.Reviews.InviteAsync(world.Review.Id, WorkspaceRole.Reviewer, null, Owner);
        var revoked = (await world.Reviews.GetAsync(world.Review.Id, Owner)).Invites.Single(i => i.TokenHash == ReviewService.Hash(revokedToken));
        await world.Reviews.RevokeInviteAsync(world.Review.Id, revoked.Id, Owner);
        world.Time.Advance(TimeSpan.FromDays(2));

        var expired = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.JoinAsync(token, Stranger));
        var revokedError = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.JoinAsync(revokedToken, Stranger));
        var forged = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.JoinAsync("not-a-token", Stranger));

        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Contains("revoked", revokedError.Message, StringComparison.Ordinal);
        Assert.Contains("not valid", forged.Message, StringComparison.Ordinal);
        Assert.NotNull(withInvite);
    }

    [Fact]
    public async Task TokenOfAnotherWorkspace_GrantsNothingHere()
    {
        var world = await NewWorld();
        var other = await world.Workspaces.CreateAsync("other", Start, Owner, "other");
        await world.Workspaces.ExecuteAsync(other.Id, new EditPolicies([PolicyChange.Upsert(Deny("d"))], "d"), Owner);
        var otherReview = await world.Reviews.OpenAsync(other.Id, "other review", Owner);
        var (_, otherToken) = await world.Reviews.InviteAsync(otherReview.Id, WorkspaceRole.Editor, null, Owner);

        await world.Reviews.JoinAsync(otherToken, Stranger);

        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.GetAsync(world.Review.Id, Stranger));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Workspaces.ExecuteAsync(world.WorkspaceId, new UndoEdit(), Stranger));
    }

    [Fact]
    public async Task Approval_GoesStaleWhenTheDraftChanges_AndMergeWaitsForAFreshOne()
    {
        var world = await NewWorld();
        await world.Reviews.DecideAsync(world.Review.Id, DecisionKind.Approve, "looks good", Reviewer);
        var (_, result) = await world.Reviews.ApplySuggestionAsync(world.Review.Id,
            (await world.Reviews.SuggestAsync(world.Review.Id, "rename", [PolicyChange.Upsert(Deny("deny-all"))], Reviewer)).Suggestions[0].Id, Editor);
        await Task.Delay(100);

        var afterEdit = await world.Reviews.GetAsync(world.Review.Id, Editor);
        var blocked = await Assert.ThrowsAsync<InvalidOperationException>(() => world.Reviews.MergeAsync(world.Review.Id, Editor));
        await world.Reviews.DecideAsync(world.Review.Id, DecisionKind.Approve, "still good", Reviewer);
        var merged = await world.Reviews.MergeAsync(world.Review.Id, Editor);
        var versions = await world.Workspaces.VersionsAsync(world.WorkspaceId);

        Assert.True(result.Applied);
        Assert.True(afterEdit.IsStale(afterEdit.Decisions[0]));
        Assert.Contains("needs 1 approval", blocked.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Merged, merged.Status);
        Assert.Equal(2, merged.MergedVersion);
        Assert.Contains("Lock down shop", versions[^1].Message, StringComparison.Ordinal);
        Assert.Contains("| blocked |", merged.MergeReport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorkspaceSetting_SaysHowManyApprovalsAreNeeded_AndOpenReviewsFollowIt()
    {
        var world = await NewWorld();
        await world.Workspaces.ExecuteAsync(world.WorkspaceId, new SetRequiredApprovals(2), Owner);
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Workspaces.ExecuteAsync(world.WorkspaceId, new SetRequiredApprovals(1), Editor));

        var review = await world.Reviews.GetAsync(world.Review.Id, Owner);
        Assert.Equal(2, review.RequiredApprovals);
        await world.Reviews.DecideAsync(world.Review.Id, DecisionKind.Approve, null, Reviewer);
        review = await world.Reviews.GetAsync(world.Review.Id, Owner);
        Assert.Equal("It needs 2 approval(s) of the current draft and has 1.", review.MergeBlocker);
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Reviews.MergeAsync(world.Review.Id, Editor));

        await world.Workspaces.ExecuteAsync(world.WorkspaceId, new SetRequiredApprovals(1), Owner);
        Assert.Null((await world.Reviews.GetAsync(world.Review.Id, Owner)).MergeBlocker);
        Assert.False((await world.Workspaces.ExecuteAsync(world.WorkspaceId, new SetRequiredApprovals(0), Owner)).Applied);
    }

    [Fact]
    public async Task RequestForChanges_BlocksTheMerge()
    {
        var world = await NewWorld();
        await world.Reviews.DecideAsync(world.Review.Id, DecisionKind.RequestChanges, "no", Reviewer);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => world.Reviews.MergeAsync(world.Review.Id, Editor));

        Assert.Contains("Rita requested changes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Author_CannotApproveTheirOwnChange()
    {
        var world = await NewWorld();

        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Reviews.DecideAsync(world.Review.Id, DecisionKind.Approve, null, Editor));
    }

    [Fact]
    public async Task Threads_HaveRepliesAndCanBeResolvedAndReopened()
    {
        var world = await NewWorld();
        var withThread = await world.Reviews.CommentAsync(world.Review.Id, ReviewAnchor.Policy("shop/deny", 3), "why?", null, Reviewer);
        var thread = withThread.Threads.Single();

        await world.Reviews.CommentAsync(world.Review.Id, ReviewAnchor.Review, "because", thread.Id, Editor);
        var resolved = await world.Reviews.ResolveAsync(world.Review.Id, thread.Id, true, Reviewer);
        var reopened = await world.Reviews.ResolveAsync(world.Review.Id, thread.Id, false, Editor);

        Assert.Equal("because", Assert.Single(resolved.Replies(thread.Id)).Text);
        Assert.Equal(ReviewAnchor.Policy("shop/deny", 3), Assert.Single(resolved.Replies(thread.Id)).Anchor);
        Assert.True(resolved.Threads.Single().Resolved);
        Assert.False(reopened.Threads.Single().Resolved);
    }

    [Fact]
    public async Task ACommentLongerThanTheLimit_IsRefused_NamingTheSetting()
    {
        var world = await NewWorld();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => world.Reviews.CommentAsync(world.Review.Id, ReviewAnchor.Review, new string('x', 30_000), null, Reviewer));

        Assert.Contains("at most 4,000 characters (setting Reviews:MaxCommentCharacters)", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await world.Reviews.GetAsync(world.Review.Id, Owner)).Comments);
    }

    [Fact]
    public async Task AReview_HoldsAtMostItsLimitOfCommentsAndSuggestions()
    {
        var world = await NewWorld(new ReviewOptions { MaxComments = 3, MaxSuggestions = 1 });
        for (var i = 0; i < 3; i++)
        {
            await world.Reviews.CommentAsync(world.Review.Id, ReviewAnchor.Review, $"comment {i}", null, Reviewer);
        }

        await world.Reviews.SuggestAsync(world.Review.Id, "deny more", [PolicyChange.Upsert(Deny("more"))], Reviewer);

        var comment = await Assert.ThrowsAsync<InvalidOperationException>(() => world.Reviews.CommentAsync(world.Review.Id, ReviewAnchor.Review, "one more", null, Reviewer));
        var suggestion = await Assert.ThrowsAsync<InvalidOperationException>(() => world.Reviews.SuggestAsync(world.Review.Id, "and more", [PolicyChange.Upsert(Deny("most"))], Reviewer));
        Assert.Contains("Reviews:MaxComments", comment.Message, StringComparison.Ordinal);
        Assert.Contains("Reviews:MaxSuggestions", suggestion.Message, StringComparison.Ordinal);
        var review = await world.Reviews.GetAsync(world.Review.Id, Owner);
        Assert.Equal((3, 1), (review.Comments.Count, review.Suggestions.Count));
    }

    [Fact]
    public async Task TheMarkdownReport_ShowsWhatPeopleWroteAsText_NeverAsMarkupLinksOrChecklists()
    {
        var world = await NewWorld();
        var review = await world.Reviews.OpenAsync(world.WorkspaceId, "<script>alert(1)</script> **urgent**", Editor);
        await world.Reviews.CommentAsync(review.Id, ReviewAnchor.Review, "[open me](javascript:alert(1))\n- [x] security approved\n<img src=x onerror=alert(1)>", null, Reviewer);

        var report = await world.Reviews.ReportAsync(review.Id, Owner);

        Assert.DoesNotContain("<script", report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("](javascript:", report, StringComparison.Ordinal);
        Assert.DoesNotContain("**urgent**", report, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Split('\n'), line => line.TrimStart().StartsWith("- [x]", StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*\\*urgent\\*\\*", report, StringComparison.Ordinal);
    }
}
