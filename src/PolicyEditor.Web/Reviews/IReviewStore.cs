namespace PolicyEditor.Web.Reviews;

/// <summary>Where reviews are kept (memberships are in <see cref="Access.IMembershipStore"/>).</summary>
public interface IReviewStore
{
    Task<ReviewSession?> LoadAsync(Guid reviewId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReviewSession>> ListAsync(Guid? workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Stores a review; fails with <see cref="ReviewConflictException"/> when <paramref name="previous"/> is no longer the stored value.</summary>
    Task SaveAsync(ReviewSession? previous, ReviewSession next, CancellationToken cancellationToken = default);

    /// <summary>The review whose invite has this token hash, with the invite.</summary>
    Task<(ReviewSession Review, ReviewInvite Invite)?> FindInviteAsync(string tokenHash, CancellationToken cancellationToken = default);
}
