using System.Collections.Concurrent;

namespace PolicyEditor.Web.Explorer;

/// <summary>A node position the user chose by dragging.</summary>
public readonly record struct GraphPoint(double X, double Y);

/// <summary>Where the positions users drag nodes to are kept, per workspace.</summary>
public interface IGraphLayoutStore
{
    Task<IReadOnlyDictionary<string, GraphPoint>> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    Task SaveAsync(Guid workspaceId, IReadOnlyDictionary<string, GraphPoint> moved, CancellationToken cancellationToken = default);
}

/// <summary>Positions kept in this process.</summary>
public sealed class InMemoryGraphLayoutStore : IGraphLayoutStore
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, GraphPoint>> _positions = new();

    public Task<IReadOnlyDictionary<string, GraphPoint>> LoadAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, GraphPoint>>(_positions.TryGetValue(workspaceId, out var p) ? new Dictionary<string, GraphPoint>(p) : new Dictionary<string, GraphPoint>());

    public Task SaveAsync(Guid workspaceId, IReadOnlyDictionary<string, GraphPoint> moved, CancellationToken cancellationToken = default)
    {
        var positions = _positions.GetOrAdd(workspaceId, _ => new ConcurrentDictionary<string, GraphPoint>());
        foreach (var (id, point) in moved)
        {
            positions[id] = point;
        }

        return Task.CompletedTask;
    }
}
