using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Tests.Evaluation;

/// <summary>Explanations name the policies that decided in the NetworkPolicies' tier for what they are: Cilium policies, or Calico's default tier.</summary>
public class DefaultTierExplanationTests
{
    private const string CiliumDb = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: db, namespace: shop}
        spec:
          endpointSelector: {matchLabels: {app: db}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
        """;

    private const string CalicoDb = """
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: db, namespace: shop}
        spec:
          order: 10
          selector: app == 'db'
          ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'web'}}]
        """;

    [Fact]
    public void ACiliumRule_IsNamedAsACiliumPolicy_NotAsTheNetworkPolicyTier()
    {
        var c = Manifest.Load(CiliumDb);

        var side = new ClusterEvaluator(c).Explain(c.W("shop/web"), c.W("shop/db"), Protocol.TCP, 5432).Ingress;

        Assert.True(side.Allowed);
        Assert.Equal("Cilium policies", side.Tier);
        Assert.Contains("of CiliumNetworkPolicy shop/db", side.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("NetworkPolicy tier", side.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACiliumDefaultDeny_NamesThePolicyOnce_AndSaysWhyCiliumDenies()
    {
        var c = Manifest.Load(CiliumDb);

        var side = new ClusterEvaluator(c).Explain(c.W("shop/api"), c.W("shop/db"), Protocol.TCP, 5432).Ingress;

        Assert.False(side.Allowed);
        Assert.Equal("Cilium policies", side.Tier);
        Assert.StartsWith("Denied: shop/db[Pod] is selected for ingress by CiliumNetworkPolicy shop/db, and no rule", side.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("NetworkPolicy tier", side.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACalicoDefaultTierDeny_NamesTierDefault()
    {
        var c = Manifest.Load(CalicoDb);

        var side = new ClusterEvaluator(c).Explain(c.W("shop/api"), c.W("shop/db"), Protocol.TCP, 5432).Ingress;

        Assert.False(side.Allowed);
        Assert.Contains("end of tier default: Deny", side.Reason, StringComparison.Ordinal);
    }
}
