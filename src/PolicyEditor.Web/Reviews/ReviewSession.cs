using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Reviews;

/// <summary>
/// A review of a workspace's draft (its change against the baseline): who takes part, the comment
/// threads, suggestions and decisions, and the draft revision of the newest edit, against which
/// decisions go stale. Immutable; the review service records every change as a new value.
/// </summary>
public sealed record ReviewSession(
    Guid Id,
    Guid WorkspaceId,
    string Title,
    string AuthorId,
    string Author,
    DateTimeOffset Created,
    ReviewStatus Status,
    int RequiredApprovals,
    int BaseVersion,
    long LatestEditRevision,
    IReadOnlyList<ReviewParticipant> Participants,
    IReadOnlyList<ReviewComment> Comments,
    IReadOnlyList<ReviewSuggestion> Suggestions,
    IReadOnlyList<ReviewDecision> Decisions,
    IReadOnlyList<ReviewInvite> Invites,
    int? MergedVersion = null,
    string? MergeReport = null)
{
    /// <summary>Whether a decision was given before the draft last changed.</summary>
    public bool IsStale(ReviewDecision decision) => decision.AtRevision < LatestEditRevision;

    /// <summary>Each participant's newest decision.</summary>
    public IEnumerable<ReviewDecision> CurrentDecisions => Decisions.GroupBy(d => d.UserId).Select(g => g.Last());

    /// <summary>Approvals that count: current, not stale, not by the author.</summary>
    public int ValidApprovals => CurrentDecisions.Count(d => d.Kind == DecisionKind.Approve && !IsStale(d) && d.UserId != AuthorId);

    /// <summary>Requests for changes that still stand.</summary>
    public IEnumerable<ReviewDecision> OpenChangeRequests => CurrentDecisions.Where(d => d.Kind == DecisionKind.RequestChanges && !IsStale(d));

    /// <summary>Null when the change may be merged, else the reason it may not, in words.</summary>
    public string? MergeBlocker
    {
        get
        {
            if (Status != ReviewStatus.Open)
            {
                return $"The review is {Status.ToString().ToLowerInvariant()}.";
            }

            var requests = OpenChangeRequests.ToList();
            if (requests.Count > 0)
            {
                return $"{string.Join(", ", requests.Select(r => r.User))} requested changes.";
            }

            return ValidApprovals < RequiredApprovals
                ? $"It needs {RequiredApprovals} approval(s) of the current draft and has {ValidApprovals}."
                : null;
        }
    }

    /// <summary>Root comments (threads), oldest first.</summary>
    public IEnumerable<ReviewComment> Threads => Comments.Where(c => c.ParentId is null).OrderBy(c => c.Time);

    /// <summary>The replies of a thread, oldest first.</summary>
    public IEnumerable<ReviewComment> Replies(Guid threadId) => Comments.Where(c => c.ParentId == threadId).OrderBy(c => c.Time);

    /// <summary>The role a participant has in this review, or none.</summary>
    public WorkspaceRole RoleOf(string userId) => Participants.FirstOrDefault(p => p.UserId == userId)?.Role ?? WorkspaceRole.None;
}
