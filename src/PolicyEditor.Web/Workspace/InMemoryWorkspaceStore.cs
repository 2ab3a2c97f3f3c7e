using System.Collections.Concurrent;

namespace PolicyEditor.Web.Workspace;

/// <summary>A store that keeps workspaces in this process only (tests, and a fallback when no database is configured).</summary>
public sealed class InMemoryWorkspaceStore : IWorkspaceStore
{
    private readonly ConcurrentDictionary<Guid, WorkspaceState> _states = new();
    private readonly ConcurrentDictionary<Guid, List<WorkspaceVersion>> _versions = new();

    public Task<IReadOnlyList<WorkspaceSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkspaceSummary>>([.. _states.Values.Select(s => s.Summary).OrderByDescending(s => s.Updated)]);

    public Task<WorkspaceState?> LoadAsync(Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_states.TryGetValue(id, out var state) ? state : null);

    public Task SaveAsync(WorkspaceState? previous, WorkspaceState next, CancellationToken cancellationToken = default)
    {
        _states[next.Id] = next;
        var versions = _versions.GetOrAdd(next.Id, _ => []);
        lock (versions)
        {
            if (!versions.Any(v => v.Number == next.Baseline.Number))
            {
                versions.Add(next.Baseline);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkspaceVersion>> VersionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!_versions.TryGetValue(id, out var versions))
        {
            return Task.FromResult<IReadOnlyList<WorkspaceVersion>>([]);
        }

        lock (versions)
        {
            return Task.FromResult<IReadOnlyList<WorkspaceVersion>>([.. versions.OrderBy(v => v.Number)]);
        }
    }

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        _states.TryRemove(id, out _);
        _versions.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
