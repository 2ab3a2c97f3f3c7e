namespace PolicyEditor.Web.Traffic;

/// <summary>Where a workspace's observed traffic is kept, beside the workspace (in the database when there is one).</summary>
public interface IObservedTrafficStore
{
    /// <summary>The workspace's observed traffic; <see cref="ObservedTrafficRecord.None"/> when none was imported.</summary>
    Task<ObservedTrafficRecord> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Keeps the workspace's observed traffic, replacing what was kept.</summary>
    Task SaveAsync(Guid workspaceId, ObservedTrafficRecord record, CancellationToken cancellationToken = default);

    /// <summary>Forgets the workspace's observed traffic.</summary>
    Task ClearAsync(Guid workspaceId, CancellationToken cancellationToken = default);
}
