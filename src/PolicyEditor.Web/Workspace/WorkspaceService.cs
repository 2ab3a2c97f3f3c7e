using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// The one place workspaces change. Commands for a workspace are applied one at a time in arrival
/// order, stored before anyone is told, then announced to every subscriber (every open view, every
/// participant). Edits to policies someone else changed after the sender's revision are rejected
/// with the current state instead of overwriting theirs.
/// </summary>
public sealed class WorkspaceService : IDisposable
{
    private readonly IWorkspaceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkspaceService> _logger;
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<Guid, WorkspaceState> _current = new();
    private readonly ChangeFeed<WorkspaceChanged> _feed;

    // The versions read last of the workspaces whose history was looked at recently (by workspace and newest version).
    private readonly MemoryCache _versions = new(new MemoryCacheOptions { SizeLimit = 8 });

    private readonly WorkspaceAccess? _access;
    private readonly ScaleOut.IChangeBus _bus;

    /// <summary>
    /// Creates the service; with <paramref name="access"/>, every command is checked against the caller's
    /// role; with <paramref name="bus"/>, other app instances on the same database hear of every change.
    /// </summary>
    public WorkspaceService(IWorkspaceStore store, TimeProvider time, ILogger<WorkspaceService> logger, WorkspaceAccess? access = null, ScaleOut.IChangeBus? bus = null)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _access = access;
        _feed = new ChangeFeed<WorkspaceChanged>((e, change) =>
            logger.LogWarning(e, "A subscriber of workspace {Workspace} failed on revision {Revision}", change.State.Id, change.State.Revision));
        _bus = bus ?? new ScaleOut.LocalChangeBus();
        _bus.Subscribe(OnRemoteChangeAsync);
    }

    /// <summary>Another instance changed (or deleted) a workspace: forget this instance's copy, reload it, tell this instance's views.</summary>
    private async Task OnRemoteChangeAsync(ScaleOut.ChangeNotice notice)
    {
        if (notice.Subject != ScaleOut.ChangeSubject.Workspace)
        {
            return;
        }

        _current.TryRemove(notice.Id, out _);
        if (await GetAsync(notice.Id) is { } state)
        {
            Publish(new WorkspaceChanged(state, new Actor(notice.ActorId, notice.ActorName), notice.Description, null) { Remote = true });
        }
    }

    /// <summary>The permission a command needs.</summary>
    public static Permission PermissionFor(WorkspaceCommand command) => command switch
    {
        AcceptDraft => Permission.Merge,
        RenameWorkspace or SetRequiredApprovals => Permission.ManageWorkspace,
        _ => Permission.Edit,
    };

    /// <summary>Every workspace.</summary>
    public Task<IReadOnlyList<WorkspaceSummary>> ListAsync(CancellationToken cancellationToken = default) => _store.ListAsync(cancellationToken);

    /// <summary>The workspaces <paramref name="actor"/> may see, most recently changed first.</summary>
    public async Task<IReadOnlyList<WorkspaceSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var all = await _store.ListAsync(cancellationToken);
        if (_access is null)
        {
            return all;
        }

        var visible = new List<WorkspaceSummary>(all.Count);
        foreach (var summary in all)
        {
            var role = await _access.RoleAsync(summary.Id, actor, cancellationToken);
            if (Permissions.Allows(role, Permission.View))
            {
                visible.Add(summary with { Role = role });
            }
        }

        return visible;
    }

    /// <summary>The role <paramref name="actor"/> has in a workspace (owner of everything when access is not checked).</summary>
    public Task<WorkspaceRole> RoleAsync(Guid id, Actor actor, CancellationToken cancellationToken = default) =>
        _access is null ? Task.FromResult(WorkspaceRole.Owner) : _access.RoleAsync(id, actor, cancellationToken);

    /// <summary>Creates a workspace whose first version is <paramref name="cluster"/>.</summary>
    public async Task<WorkspaceState> CreateAsync(string name, Cluster cluster, Actor actor, string message, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var version = new WorkspaceVersion(1, cluster, actor.DisplayName, now, message);
        var state = new WorkspaceState(Guid.NewGuid(), name, 1, now, version, cluster, [], 0);
        await _store.SaveAsync(null, state, cancellationToken);
        _current[state.Id] = state;
        if (_access is not null && actor != Actor.Local && actor != Actor.System)
        {
            await _access.GrantAsync(state.Id, actor.Id, WorkspaceRole.Owner, cancellationToken);
        }

        _logger.LogInformation("Created workspace {Workspace} ({Name}) with {Workloads} workloads and {Policies} policies", state.Id, name, cluster.Workloads.Count, cluster.NetworkPolicies.Count);
        return state;
    }

    /// <summary>Copies a workspace the caller may see (its current draft becomes the copy's first version; the caller owns the copy).</summary>
    public async Task<WorkspaceState?> DuplicateAsync(Guid id, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        if (_access is not null)
        {
            await _access.DemandAsync(id, actor, Permission.View, cancellationToken);
        }

        var source = await GetAsync(id, cancellationToken);
        return source is null ? null : await CreateAsync(name, source.Draft, actor, $"Copied from {source.Name} at revision {source.Revision}", cancellationToken);
    }

    /// <summary>Deletes a workspace and its history (the owner's right).</summary>
    public async Task DeleteAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        if (_access is not null)
        {
            await _access.DemandAsync(id, actor, Permission.ManageWorkspace, cancellationToken);
        }

        await _store.DeleteAsync(id, cancellationToken);
        _current.TryRemove(id, out _);
        await _bus.PublishAsync(ScaleOut.ChangeSubject.Workspace, id, Actor.System, "deleted");
    }

    /// <summary>A workspace's current state, or null.</summary>
    public async Task<WorkspaceState?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (_current.TryGetValue(id, out var state))
        {
            return state;
        }

        state = await _store.LoadAsync(id, cancellationToken);
        return state is null ? null : _current.GetOrAdd(id, state);
    }

    /// <summary>The accepted versions of a workspace, oldest first.</summary>
    public async Task<IReadOnlyList<WorkspaceVersion>> VersionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        // Versions never change, and an accept adds one: the list read for the workspace's baseline holds until the next accept.
        if (await GetAsync(id, cancellationToken) is not { } state)
        {
            return await _store.VersionsAsync(id, cancellationToken);
        }

        // Versions are numbered from 1 and the baseline is the newest: a workspace never accepted since it was made has it only.
        if (state.Baseline.Number == 1)
        {
            return [state.Baseline];
        }

        var key = (id, state.Baseline.Number);
        if (_versions.TryGetValue(key, out IReadOnlyList<WorkspaceVersion>? known) && known is not null)
        {
            return known;
        }

        // The newest is the baseline the workspace holds already: one object, so the analyses of it are shared too.
        IReadOnlyList<WorkspaceVersion> versions = [.. (await _store.VersionsAsync(id, cancellationToken)).Select(v => v.Number == state.Baseline.Number ? state.Baseline : v)];
        _versions.Set(key, versions, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return versions;
    }

    public void Dispose() => _versions.Dispose();

    /// <summary>Applies a command; see the class summary for order and conflicts.</summary>
    public async Task<CommandResult> ExecuteAsync(Guid id, WorkspaceCommand command, Actor actor, CancellationToken cancellationToken = default)
    {
        if (_access is not null)
        {
            await _access.DemandAsync(id, actor, PermissionFor(command), cancellationToken);
        }

        return await ExecuteAuthorizedAsync(id, command, actor, cancellationToken);
    }

    /// <summary>Applies a command whose permission the caller has already checked (the review service's merge).</summary>
    internal async Task<CommandResult> ExecuteAuthorizedAsync(Guid id, WorkspaceCommand command, Actor actor, CancellationToken cancellationToken = default)
    {
        var gate = _gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        CommandResult result;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var state = await GetAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"There is no workspace {id}.");
                result = await Apply(state, command, actor, cancellationToken);
                if (!result.Applied || ReferenceEquals(result.State, state))
                {
                    break;
                }

                try
                {
                    await _store.SaveAsync(state, result.State, cancellationToken);
                    _current[id] = result.State;
                    break;
                }
                catch (WorkspaceConflictException) when (attempt < 2)
                {
                    // Another instance saved first: apply the command again to what it saved (a command
                    // based on a revision that now conflicts is refused by Apply with a clear message).
                    _current.TryRemove(id, out _);
                }
            }
        }
        finally
        {
            gate.Release();
        }

        if (result.Applied)
        {
            var description = result.Edit?.Description ?? Describe(command);
            Publish(new WorkspaceChanged(result.State, actor, description, result.Edit));
            await _bus.PublishAsync(ScaleOut.ChangeSubject.Workspace, id, actor, description);
        }

        return result;
    }

    /// <summary>Calls <paramref name="handler"/> for every change of every workspace until the subscription is disposed.</summary>
    public IDisposable SubscribeAll(Func<WorkspaceChanged, Task> handler) => Subscribe(Guid.Empty, handler);

    /// <summary>Calls <paramref name="handler"/> for every change of the workspace until the subscription is disposed.</summary>
    public IDisposable Subscribe(Guid id, Func<WorkspaceChanged, Task> handler) => _feed.Subscribe(id, handler);

    private void Publish(WorkspaceChanged change) => _feed.Publish(change.State.Id, change);

    private async Task<CommandResult> Apply(WorkspaceState state, WorkspaceCommand command, Actor actor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var next = state with { Revision = state.Revision + 1, Updated = now };
        switch (command)
        {
            case EditPolicies edit:
                {
                    if (edit.Changes.Count == 0)
                    {
                        return CommandResult.Ok(state, null);
                    }

                    if (Conflict(state, edit.Changes.Select(c => c.Id), edit.BaseRevision) is { } conflict)
                    {
                        return CommandResult.Rejected(state, conflict);
                    }

                    var inverse = edit.Changes.Select(c => new PolicyChange(c.Key, state.Draft.FindPolicy(c.Key))).Reverse().ToList();
                    var recorded = new DraftEdit(next.Revision, actor.Id, actor.DisplayName, now, edit.Description, edit.Changes, inverse);
                    return Record(next with { Draft = ApplyChanges(state.Draft, edit.Changes) }, state, recorded);
                }

            case ReplaceDraft replace:
                return Replace(state, next, replace.Cluster, replace.Description, actor, now);
            case RevertDraft:
                return state.HasDraftChanges ? Replace(state, next, state.Baseline.Cluster, "Revert the draft to the baseline", actor, now) : CommandResult.Ok(state, null);
            case RestoreVersion restore:
                {
                    var version = (await VersionsAsync(state.Id, cancellationToken)).FirstOrDefault(v => v.Number == restore.Number);
                    return version is null
                        ? CommandResult.Rejected(state, $"There is no version {restore.Number} of this workspace.")
                        : Replace(state, next, version.Cluster, $"Restore version {version.Number} ({version.Message})", actor, now);
                }

            case UndoEdit:
                {
                    if (!state.CanUndo)
                    {
                        return CommandResult.Rejected(state, "There is nothing to undo.");
                    }

                    var edit = state.Edits[state.Edits.Count - state.UndoDepth - 1];
                    var draft = edit.IsReplacement ? edit.ReplacedFrom! : ApplyChanges(state.Draft, edit.Inverse);
                    return CommandResult.Ok(next with { Draft = draft, UndoDepth = state.UndoDepth + 1 }, edit with { Description = $"Undo: {edit.Description}" });
                }

            case RedoEdit:
                {
                    if (!state.CanRedo)
                    {
                        return CommandResult.Rejected(state, "There is nothing to redo.");
                    }

                    var edit = state.Edits[state.Edits.Count - state.UndoDepth];
                    var draft = edit.IsReplacement ? edit.ReplacedWith! : ApplyChanges(state.Draft, edit.Changes);
                    return CommandResult.Ok(next with { Draft = draft, UndoDepth = state.UndoDepth - 1 }, edit with { Description = $"Redo: {edit.Description}" });
                }

            case AcceptDraft accept:
                {
                    if (!state.HasDraftChanges)
                    {
                        return CommandResult.Rejected(state, "The draft has no changes to accept.");
                    }

                    var version = new WorkspaceVersion(state.Baseline.Number + 1, state.Draft, actor.DisplayName, now,
                        string.IsNullOrWhiteSpace(accept.Message) ? "Accepted changes" : accept.Message.Trim());
                    return CommandResult.Ok(next with { Baseline = version, Edits = [], UndoDepth = 0 }, null);
                }

            case SetRequiredApprovals approvals:
                return approvals.Count is < 1 or > 10
                    ? CommandResult.Rejected(state, "A change needs from 1 to 10 approvals.")
                    : CommandResult.Ok(next with { RequiredApprovals = approvals.Count }, null);

            case RenameWorkspace rename:
                {
                    var name = rename.Name.Trim();
                    return name.Length == 0
                        ? CommandResult.Rejected(state, "A workspace needs a name.")
                        : CommandResult.Ok(next with { Name = name }, null);
                }

            default:
                throw new NotSupportedException($"Unknown command {command.GetType().Name}.");
        }
    }

    private static CommandResult Replace(WorkspaceState state, WorkspaceState next, Cluster cluster, string description, Actor actor, DateTimeOffset now)
    {
        var changes = PolicyDiff(state.Draft, cluster);
        var recorded = new DraftEdit(next.Revision, actor.Id, actor.DisplayName, now, description, changes, [], state.Draft, cluster);
        return Record(next with { Draft = cluster }, state, recorded);
    }

    /// <summary>Adds an edit to the log; edits that were undone are dropped, as in any editor.</summary>
    private static CommandResult Record(WorkspaceState next, WorkspaceState state, DraftEdit edit)
    {
        var edits = state.Edits.Take(state.Edits.Count - state.UndoDepth).Append(edit).ToList();
        return CommandResult.Ok(next with { Edits = edits, UndoDepth = 0 }, edit);
    }

    /// <summary>The message for an edit based on an old revision that touches a policy someone changed since; null when there is no conflict.</summary>
    private static string? Conflict(WorkspaceState state, IEnumerable<string> policies, long? baseRevision)
    {
        if (baseRevision is not { } b || b >= state.Revision)
        {
            return null;
        }

        var touched = policies.ToHashSet(StringComparer.Ordinal);
        var later = state.Applied.Where(e => e.Revision > b).FirstOrDefault(e => e.IsReplacement || e.PolicyIds.Any(touched.Contains));
        return later is null
            ? null
            : $"{later.Author} changed {(later.IsReplacement ? "the whole draft" : string.Join(", ", later.PolicyIds.Where(touched.Contains)))} ({later.Description}) after the version you edited, so your change was not applied. You now see the current version; make your change again if it still applies.";
    }

    private static Cluster ApplyChanges(Cluster cluster, IEnumerable<PolicyChange> changes) => changes.Aggregate(cluster, (c, change) => c.Apply(change));

    /// <summary>The policy changes that turn one draft's policies into another's (for the edit log).</summary>
    private static IReadOnlyList<PolicyChange> PolicyDiff(Cluster before, Cluster after) => [.. PolicyDifference.Between(before, after).Select(d => d.Change)];

    private static string Describe(WorkspaceCommand command) => command switch
    {
        AcceptDraft a => $"Accepted the draft: {a.Message}",
        RenameWorkspace r => $"Renamed the workspace to {r.Name}",
        SetRequiredApprovals a => $"A change now needs {a.Count} approval(s)",
        _ => command.GetType().Name,
    };
}
