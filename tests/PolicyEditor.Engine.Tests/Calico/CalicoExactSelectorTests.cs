using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>
/// Calico selectors that label selectors say exactly compile without a further condition (the matrix then answers them
/// from its label index), and still decide as Calico does: a policy's variants by a condition on its own endpoints, and
/// a rule's selector that matches a network set but no pod's address (test base cluster: shop web, api, db; payments; ops).
/// </summary>
public class CalicoExactSelectorTests
{
    private const string Guard = """
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: guard}
        spec:
          selector: all()
          ingress:
          - {action: Deny, protocol: TCP, source: {selector: app == 'web'}, destination: {selector: app == 'db', ports: [5432]}}
          - {action: Pass}
          egress:
          - {action: Deny, destination: {selector: role == 'blocked'}}
          - {action: Pass}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: blocked, labels: {role: blocked}}
        spec: {nets: [10.244.0.0/16]}
        """;

    [Fact]
    public void AConditionOnThePolicysOwnEndpoints_SplitsItIntoLabelSelectors_ThatDecideAsCalicoDoes()
    {
        var cluster = Manifest.Load(Guard);
        var evaluator = new ClusterEvaluator(cluster);

        var variants = evaluator.Program.Policies.Where(p => p.Source.Source.Name == "guard").ToList();

        Assert.Equal(2, variants.Count);
        Assert.All(variants, v => Assert.Null(v.Subject.Where));
        var toDb = evaluator.Evaluate(cluster.W("shop/web"), cluster.W("shop/db"));
        var toApi = evaluator.Evaluate(cluster.W("shop/web"), cluster.W("shop/api"));
        Assert.False(toDb.Intersect(ConnectionSet.Of(Protocol.TCP, 5432)).Equals(ConnectionSet.Of(Protocol.TCP, 5432)));
        Assert.True(toDb.Intersect(ConnectionSet.Of(Protocol.TCP, 5433)).Equals(ConnectionSet.Of(Protocol.TCP, 5433)));
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 5432), toApi.Intersect(ConnectionSet.Of(Protocol.TCP, 5432)));
        AssertMatrixAgrees(cluster);
    }

    [Fact]
    public void ASelectorMatchingANetworkSet_IsALabelSelector_UntilAPodHasAnAddressInTheSet()
    {
        var withoutAddresses = Manifest.Load(Guard);
        var withAddress = Manifest.Load(Guard + """

            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: batch, namespace: ops, labels: {app: batch}}
            spec: {containers: [{name: c}]}
            status: {podIP: 10.244.3.7}
            """);

        Assert.Null(BlockedPeer(withoutAddresses).Where);
        Assert.NotNull(BlockedPeer(withAddress).Where);
        Assert.True(new ClusterEvaluator(withAddress).Evaluate(withAddress.W("shop/web"), withAddress.W("ops/batch")).IsEmpty);
        Assert.False(new ClusterEvaluator(withoutAddresses).Evaluate(withoutAddresses.W("shop/web"), withoutAddresses.W("shop/api")).IsEmpty);
        AssertMatrixAgrees(withoutAddresses);
        AssertMatrixAgrees(withAddress);
    }

    private static PeerMatcher BlockedPeer(Cluster cluster) =>
        new ClusterEvaluator(cluster).Program.Policies.First(p => p.Source.Source.Name == "guard").Egress[0].Matcher.Peers.First(p => p.IsPods);

    private static void AssertMatrixAgrees(Cluster cluster)
    {
        var evaluator = new ClusterEvaluator(cluster);
        var matrix = ReachabilityMatrix.Build(evaluator);
        foreach (var s in cluster.Workloads)
        {
            foreach (var d in cluster.Workloads)
            {
                Assert.Equal(evaluator.Evaluate(Endpoint.Of(s), Endpoint.Of(d)), matrix.Get(Endpoint.Of(s), Endpoint.Of(d)));
            }
        }
    }
}
