using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Model;

public class PolicyDifferenceTests
{
    private static NetworkPolicy Policy(string name, PolicyTypes types = PolicyTypes.Ingress) =>
        new("shop", name, LabelSelector.Everything, types, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);

    private static Cluster With(params NetworkPolicy[] policies) => Cluster.Empty with { NetworkPolicies = ValueArray.Create(policies) };

    [Fact]
    public void Between_NamesEachAddedChangedAndDeletedPolicyOnce_AndNotTheSameOnes()
    {
        var before = With(Policy("same"), Policy("changed"), Policy("deleted"));
        var after = With(Policy("added"), Policy("changed", PolicyTypes.Egress), Policy("same"), Policy("added", PolicyTypes.Egress));

        var differences = PolicyDifference.Between(before, after);

        Assert.Equal(["shop/added added", "shop/changed changed", "shop/deleted deleted"], differences.Select(d => $"{d.Id} {d.Kind}"));
        Assert.Equal(PolicyTypes.Ingress, ((NetworkPolicy)differences[0].After!).DeclaredPolicyTypes);
        Assert.Equal(PolicyTypes.Egress, ((NetworkPolicy)differences[1].After!).DeclaredPolicyTypes);
        Assert.Null(differences[2].Change.After);
    }

    [Fact]
    public void Between_AppliedAsChanges_TurnsTheFirstClusterIntoTheSecond()
    {
        var before = With(Policy("a"), Policy("b"));
        var after = With(Policy("b", PolicyTypes.Egress), Policy("c"));

        var result = PolicyDifference.Between(before, after).Aggregate(before, (c, d) => c.Apply(d.Change));

        Assert.Empty(PolicyDifference.Between(result, after));
        Assert.Empty(PolicyDifference.Between(after, after));
    }
}
