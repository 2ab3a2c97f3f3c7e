using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>After an edit, a large cluster's overview is updated for the namespaces the edit touches, and equals one summed afresh.</summary>
public sealed class MatrixOverviewUpdateTests
{
    private static readonly Cluster Med = ClusterGenerator.Generate(GeneratorProfile.Med);

    public static TheoryData<string> Edits => ["port", "delete", "deny", "egress to an address", "two edits"];

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task AnEditsOverview_UpdatedFromTheOneBefore_EqualsTheOverviewSummedAfresh(string edit)
    {
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        var state = await workspaces.CreateAsync("med", Med, Actor.Local, "created by the test");
        using var analyzer = new WorkspaceAnalyzer();
        var graphs = new GraphModelBuilder();
        var first = await analyzer.AnalyzeAsync(state);
        var earlier = graphs.Overview(first);

        foreach (var change in Changes(edit))
        {
            state = (await workspaces.ExecuteAsync(state.Id, new EditPolicies([change], edit), Actor.Local)).State!;
            var analysis = await analyzer.AnalyzeAsync(state);
            Assert.NotEmpty(analysis.Impact.Changes);

            var updated = MatrixOverview.Update(earlier, analysis.Draft, first.Impact.Changes.Concat(analysis.Impact.Changes));

            Assert.NotNull(updated);
            AssertSame(new MatrixOverview(analysis.Draft), updated);
            AssertSame(updated, graphs.Overview(analysis));
            (first, earlier) = (analysis, updated);
        }
    }

    [Fact]
    public void AnOverview_OfOtherWorkloads_IsNotUpdated()
    {
        var med = Engine.Reachability.ReachabilityMatrix.Build(new Engine.Evaluation.ClusterEvaluator(Med));
        var fewer = Engine.Reachability.ReachabilityMatrix.Build(new Engine.Evaluation.ClusterEvaluator(Med with { Workloads = ValueArray.Create([.. Med.Workloads.Skip(1)]) }));

        Assert.Null(MatrixOverview.Update(new MatrixOverview(med), fewer, []));
    }

    private static IEnumerable<PolicyChange> Changes(string edit)
    {
        var ported = Med.NetworkPolicies.First(p => p.Ingress.Any(r => r.Ports.Any(x => x.Port?.Number is not null)));
        var ns = ported.Namespace;
        return edit switch
        {
            "port" => [Port(ported, 20001)],
            "delete" => [PolicyChange.Delete(ported)],
            "deny" => [PolicyChange.Upsert(new NetworkPolicy(ns, "deny-all", LabelSelector.Everything, PolicyTypes.Both, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty))],
            "egress to an address" => [PolicyChange.Upsert(new NetworkPolicy(ns, "to-partner", LabelSelector.Everything, PolicyTypes.Egress, ValueArray<NetworkPolicyRule>.Empty,
                ValueArray.Create(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Addresses(new IpBlock(Cidr.Parse("203.0.113.0/24"), ValueArray<Cidr>.Empty))), ValueArray<NetworkPolicyPort>.Empty))))],
            _ => [Port(ported, 20002), PolicyChange.Delete(Med.NetworkPolicies.Last(p => p.Namespace != ns))],
        };
    }

    private static PolicyChange Port(NetworkPolicy policy, int port)
    {
        var rule = policy.Ingress.First(r => r.Ports.Any(x => x.Port?.Number is not null));
        return PolicyChange.Upsert(policy with { Ingress = ValueArray.Create([.. policy.Ingress.Select(r => r == rule ? r with { Ports = ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, port)) } : r)]) });
    }

    private static void AssertSame(MatrixOverview expected, MatrixOverview actual)
    {
        Assert.Equal(expected.Namespaces, actual.Namespaces);
        Assert.Equal(expected.BetweenNamespaces, actual.BetweenNamespaces);
        Assert.Equal(expected.ToBlocks.OrderBy(x => x.Key), actual.ToBlocks.OrderBy(x => x.Key));
        Assert.Equal(expected.FromBlocks.OrderBy(x => x.Key), actual.FromBlocks.OrderBy(x => x.Key));
        Assert.Equal(expected.FromController.OrderBy(x => x.Key, StringComparer.Ordinal), actual.FromController.OrderBy(x => x.Key, StringComparer.Ordinal));
    }
}
