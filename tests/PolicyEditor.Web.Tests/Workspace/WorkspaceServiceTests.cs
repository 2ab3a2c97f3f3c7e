using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Workspace;

public class WorkspaceServiceTests
{
    private static readonly Actor Alice = new("alice", "Alice");
    private static readonly Actor Bob = new("bob", "Bob");

    private static readonly Cluster Start = TestClusters.Shop;

    private static NetworkPolicy Deny(string name) => TestClusters.Deny(name);

    private static WorkspaceService NewService() => new(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);

    [Fact]
    public async Task EditThenUndoThenRedo_RestoresEachDraft()
    {
        var service = NewService();
        var ws = await service.CreateAsync("shop", Start, Alice, "imported");

        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("deny"))], "add deny"), Alice);
        var undone = await service.ExecuteAsync(ws.Id, new UndoEdit(), Alice);
        var redone = await service.ExecuteAsync(ws.Id, new RedoEdit(), Alice);

        Assert.Empty(undone.State.Draft.NetworkPolicies);
        Assert.False(undone.State.HasDraftChanges);
        Assert.Equal("deny", Assert.Single(redone.State.Draft.NetworkPolicies).Name);
        Assert.True(redone.State.HasDraftChanges);
    }

    [Fact]
    public async Task NewEditAfterUndo_DropsTheUndoneEdit()
    {
        var service = NewService();
        var ws = await service.CreateAsync("shop", Start, Alice, "imported");
        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("a"))], "a"), Alice);
        await service.ExecuteAsync(ws.Id, new UndoEdit(), Alice);

        var result = await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("b"))], "b"), Alice);

        Assert.False(result.State.CanRedo);
        Assert.Equal(["b"], result.State.Draft.NetworkPolicies.Select(p => p.Name));
    }

    [Fact]
    public async Task EditOfAPolicyChangedSinceTheSendersRevision_IsRejectedWithTheCurrentState()
    {
        var service = NewService();
        var ws = await service.CreateAsync("shop", Start, Alice, "imported");
        var seen = ws.Revision;
        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("p"))], "alice adds p"), Alice);

        var late = await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Delete(Deny("p"))], "bob deletes p") { BaseRevision = seen }, Bob);
        var unrelated = await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("q"))], "bob adds q") { BaseRevision = seen }, Bob);

        Assert.False(late.Applied);
        Assert.Contains("Alice changed shop/p", late.Message, StringComparison.Ordinal);
        Assert.True(unrelated.Applied);
        Assert.Equal(["p", "q"], unrelated.State.Draft.NetworkPolicies.Select(p => p.Name));
    }

    [Fact]
    public async Task Accept_MakesANewVersion_AndRestoreBringsAnOldOneBack()
    {
        var service = NewService();
        var ws = await service.CreateAsync("shop", Start, Alice, "imported");
        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("deny"))], "add deny"), Alice);

        var accepted = await service.ExecuteAsync(ws.Id, new AcceptDraft("lock down shop"), Alice);
        var restored = await service.ExecuteAsync(ws.Id, new RestoreVersion(1), Alice);
        var versions = await service.VersionsAsync(ws.Id);

        Assert.Equal(2, accepted.State.Baseline.Number);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal("lock down shop", versions[1].Message);
        Assert.Empty(restored.State.Draft.NetworkPolicies);
        Assert.True(restored.State.HasDraftChanges);
    }

    [Fact]
    public async Task Subscribers_HearEveryAppliedChange()
    {
        var service = NewService();
        var ws = await service.CreateAsync("shop", Start, Alice, "imported");
        var heard = new List<string>();
        using var subscription = service.Subscribe(ws.Id, change =>
        {
            lock (heard)
            {
                heard.Add($"{change.Actor.DisplayName}: {change.Description}");
            }

            return Task.CompletedTask;
        });

        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("deny"))], "add deny"), Alice);
        await service.ExecuteAsync(ws.Id, new UndoEdit(), Bob);

        await Task.Delay(50);
        Assert.Equal(["Alice: add deny", "Bob: Undo: add deny"], heard);
    }

    [Fact]
    public async Task Analysis_ShowsTheDraftsImpactAgainstTheBaseline()
    {
        var service = NewService();
        var ws = await service.CreateAsync("shop", Start, Alice, "imported");
        var edited = await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("deny"))], "add deny"), Alice);

        var analysis = await new WorkspaceAnalyzer().AnalyzeAsync(edited.State);

        var change = Assert.Single(analysis.Impact.Changes, c => c.Source.Id == "shop/web[Deployment]" && c.Destination.Id == "shop/db[StatefulSet]");
        Assert.Equal(Engine.Reachability.ChangeKind.Removed, change.Kind);
        Assert.Equal(["shop/deny"], change.Causes);
    }

    [Fact]
    public async Task History_IsReadFromTheStoreOnce_UntilTheNextAccept()
    {
        var store = new CountingStore();
        var service = new WorkspaceService(store, TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        var ws = await service.CreateAsync("shop", Start, Alice, "imported");

        // Never accepted since it was made: its one version is the baseline it holds.
        Assert.Equal([1], (await service.VersionsAsync(ws.Id)).Select(v => v.Number));
        Assert.Equal(0, store.VersionReads);

        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("deny"))], "add deny"), Alice);
        await service.ExecuteAsync(ws.Id, new AcceptDraft("locked"), Alice);
        var first = await service.VersionsAsync(ws.Id);
        var again = await service.VersionsAsync(ws.Id);

        Assert.Equal([1, 2], first.Select(v => v.Number));
        Assert.Same(first, again);
        Assert.Same((await service.GetAsync(ws.Id))!.Baseline, first[^1]);
        Assert.Equal(1, store.VersionReads);

        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(Deny("deny-more"))], "add another"), Alice);
        await service.ExecuteAsync(ws.Id, new AcceptDraft("locked more"), Alice);

        Assert.Equal([1, 2, 3], (await service.VersionsAsync(ws.Id)).Select(v => v.Number));
        Assert.Equal(2, store.VersionReads);
    }

    /// <summary>A store in memory that counts how often the versions are read.</summary>
    private sealed class CountingStore : IWorkspaceStore
    {
        private readonly InMemoryWorkspaceStore _inner = new();

        public int VersionReads { get; private set; }

        public Task<IReadOnlyList<WorkspaceSummary>> ListAsync(CancellationToken cancellationToken = default) => _inner.ListAsync(cancellationToken);

        public Task<WorkspaceState?> LoadAsync(Guid id, CancellationToken cancellationToken = default) => _inner.LoadAsync(id, cancellationToken);

        public Task SaveAsync(WorkspaceState? previous, WorkspaceState next, CancellationToken cancellationToken = default) => _inner.SaveAsync(previous, next, cancellationToken);

        public Task<IReadOnlyList<WorkspaceVersion>> VersionsAsync(Guid id, CancellationToken cancellationToken = default)
        {
            VersionReads++;
            return _inner.VersionsAsync(id, cancellationToken);
        }

        public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, cancellationToken);
    }
}
