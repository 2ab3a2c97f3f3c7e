using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Workspace;

/// <summary>
/// YAML typed while the connection was down, restored later: only what the user changed is replayed, on
/// the draft as it is then, and a change to a policy someone else changed meanwhile is refused.
/// </summary>
public class YamlBackupTests
{
    private static readonly Actor Alice = new("alice", "Alice");
    private static readonly Actor Bob = new("bob", "Bob");

    private static readonly Cluster Start = TestClusters.Shop with { NetworkPolicies = ValueArray.Create(Deny("a"), Deny("b")) };

    private static NetworkPolicy Deny(string name, PolicyTypes types = PolicyTypes.Ingress) => TestClusters.Deny(name, types);

    private static WorkspaceService NewService() => new(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);

    /// <summary>The pane's text at a state, with one policy's types changed to Ingress+Egress as a user would type it.</summary>
    private static string Typed(WorkspaceState seen, string policy) =>
        PolicyYaml.Write(seen.Draft.Apply(PolicyChange.Upsert(Deny(policy, PolicyTypes.Ingress | PolicyTypes.Egress))), "shop");

    [Fact]
    public async Task Replay_AppliesOnlyTheUsersChange_KeepingWhatOthersChangedSince()
    {
        var service = NewService();
        var seen = await service.CreateAsync("shop", Start, Alice, "imported");
        var backup = new YamlBackup(Typed(seen, "a"), PolicyYaml.Write(seen.Draft, "shop"), seen.Revision, "shop", 0);

        // While Alice was offline, Bob added a policy and deleted another; her text still has b and lacks c.
        var bobs = await service.ExecuteAsync(seen.Id, new EditPolicies([PolicyChange.Upsert(Deny("c")), PolicyChange.Delete(Deny("b"))], "bob"), Bob);

        var replay = backup.Replay(bobs.State.Draft, bobs.State.Revision);
        var result = await service.ExecuteAsync(seen.Id, replay.Command!, Alice);

        Assert.True(result.Applied, result.Message);
        var policies = result.State.Draft.NetworkPolicies.ToDictionary(p => p.Name);
        Assert.Equal(["a", "c"], policies.Keys.Order());
        Assert.Equal(PolicyTypes.Ingress | PolicyTypes.Egress, policies["a"].DeclaredPolicyTypes);
    }

    [Fact]
    public async Task Replay_OfAPolicySomeoneChangedSince_IsRefusedWithTheirChangeKept()
    {
        var service = NewService();
        var seen = await service.CreateAsync("shop", Start, Alice, "imported");
        var backup = new YamlBackup(Typed(seen, "a"), PolicyYaml.Write(seen.Draft, "shop"), seen.Revision, "shop", 0);
        var bobs = await service.ExecuteAsync(seen.Id, new EditPolicies([PolicyChange.Delete(Deny("a"))], "bob deletes a"), Bob);

        var replay = backup.Replay(bobs.State.Draft, bobs.State.Revision);
        var result = await service.ExecuteAsync(seen.Id, replay.Command!, Alice);

        Assert.False(result.Applied);
        Assert.Contains("bob deletes a", result.Message, StringComparison.Ordinal);
        Assert.Equal(["b"], result.State.Draft.NetworkPolicies.Select(p => p.Name));
    }

    [Fact]
    public async Task Replay_WhenNothingChangedSince_IsTheSameEditAsTyping()
    {
        var service = NewService();
        var seen = await service.CreateAsync("shop", Start, Alice, "imported");
        var text = Typed(seen, "b");
        var backup = new YamlBackup(text, PolicyYaml.Write(seen.Draft, "shop"), seen.Revision, "shop", 0);

        var replay = backup.Replay(seen.Draft, seen.Revision);
        PolicyYaml.Read(text, seen.Draft, "shop", out var typed);

        Assert.Equal(((EditPolicies)typed!).Changes, ((EditPolicies)replay.Command!).Changes);
        Assert.Equal(seen.Revision, replay.Command!.BaseRevision);
    }

    [Fact]
    public void Replay_OfTextThatDoesNotParse_SendsNothing_AndOfTextTheDraftAlreadySays_SaysSo()
    {
        var text = PolicyYaml.Write(Start, "shop");

        var broken = new YamlBackup(text.Replace("podSelector: {}", "podSelector: [", StringComparison.Ordinal), text, 1, "shop", 0).Replay(Start, 1);
        var same = new YamlBackup(text, text, 1, "shop", 0).Replay(Start, 2);

        Assert.True(broken.HasErrors);
        Assert.Null(broken.Command);
        Assert.Null(same.Command);
        Assert.Contains("nothing to restore", same.Problem, StringComparison.Ordinal);
    }
}
