using System.Collections.Concurrent;

namespace PolicyEditor.Web.Reviews;

/// <summary>Reviews in this process only (tests, and single-instance runs without a database).</summary>
public sealed class InMemoryReviewStore : IReviewStore
{
    private readonly ConcurrentDictionary<Guid, ReviewSession> _reviews = new();

    public Task<ReviewSession?> LoadAsync(Guid reviewId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_reviews.TryGetValue(reviewId, out var r) ? r : null);

    public Task<IReadOnlyList<ReviewSession>> ListAsync(Guid? workspaceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReviewSession>>([.. _reviews.Values.Where(r => workspaceId is null || r.WorkspaceId == workspaceId).OrderByDescending(r => r.Created)]);

    public Task SaveAsync(ReviewSession? previous, ReviewSession next, CancellationToken cancellationToken = default)
    {
        if (previous is null)
        {
            if (!_reviews.TryAdd(next.Id, next))
            {
                throw new ReviewConflictException("The review already exists.");
            }
        }
        else if (!_reviews.TryUpdate(next.Id, next, previous))
        {
            throw new ReviewConflictException("The review changed meanwhile.");
        }

        return Task.CompletedTask;
    }

    public Task<(ReviewSession Review, ReviewInvite Invite)?> FindInviteAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        foreach (var review in _reviews.Values)
        {
            var invite = review.Invites.FirstOrDefault(i => i.TokenHash == tokenHash);
            if (invite is not null)
            {
                return Task.FromResult<(ReviewSession, ReviewInvite)?>((review, invite));
            }
        }

        return Task.FromResult<(ReviewSession, ReviewInvite)?>(null);
    }
}
