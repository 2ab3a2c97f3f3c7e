using System.Collections.Concurrent;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Graph positions kept in this process only (until the workspace store keeps them too).</summary>
public sealed class InMemoryGraphLayoutStore : IGraphLayoutStore
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, GraphPoint>> _positions = new();

    public Task<IReadOnlyDictionary<string, GraphPoint>> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, GraphPoint>>(
            _positions.TryGetValue(workspaceId, out var p) ? new Dictionary<string, GraphPoint>(p, StringComparer.Ordinal) : new Dictionary<string, GraphPoint>(StringComparer.Ordinal));

    public Task SaveAsync(Guid workspaceId, IReadOnlyDictionary<string, GraphPoint> moved, CancellationToken cancellationToken = default)
    {
        var positions = _positions.GetOrAdd(workspaceId, _ => new ConcurrentDictionary<string, GraphPoint>(StringComparer.Ordinal));
        foreach (var (id, point) in moved)
        {
            positions[id] = point;
        }

        return Task.CompletedTask;
    }

    public Task ClearAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        _positions.TryRemove(workspaceId, out _);
        return Task.CompletedTask;
    }
}
