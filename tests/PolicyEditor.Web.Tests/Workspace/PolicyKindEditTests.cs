using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Export;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Storage;
using PolicyEditor.Web.Tests.Storage;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Workspace;

/// <summary>Admin policies and ClusterNetworkPolicies are edited, undone, stored, exported and reviewed as NetworkPolicies are.</summary>
public class PolicyKindEditTests
{
    private static readonly Actor Alice = new("alice", "Alice");

    private static readonly AdminSubject Shop = AdminSubject.OfNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, "shop")));

    private static AdminRule DenyAll() => new("deny-all", AdminAction.Deny, ValueArray.Create(AdminPeer.OfNamespaces(LabelSelector.Everything)), ValueArray<AdminPort>.Empty);

    private static AdminNetworkPolicy Anp(int priority = 10) => new("lockdown", priority, Shop, ValueArray.Create(DenyAll()), ValueArray<AdminRule>.Empty);

    private static ClusterNetworkPolicy Cnp(int priority = 10) =>
        new("lockdown", ClusterNetworkPolicyTier.Admin, priority, Shop, ValueArray.Create(DenyAll()), ValueArray<AdminRule>.Empty);

    /// <summary>A new policy of each kind, and the same policy changed.</summary>
    public static TheoryData<string> Kinds => [nameof(AdminNetworkPolicy), nameof(ClusterNetworkPolicy)];

    private static (IPolicyResource Added, IPolicyResource Changed) PoliciesOf(string kind) => kind == nameof(AdminNetworkPolicy)
        ? (Anp(), Anp(20))
        : (Cnp(), Cnp(20));

    private static WorkspaceService NewService() => new(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EditUndoRedo_OfAnAdminKind_RestoreEachDraft_AndTheLogNamesThePolicy(string kind)
    {
        var (added, changed) = PoliciesOf(kind);
        var service = NewService();
        var ws = await service.CreateAsync("shop", TestClusters.Shop, Alice, "imported");

        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(added)], "add"), Alice);
        var edited = await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(changed)], "change"), Alice);
        var undone = await service.ExecuteAsync(ws.Id, new UndoEdit(), Alice);
        var redone = await service.ExecuteAsync(ws.Id, new RedoEdit(), Alice);

        Assert.Equal(changed, edited.State.Draft.FindPolicy(changed.Key));
        Assert.Equal(added, undone.State.Draft.FindPolicy(added.Key));
        Assert.Equal(changed, redone.State.Draft.FindPolicy(changed.Key));
        Assert.Equal([changed.Key.Id], PolicyDifference.Between(TestClusters.Shop, redone.State.Draft).Select(d => d.Id));
        Assert.Equal([added.Key.Id], undone.State.Edits[^1].Inverse.Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EditsOfAnAdminKind_AndTheirUndo_SurviveARestartOfTheDatabase(string kind)
    {
        var (added, changed) = PoliciesOf(kind);
        var location = StoreFactories.NewSqliteFile();
        WorkspaceService Over(Microsoft.EntityFrameworkCore.IDbContextFactory<StorageContext> factory) =>
            new(new EfWorkspaceStore(factory), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        var service = Over(await StoreFactories.MigratedAsync(location));
        var ws = await service.CreateAsync("shop", TestClusters.Shop, Alice, "imported");
        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(added)], "add"), Alice);
        await service.ExecuteAsync(ws.Id, new EditPolicies([PolicyChange.Upsert(changed)], "change"), Alice);

        var restarted = Over(StoreFactories.For(location));
        var undone = await restarted.ExecuteAsync(ws.Id, new UndoEdit(), Alice);

        Assert.Equal(added, undone.State.Draft.FindPolicy(added.Key));
        Assert.Equal(undone.State.Draft, (await Over(StoreFactories.For(location)).GetAsync(ws.Id))!.Draft);
        Assert.Equal(changed, Assert.Single(undone.State.Edits[^1].Changes).After);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void YamlPaneText_OfAnAdminKind_ReadsBackAsAnEdit_ThatTheDraftTakes(string kind)
    {
        var (added, changed) = PoliciesOf(kind);
        var draft = TestClusters.Shop.Apply(PolicyChange.Upsert(added));
        var text = PolicyYaml.Write(draft, null);

        var result = PolicyYaml.Read(text.Replace("priority: 10", "priority: 20", StringComparison.Ordinal), draft, null, out var command);

        Assert.False(result.HasErrors);
        var edit = Assert.IsType<EditPolicies>(command);
        Assert.Equal(changed, Assert.Single(edit.Changes).After);
        Assert.Equal($"Edit {changed.Key.Id} in YAML", edit.Description);
        Assert.Equal(1, PolicyYaml.LineOf(text, added.Key.Id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void YamlPaneText_WithoutAnAdminPolicy_DeletesIt(string kind)
    {
        var (added, _) = PoliciesOf(kind);
        var draft = TestClusters.Shop.Apply(PolicyChange.Upsert(added)).Apply(PolicyChange.Upsert(TestClusters.Deny("deny")));

        PolicyYaml.Read(PolicyYaml.Write(draft with { AdminNetworkPolicies = ValueArray<AdminNetworkPolicy>.Empty, OtherPolicies = ValueArray<IPolicyResource>.Empty }, null), draft, null, out var command);

        var change = Assert.Single(Assert.IsType<EditPolicies>(command).Changes);
        Assert.Equal((added.Key, (IPolicyResource?)null), (change.Key, change.After));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExportOfChanges_HoldsTheChangedAdminPolicy_AndHowToDeleteADeletedOne(string kind)
    {
        var (added, changed) = PoliciesOf(kind);
        var baseline = TestClusters.Shop.Apply(PolicyChange.Upsert(added)).Apply(PolicyChange.Upsert(new AdminNetworkPolicy("old", 99, Shop, ValueArray<AdminRule>.Empty, ValueArray<AdminRule>.Empty)));
        var draft = baseline.Apply(PolicyChange.Upsert(changed)).Apply(new PolicyChange(new PolicyKey(nameof(AdminNetworkPolicy), null, "old"), null));

        var text = PolicyExport.ChangedPolicies(baseline, draft);
        var read = Uploads.Load([new UploadedFile("changed.yaml", Encoding.UTF8.GetBytes(text))]);

        Assert.Equal([changed], read.Result.Cluster.Policies);
        Assert.Contains("kubectl delete adminnetworkpolicy old\n", text, StringComparison.Ordinal);
        Assert.Equal(draft.Policies, ManifestLoader.LoadText(PolicyExport.AllPolicies(draft), "all.yaml").Cluster.Policies);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReviewDiffAndSuggestion_OfAnAdminKind_ShowItsYaml(string kind)
    {
        var (added, changed) = PoliciesOf(kind);
        var baseline = TestClusters.Shop.Apply(PolicyChange.Upsert(added));
        var draft = baseline.Apply(PolicyChange.Upsert(changed));

        var diff = Assert.Single(PolicyYamlDiff.Between(baseline, draft));
        var suggested = PolicyYaml.ReadUpserts(Manifests.Writing.ManifestWriter.Write(changed), "suggestion", out var problem);

        Assert.Equal((changed.Key.Id, "changed"), (diff.Policy, diff.Change));
        Assert.Null(problem);
        Assert.Equal(changed, Assert.Single(suggested).After);
        Assert.Equal(suggested, ReviewJson.ReadItem<IReadOnlyList<PolicyChange>>(ReviewJson.WriteItem<IReadOnlyList<PolicyChange>>(suggested)));
    }
}
