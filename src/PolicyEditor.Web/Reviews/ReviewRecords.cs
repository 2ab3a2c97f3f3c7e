using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Reviews;

/// <summary>Whether a review is still going on.</summary>
public enum ReviewStatus
{
    Open,
    Merged,
    Closed,
}

/// <summary>A reviewer's verdict.</summary>
public enum DecisionKind
{
    Approve,
    RequestChanges,
}

/// <summary>What became of a suggested change.</summary>
public enum SuggestionStatus
{
    Open,
    Applied,
    Declined,
}

/// <summary>Someone in a review: who, their role, and the colour their presence is drawn in.</summary>
public sealed record ReviewParticipant(string UserId, string Name, WorkspaceRole Role, string Color);

/// <summary>A comment; a thread is a root comment (with an anchor) and its replies. Resolution belongs to the root.</summary>
public sealed record ReviewComment(
    Guid Id,
    Guid? ParentId,
    ReviewAnchor Anchor,
    string AuthorId,
    string Author,
    string Text,
    DateTimeOffset Time,
    bool Resolved = false,
    string? ResolvedBy = null);

/// <summary>A change a reviewer proposes; the author applies or declines it.</summary>
public sealed record ReviewSuggestion(
    Guid Id,
    string AuthorId,
    string Author,
    string Description,
    IReadOnlyList<PolicyChange> Changes,
    long BaseRevision,
    DateTimeOffset Time,
    SuggestionStatus Status = SuggestionStatus.Open,
    string? DecidedBy = null);

/// <summary>An approval or request for changes, given at a draft revision; it goes stale when the draft changes after it.</summary>
public sealed record ReviewDecision(string UserId, string User, DecisionKind Kind, long AtRevision, DateTimeOffset Time, string? Note);

/// <summary>
/// An invitation link: only a hash of its token is kept (the token itself is shown once to whoever
/// creates it); it grants a role, may expire and may be revoked.
/// </summary>
public sealed record ReviewInvite(Guid Id, string TokenHash, WorkspaceRole Role, DateTimeOffset Created, string CreatedBy, DateTimeOffset? Expires, DateTimeOffset? Revoked)
{
    /// <summary>Whether the link still works at <paramref name="now"/>.</summary>
    public bool IsUsable(DateTimeOffset now) => Revoked is null && (Expires is null || Expires > now);
}
