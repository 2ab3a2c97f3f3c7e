namespace PolicyEditor.Web.Workspace;

/// <summary>
/// Finds the workspace to open when none is named: the most recently changed one, or, on a first run
/// with no workspaces at all, a new one made from the bundled sample.
/// </summary>
public sealed class WorkspaceDirectory(WorkspaceService workspaces, SampleClusterProvider samples)
{
    private readonly SemaphoreSlim _seeding = new(1, 1);

    /// <summary>The workspace to show at <c>/</c>.</summary>
    public async Task<WorkspaceState> DefaultAsync(CancellationToken cancellationToken = default)
    {
        await _seeding.WaitAsync(cancellationToken);
        try
        {
            var existing = (await workspaces.ListAsync(cancellationToken)).FirstOrDefault();
            if (existing is not null && await workspaces.GetAsync(existing.Id, cancellationToken) is { } state)
            {
                return state;
            }

            var sample = samples.GetSample();
            return await workspaces.CreateAsync($"{sample.Name} sample", sample.Result.Cluster, Actor.System, $"Loaded from the bundled sample {sample.Source}", cancellationToken);
        }
        finally
        {
            _seeding.Release();
        }
    }
}
