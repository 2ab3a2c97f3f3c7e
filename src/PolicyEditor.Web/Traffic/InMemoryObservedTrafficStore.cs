using System.Collections.Concurrent;

namespace PolicyEditor.Web.Traffic;

/// <summary>Observed traffic kept in memory, for an installation without a database (and tests).</summary>
public sealed class InMemoryObservedTrafficStore : IObservedTrafficStore
{
    private readonly ConcurrentDictionary<Guid, ObservedTrafficRecord> _records = new();

    /// <inheritdoc />
    public Task<ObservedTrafficRecord> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault(workspaceId, ObservedTrafficRecord.None));

    /// <inheritdoc />
    public Task SaveAsync(Guid workspaceId, ObservedTrafficRecord record, CancellationToken cancellationToken = default)
    {
        _records[workspaceId] = record;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        _records.TryRemove(workspaceId, out _);
        return Task.CompletedTask;
    }
}
