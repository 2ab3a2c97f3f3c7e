using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Reviews;

/// <summary>
/// Review sessions on workspace drafts: opening, invitations, comments, suggestions, decisions and the
/// merge. Every operation checks the caller's role on the server, applies in one order per review,
/// is stored, then announced. Edits of the draft go through <see cref="WorkspaceService"/>; any edit
/// after a decision makes that decision stale.
/// </summary>
public sealed class ReviewService : IDisposable
{
    private static readonly string[] Colors = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#808000"];
    private readonly IReviewStore _store;
    private readonly WorkspaceService _workspaces;
    private readonly WorkspaceAnalyzer _analyzer;
    private readonly WorkspaceAccess _access;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();
    private readonly ChangeFeed<ReviewChanged> _feed = new();
    private readonly Traffic.ObservedTrafficService? _traffic;
    private readonly IDisposable _workspaceSubscription;

    private readonly ScaleOut.IChangeBus _bus;

    private readonly ReviewOptions _limits;

    /// <summary>
    /// Creates the service; with <paramref name="bus"/>, other app instances hear of every change,
    /// <paramref name="analyzer"/> is the app's shared cache of analyses (a service of its own when omitted)
    /// and <paramref name="limits"/> bound what one review may hold.
    /// </summary>
    public ReviewService(IReviewStore store, WorkspaceService workspaces, WorkspaceAccess access, TimeProvider time, ScaleOut.IChangeBus? bus = null, WorkspaceAnalyzer? analyzer = null, IOptions<ReviewOptions>? limits = null, Traffic.ObservedTrafficService? traffic = null)
    {
        _traffic = traffic;
        _limits = limits?.Value ?? new ReviewOptions();
        _analyzer = analyzer ?? new WorkspaceAnalyzer();
        _store = store;
        _workspaces = workspaces;
        _access = access;
        _time = time;
        _bus = bus ?? new ScaleOut.LocalChangeBus();
        _workspaceSubscription = workspaces.SubscribeAll(OnWorkspaceChanged);
        _bus.Subscribe(OnRemoteChangeAsync);
    }

    /// <summary>Another instance changed a review: tell this instance's pages, with the review as saved.</summary>
    private async Task OnRemoteChangeAsync(ScaleOut.ChangeNotice notice)
    {
        if (notice.Subject == ScaleOut.ChangeSubject.Review && await _store.LoadAsync(notice.Id) is { } review)
        {
            Publish(new ReviewChanged(review, new Actor(notice.ActorId, notice.ActorName), notice.Description) { Remote = true });
        }
    }

    public void Dispose() => _workspaceSubscription.Dispose();

    /// <summary>A review the caller may see.</summary>
    public async Task<ReviewSession> GetAsync(Guid reviewId, Actor actor, CancellationToken cancellationToken = default)
    {
        var review = await _store.LoadAsync(reviewId, cancellationToken) ?? throw new KeyNotFoundException("There is no such review.");
        await _access.DemandAsync(review.WorkspaceId, actor, Permission.View, cancellationToken);
        return review;
    }

    /// <summary>The reviews of a workspace (or of all workspaces the caller may see).</summary>
    public async Task<IReadOnlyList<ReviewSession>> ListAsync(Guid? workspaceId, Actor actor, CancellationToken cancellationToken = default)
    {
        var result = new List<ReviewSession>();
        foreach (var review in await _store.ListAsync(workspaceId, cancellationToken))
        {
            if ((await _access.RoleAsync(review.WorkspaceId, actor, cancellationToken)).Allows(Permission.View))
            {
                result.Add(review);
            }
        }

        return result;
    }

    /// <summary>Opens a review of a workspace's draft.</summary>
    /// <remarks>How many approvals the change needs is the workspace's setting (and follows it while the review is open).</remarks>
    public async Task<ReviewSession> OpenAsync(Guid workspaceId, string title, Actor actor, CancellationToken cancellationToken = default)
    {
        var role = await _access.DemandAsync(workspaceId, actor, Permission.OpenReview, cancellationToken);
        CheckLength(title, _limits.MaxTitleCharacters, "A review title", nameof(ReviewOptions.MaxTitleCharacters));
        var state = await _workspaces.GetAsync(workspaceId, cancellationToken) ?? throw new KeyNotFoundException("There is no such workspace.");
        var review = new ReviewSession(Guid.NewGuid(), workspaceId, string.IsNullOrWhiteSpace(title) ? "Policy change" : title.Trim(), actor.Id, actor.DisplayName,
            _time.GetUtcNow(), ReviewStatus.Open, Math.Max(1, state.RequiredApprovals), state.Baseline.Number, 0,
            [new ReviewParticipant(actor.Id, actor.DisplayName, role, Colors[0])], [], [], [], []);
        await _store.SaveAsync(null, review, cancellationToken);
        Publish(new ReviewChanged(review, actor, $"{actor.DisplayName} opened the review"));
        await _bus.PublishAsync(ScaleOut.ChangeSubject.Review, review.Id, actor, $"{actor.DisplayName} opened the review");
        return review;
    }

    /// <summary>Creates an invitation link's token (256 random bits; only its hash is stored). The token is returned once.</summary>
    public async Task<(ReviewSession Review, string Token)> InviteAsync(Guid reviewId, WorkspaceRole role, TimeSpan? validFor, Actor actor, CancellationToken cancellationToken = default)
    {
        if (role is WorkspaceRole.None or WorkspaceRole.Owner)
        {
            throw new ArgumentException("An invitation grants the viewer, reviewer or editor role.", nameof(role));
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = _time.GetUtcNow();
        var review = await Update(reviewId, actor, Permission.Invite, r => r with
        {
            Invites = [.. r.Invites, new ReviewInvite(Guid.NewGuid(), Hash(token), role, now, actor.DisplayName, validFor is { } v ? now + v : null, null)],
        }, $"{actor.DisplayName} created an invitation for a {role.ToString().ToLowerInvariant()}", cancellationToken);
        return (review, token);
    }

    /// <summary>Revokes an invitation link.</summary>
    public Task<ReviewSession> RevokeInviteAsync(Guid reviewId, Guid inviteId, Actor actor, CancellationToken cancellationToken = default) =>
        Update(reviewId, actor, Permission.Invite, r => r with
        {
            Invites = [.. r.Invites.Select(i => i.Id == inviteId && i.Revoked is null ? i with { Revoked = _time.GetUtcNow() } : i)],
        }, $"{actor.DisplayName} revoked an invitation", cancellationToken);

    /// <summary>Joins a review with an invitation token: the invite's role is granted on the workspace.</summary>
    public async Task<ReviewSession> JoinAsync(string token, Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor == Actor.Local || actor == Actor.System)
        {
            throw new AccessDeniedException("Sign in to join a review.");
        }

        var found = await _store.FindInviteAsync(Hash(token), cancellationToken) ?? throw new AccessDeniedException("This invitation link is not valid.");
        if (!found.Invite.IsUsable(_time.GetUtcNow()))
        {
            throw new AccessDeniedException(found.Invite.Revoked is not null ? "This invitation link was revoked." : "This invitation link has expired.");
        }

        await _access.GrantAsync(found.Review.WorkspaceId, actor.Id, found.Invite.Role, cancellationToken);
        var role = await _access.RoleAsync(found.Review.WorkspaceId, actor, cancellationToken);
        return await Update(found.Review.Id, actor, Permission.View, r => r.Participants.Any(p => p.UserId == actor.Id)
            ? r with { Participants = [.. r.Participants.Select(p => p.UserId == actor.Id ? p with { Role = role } : p)] }
            : r with { Participants = [.. r.Participants, new ReviewParticipant(actor.Id, actor.DisplayName, role, Colors[r.Participants.Count % Colors.Length])] },
            $"{actor.DisplayName} joined as {role.ToString().ToLowerInvariant()}", cancellationToken);
    }

    /// <summary>Starts a comment thread on an anchor, or replies to one.</summary>
    public Task<ReviewSession> CommentAsync(Guid reviewId, ReviewAnchor anchor, string text, Guid? replyTo, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A comment needs some text.", nameof(text));
        }

        CheckLength(text, _limits.MaxCommentCharacters, "A comment", nameof(ReviewOptions.MaxCommentCharacters));
        return Update(reviewId, actor, Permission.Comment, r =>
        {
            CheckCount(r.Comments.Count, _limits.MaxComments, "comments", nameof(ReviewOptions.MaxComments));
            if (replyTo is { } parent && !r.Comments.Any(c => c.Id == parent && c.ParentId is null))
            {
                throw new KeyNotFoundException("The thread you replied to does not exist.");
            }

            var anchorOfThread = replyTo is { } p ? r.Comments.First(c => c.Id == p).Anchor : anchor;
            return r with { Comments = [.. r.Comments, new ReviewComment(Guid.NewGuid(), replyTo, anchorOfThread, actor.Id, actor.DisplayName, text.Trim(), _time.GetUtcNow())] };
        }, replyTo is null ? $"{actor.DisplayName} commented on {anchor}" : $"{actor.DisplayName} replied", cancellationToken);
    }

    /// <summary>Resolves or reopens a thread.</summary>
    public Task<ReviewSession> ResolveAsync(Guid reviewId, Guid threadId, bool resolved, Actor actor, CancellationToken cancellationToken = default) =>
        Update(reviewId, actor, Permission.Comment, r => r with
        {
            Comments = [.. r.Comments.Select(c => c.Id == threadId ? c with { Resolved = resolved, ResolvedBy = resolved ? actor.DisplayName : null } : c)],
        }, $"{actor.DisplayName} {(resolved ? "resolved" : "reopened")} a thread", cancellationToken);

    /// <summary>Proposes a change to the draft, for the author to apply or decline.</summary>
    public async Task<ReviewSession> SuggestAsync(Guid reviewId, string description, IReadOnlyList<PolicyChange> changes, Actor actor, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0)
        {
            throw new ArgumentException("A suggestion needs at least one policy change.", nameof(changes));
        }

        CheckLength(description, _limits.MaxCommentCharacters, "A suggestion's description", nameof(ReviewOptions.MaxCommentCharacters));
        var review = await _store.LoadAsync(reviewId, cancellationToken) ?? throw new KeyNotFoundException("There is no such review.");
        await _access.DemandAsync(review.WorkspaceId, actor, Permission.Suggest, cancellationToken);
        var state = await _workspaces.GetAsync(review.WorkspaceId, cancellationToken) ?? throw new KeyNotFoundException("There is no such workspace.");
        return await Update(reviewId, actor, Permission.Suggest, r =>
        {
            CheckCount(r.Suggestions.Count, _limits.MaxSuggestions, "suggestions", nameof(ReviewOptions.MaxSuggestions));
            return r with { Suggestions = [.. r.Suggestions, new ReviewSuggestion(Guid.NewGuid(), actor.Id, actor.DisplayName, description.Trim(), changes, state.Revision, _time.GetUtcNow())] };
        }, $"{actor.DisplayName} suggested: {description}", cancellationToken);
    }

    /// <summary>Applies a suggestion to the draft (as an edit by the applier), or reports why it cannot be.</summary>
    public async Task<(ReviewSession Review, CommandResult Result)> ApplySuggestionAsync(Guid reviewId, Guid suggestionId, Actor actor, CancellationToken cancellationToken = default)
    {
        var review = await GetAsync(reviewId, actor, cancellationToken);
        await _access.DemandAsync(review.WorkspaceId, actor, Permission.ApplySuggestion, cancellationToken);
        var suggestion = review.Suggestions.FirstOrDefault(s => s.Id == suggestionId && s.Status == SuggestionStatus.Open)
            ?? throw new KeyNotFoundException("The suggestion is not open.");
        var result = await _workspaces.ExecuteAsync(review.WorkspaceId,
            new EditPolicies(suggestion.Changes, $"Apply {suggestion.Author}'s suggestion: {suggestion.Description}") { BaseRevision = suggestion.BaseRevision }, actor, cancellationToken);
        if (!result.Applied)
        {
            return (review, result);
        }

        var updated = await Update(reviewId, actor, Permission.ApplySuggestion, r => r with
        {
            Suggestions = [.. r.Suggestions.Select(s => s.Id == suggestionId ? s with { Status = SuggestionStatus.Applied, DecidedBy = actor.DisplayName } : s)],
        }, $"{actor.DisplayName} applied {suggestion.Author}'s suggestion", cancellationToken);
        return (updated, result);
    }

    /// <summary>Declines a suggestion.</summary>
    public Task<ReviewSession> DeclineSuggestionAsync(Guid reviewId, Guid suggestionId, Actor actor, CancellationToken cancellationToken = default) =>
        Update(reviewId, actor, Permission.ApplySuggestion, r => r with
        {
            Suggestions = [.. r.Suggestions.Select(s => s.Id == suggestionId && s.Status == SuggestionStatus.Open ? s with { Status = SuggestionStatus.Declined, DecidedBy = actor.DisplayName } : s)],
        }, $"{actor.DisplayName} declined a suggestion", cancellationToken);

    /// <summary>Approves the current draft or requests changes.</summary>
    public async Task<ReviewSession> DecideAsync(Guid reviewId, DecisionKind kind, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        CheckLength(note, _limits.MaxCommentCharacters, "A decision's note", nameof(ReviewOptions.MaxCommentCharacters));
        var review = await _store.LoadAsync(reviewId, cancellationToken) ?? throw new KeyNotFoundException("There is no such review.");
        await _access.DemandAsync(review.WorkspaceId, actor, Permission.Decide, cancellationToken);
        var state = await _workspaces.GetAsync(review.WorkspaceId, cancellationToken) ?? throw new KeyNotFoundException("There is no such workspace.");
        return await Update(reviewId, actor, Permission.Decide, r =>
        {
            if (kind == DecisionKind.Approve && actor.Id == r.AuthorId)
            {
                throw new AccessDeniedException("The author of a change cannot approve it.");
            }

            return r with { Decisions = [.. r.Decisions, new ReviewDecision(actor.Id, actor.DisplayName, kind, state.Revision, _time.GetUtcNow(), note)] };
        }, kind == DecisionKind.Approve ? $"{actor.DisplayName} approved" : $"{actor.DisplayName} requested changes", cancellationToken);
    }

    /// <summary>Merges: the draft becomes a new version of the workspace, carrying this review as its record.</summary>
    public Task<ReviewSession> MergeAsync(Guid reviewId, Actor actor, CancellationToken cancellationToken = default) =>
        MergeAsync(reviewId, actor, 0, cancellationToken);

    /// <summary>
    /// Merges, the person having acknowledged that the change blocks <paramref name="acknowledgedBlockedTraffic"/>
    /// observed connections: a change that blocks more observed traffic than was acknowledged is refused.
    /// </summary>
    public async Task<ReviewSession> MergeAsync(Guid reviewId, Actor actor, int acknowledgedBlockedTraffic, CancellationToken cancellationToken = default)
    {
        var review = await GetAsync(reviewId, actor, cancellationToken);
        var role = await _access.RoleAsync(review.WorkspaceId, actor, cancellationToken);
        if (!role.Allows(Permission.Merge) && !(actor.Id == review.AuthorId && role.Allows(Permission.Edit)))
        {
            throw new AccessDeniedException("Only the review's author or a workspace owner may merge.");
        }

        if (review.MergeBlocker is { } blocker)
        {
            throw new InvalidOperationException($"The change cannot be merged yet: {blocker}");
        }

        var state = await _workspaces.GetAsync(review.WorkspaceId, cancellationToken) ?? throw new KeyNotFoundException("There is no such workspace.");
        if (_traffic is not null && await BlockedTrafficAsync(state) is var blocked && blocked > acknowledgedBlockedTraffic)
        {
            throw new InvalidOperationException($"The change blocks {blocked} observed connection(s) the cluster really carried; acknowledge them on the review before merging.");
        }

        var report = await DraftReportAsync(review with { Status = ReviewStatus.Merged, MergedVersion = state.Baseline.Number + 1 }, state);
        var accepted = await _workspaces.ExecuteAuthorizedAsync(review.WorkspaceId,
            new AcceptDraft($"{review.Title} (review by {string.Join(", ", review.CurrentDecisions.Where(d => d.Kind == DecisionKind.Approve).Select(d => d.User))})"), actor, cancellationToken);
        if (!accepted.Applied)
        {
            throw new InvalidOperationException(accepted.Message);
        }

        return await Update(reviewId, actor, Permission.View, r => r with
        {
            Status = ReviewStatus.Merged,
            MergedVersion = accepted.State.Baseline.Number,
            MergeReport = report,
        }, $"{actor.DisplayName} merged the change as version {accepted.State.Baseline.Number}", cancellationToken);
    }

    /// <summary>How many observed connections of the workspace the draft blocks (allowed by the accepted version).</summary>
    public async Task<int> BlockedTrafficAsync(WorkspaceState state)
    {
        if (_traffic is null)
        {
            return 0;
        }

        var record = await _traffic.GetAsync(state.Id);
        return record.Traffic.IsEmpty ? 0 : _traffic.Classify(await _analyzer.AnalyzeAsync(state), record).Count(Engine.Flows.FlowClass.BlockedByDraft);
    }

    /// <summary>Calls <paramref name="handler"/> for every change of every review until disposed.</summary>
    public IDisposable SubscribeAll(Func<ReviewChanged, Task> handler) => Subscribe(Guid.Empty, handler);

    /// <summary>Calls <paramref name="handler"/> for every change of the review until disposed.</summary>
    public IDisposable Subscribe(Guid reviewId, Func<ReviewChanged, Task> handler) => _feed.Subscribe(reviewId, handler);

    /// <summary>
    /// Whether <paramref name="e"/> is the service refusing an action with a message for the person: their
    /// role, the review's state, their input, or a race lost to someone else.
    /// </summary>
    public static bool IsRefusal(Exception e) => e is AccessDeniedException or InvalidOperationException or ArgumentException or KeyNotFoundException or ReviewConflictException;

    /// <summary>The review as Markdown for a pull request: its merge record once merged, else the review of the draft as it stands.</summary>
    public async Task<string> ReportAsync(Guid reviewId, Actor actor, CancellationToken cancellationToken = default)
    {
        var review = await GetAsync(reviewId, actor, cancellationToken);
        if (review.MergeReport is { } record)
        {
            return record;
        }

        var state = await _workspaces.GetAsync(review.WorkspaceId, cancellationToken) ?? throw new KeyNotFoundException("The review's workspace was deleted.");
        return await DraftReportAsync(review, state);
    }

    /// <summary>A review of a workspace's draft as Markdown: summary, impact, YAML diff, decisions.</summary>
    private async Task<string> DraftReportAsync(ReviewSession review, WorkspaceState state)
    {
        var analysis = await _analyzer.AnalyzeAsync(state);
        return ReviewReport.ToMarkdown(review, state.Name, analysis.Impact.Changes, PolicyYamlDiff.Between(state.Baseline.Cluster, state.Draft));
    }

    /// <summary>Refuses text longer than its setting allows, before anything is stored.</summary>
    private static void CheckLength(string? text, int limit, string what, string setting)
    {
        if (text is not null && text.Length > limit)
        {
            throw new ArgumentException($"{what} may have at most {limit:N0} characters (setting {ReviewOptions.SectionName}:{setting}); this one has {text.Length:N0}.");
        }
    }

    /// <summary>Refuses one more of a review's comments or suggestions when it has as many as its setting allows.</summary>
    private static void CheckCount(int count, int limit, string what, string setting)
    {
        if (count >= limit)
        {
            throw new InvalidOperationException($"This review has {count:N0} {what}, the most one review may have (setting {ReviewOptions.SectionName}:{setting}). Open a new review to go on.");
        }
    }

    /// <summary>The stored form of an invitation token.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private async Task OnWorkspaceChanged(WorkspaceChanged change)
    {
        if (change.Remote)
        {
            return;
        }

        // Open reviews follow the workspace's approval setting, and any edit of the draft makes earlier approvals stale.
        var needed = Math.Max(1, change.State.RequiredApprovals);
        foreach (var review in (await _store.ListAsync(change.State.Id)).Where(r => r.Status == ReviewStatus.Open))
        {
            if (review.RequiredApprovals != needed)
            {
                await Update(review.Id, Actor.System, null, r => r with { RequiredApprovals = needed },
                    $"{change.Actor.DisplayName} set the approvals a change needs to {needed}", CancellationToken.None);
            }

            if (change.Edit is not null && review.LatestEditRevision < change.State.Revision)
            {
                await Update(review.Id, Actor.System, null, r => r with { LatestEditRevision = Math.Max(r.LatestEditRevision, change.State.Revision) },
                    $"{change.Actor.DisplayName} changed the draft: {change.Description}", CancellationToken.None);
            }
        }
    }

    private async Task<ReviewSession> Update(Guid reviewId, Actor actor, Permission? permission, Func<ReviewSession, ReviewSession> change, string description, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(reviewId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        ReviewSession next;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var review = await _store.LoadAsync(reviewId, cancellationToken) ?? throw new KeyNotFoundException("There is no such review.");
                if (permission is { } p)
                {
                    await _access.DemandAsync(review.WorkspaceId, actor, p, cancellationToken);
                }

                if (review.Status != ReviewStatus.Open && permission is not (null or Permission.View))
                {
                    throw new InvalidOperationException($"The review is {review.Status.ToString().ToLowerInvariant()}.");
                }

                next = change(review);
                try
                {
                    await _store.SaveAsync(review, next, cancellationToken);
                    break;
                }
                catch (ReviewConflictException) when (attempt < 3)
                {
                    // Another instance wrote first: read again and reapply.
                }
            }
        }
        finally
        {
            gate.Release();
        }

        Publish(new ReviewChanged(next, actor, description));
        await _bus.PublishAsync(ScaleOut.ChangeSubject.Review, reviewId, actor, description);
        return next;
    }

    // A failing view must not stop the others; it logs its own errors.
    private void Publish(ReviewChanged change) => _feed.Publish(change.Review.Id, change);
}
