namespace PolicyEditor.Web.Reviews;

/// <summary>Where reviews and workspace memberships are kept.</summary>
public interface IReviewStore
{
    Task<ReviewSession?> LoadAsync(Guid reviewId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReviewSession>> ListAsync(Guid? workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Stores a review; fails with <see cref="ReviewConflictException"/> when <paramref name="previous"/> is no longer the stored value.</summary>
    Task SaveAsync(ReviewSession? previous, ReviewSession next, CancellationToken cancellationToken = default);

    /// <summary>The review whose invite has this token hash, with the invite.</summary>
    Task<(ReviewSession Review, ReviewInvite Invite)?> FindInviteAsync(string tokenHash, CancellationToken cancellationToken = default);

    Task<WorkspaceRole> RoleAsync(Guid workspaceId, string userId, CancellationToken cancellationToken = default);

    Task SetRoleAsync(Guid workspaceId, string userId, WorkspaceRole role, CancellationToken cancellationToken = default);

    /// <summary>Every member of a workspace with their role.</summary>
    Task<IReadOnlyList<(string UserId, WorkspaceRole Role)>> MembersAsync(Guid workspaceId, CancellationToken cancellationToken = default);
}

/// <summary>A review changed between reading and writing it (another instance or request got there first).</summary>
public sealed class ReviewConflictException(string message) : Exception(message);
