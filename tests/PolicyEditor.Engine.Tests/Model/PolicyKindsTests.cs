using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Model;

/// <summary>Every policy kind is changed, compared and undone as a NetworkPolicy is.</summary>
public class PolicyKindsTests
{
    private static readonly AdminSubject Everyone = AdminSubject.OfNamespaces(LabelSelector.Everything);

    private static AdminRule Rule(AdminAction action) => new("r", action, ValueArray.Create(AdminPeer.OfNamespaces(LabelSelector.Everything)), ValueArray<AdminPort>.Empty);

    private static AdminNetworkPolicy Admin(string name, int priority, AdminAction action = AdminAction.Deny) =>
        new(name, priority, Everyone, ValueArray.Create(Rule(action)), ValueArray<AdminRule>.Empty);

    private static BaselineAdminNetworkPolicy Baseline(AdminAction action) => new("default", Everyone, ValueArray.Create(Rule(action)), ValueArray<AdminRule>.Empty);

    private static ClusterNetworkPolicy Cnp(string name, ClusterNetworkPolicyTier tier, AdminAction action = AdminAction.Pass) =>
        new(name, tier, 5, Everyone, ValueArray.Create(Rule(action)), ValueArray<AdminRule>.Empty);

    private static NetworkPolicy Np(string name) =>
        new("shop", name, LabelSelector.Everything, PolicyTypes.Ingress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);

    private static Cluster Before => Cluster.Empty with
    {
        NetworkPolicies = ValueArray.Create(Np("a")),
        AdminNetworkPolicies = ValueArray.Create(Admin("first", 1), Admin("second", 2)),
        BaselineAdminNetworkPolicy = Baseline(AdminAction.Allow),
        OtherPolicies = ValueArray.Create<IPolicyResource>(Cnp("admin-tier", ClusterNetworkPolicyTier.Admin)),
    };

    public static TheoryData<IPolicyResource> Upserts => new()
    {
        Admin("first", 7, AdminAction.Allow),
        Admin("third", 3),
        Baseline(AdminAction.Deny),
        Cnp("admin-tier", ClusterNetworkPolicyTier.Admin, AdminAction.Deny),
        Cnp("baseline-tier", ClusterNetworkPolicyTier.Baseline),
        Np("b"),
    };

    [Theory]
    [MemberData(nameof(Upserts))]
    public void Apply_AddsOrReplacesAPolicyOfAnyKind_AndItsInverseUndoesIt(IPolicyResource policy)
    {
        var before = Before;
        var inverse = new PolicyChange(policy.Key, before.FindPolicy(policy.Key));

        var after = before.Apply(PolicyChange.Upsert(policy));

        Assert.Equal(policy, after.FindPolicy(policy.Key));
        Assert.Equal([policy.Key], PolicyDifference.Between(before, after).Select(d => d.Key));
        Assert.Empty(PolicyDifference.Between(after.Apply(inverse), before));
    }

    [Fact]
    public void Apply_ReplacesInPlace_KeepingTheOrderOfTheKindsList()
    {
        var after = Before.Apply(PolicyChange.Upsert(Admin("first", 9)));

        Assert.Equal([("first", 9), ("second", 2)], after.AdminNetworkPolicies.Select(p => (p.Name, p.Priority)));
    }

    [Fact]
    public void Apply_DeletesAPolicyOfAnyKind()
    {
        var before = Before;

        var after = new[] { (IPolicyResource)before.AdminNetworkPolicies[0], before.BaselineAdminNetworkPolicy!, before.OtherPolicies[0], before.NetworkPolicies[0] }
            .Aggregate(before, (c, p) => c.Apply(PolicyChange.Delete(p)));

        Assert.Equal(["AdminNetworkPolicy second"], after.Policies.Select(p => p.Key.Id));
        Assert.Equal(
            ["AdminNetworkPolicy first deleted", "BaselineAdminNetworkPolicy default deleted", "shop/a deleted", "ClusterNetworkPolicy admin-tier deleted"],
            PolicyDifference.Between(before, after).Select(d => $"{d.Id} {d.Kind}"));
    }

    [Fact]
    public void Between_NamesChangedPoliciesOfEveryKind_ByKindNamespaceAndName()
    {
        var before = Before;
        var after = before with
        {
            AdminNetworkPolicies = ValueArray.Create(Admin("first", 1), Admin("second", 20)),
            OtherPolicies = ValueArray.Create<IPolicyResource>(Cnp("admin-tier", ClusterNetworkPolicyTier.Admin), Cnp("new", ClusterNetworkPolicyTier.Baseline)),
        };

        var differences = PolicyDifference.Between(before, after);

        Assert.Equal(["AdminNetworkPolicy second changed", "ClusterNetworkPolicy new added"], differences.Select(d => $"{d.Id} {d.Kind}"));
        Assert.Empty(PolicyDifference.Between(before, before with { }));
    }

    [Fact]
    public void PolicyChange_RefusesAPolicyOfAnotherKey()
    {
        Assert.Throws<ArgumentException>(() => new PolicyChange(new PolicyKey(nameof(AdminNetworkPolicy), null, "x"), Admin("y", 1)));
    }

    [Fact]
    public void PolicyKeys_NameEachKindTheWayReportsDo()
    {
        Assert.Equal(
            ["shop/a", "AdminNetworkPolicy first", "BaselineAdminNetworkPolicy default", "ClusterNetworkPolicy admin-tier"],
            new IPolicyResource[] { Np("a"), Admin("first", 1), Baseline(AdminAction.Allow), Cnp("admin-tier", ClusterNetworkPolicyTier.Admin) }.Select(p => p.Key.Id));
    }
}
