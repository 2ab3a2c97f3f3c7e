using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// Finds the workspace to open when none is named: the most recently changed one the user may see, or,
/// when there is none (a first run, or a new account), a new one made from the bundled sample.
/// </summary>
public sealed class WorkspaceDirectory(WorkspaceService workspaces, SampleClusterProvider samples)
{
    private readonly SemaphoreSlim _seeding = new(1, 1);

    /// <summary>The workspace to show at <c>/</c>.</summary>
    public async Task<WorkspaceState> DefaultAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await _seeding.WaitAsync(cancellationToken);
        try
        {
            var existing = (await workspaces.ListAsync(actor, cancellationToken)).FirstOrDefault();
            if (existing is not null && await workspaces.GetAsync(existing.Id, cancellationToken) is { } state)
            {
                return state;
            }

            var sample = samples.GetSample();
            var owner = actor == Actor.Local ? Actor.System : actor;
            return await workspaces.CreateAsync($"{sample.Name} sample", sample.Result.Cluster, owner, $"Loaded from the bundled sample {sample.Source}", cancellationToken);
        }
        finally
        {
            _seeding.Release();
        }
    }
}
