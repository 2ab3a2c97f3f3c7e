using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Cilium;

/// <summary>The REAL-CILIUM bench profile: REAL's workloads with a thousand Cilium policies.</summary>
public class CiliumProfileTests
{
    [Fact]
    public void RealCilium_HasAThousandCiliumPolicies_WithEntitiesCidrSetsDnsNamesAndDenies_OverRealsNetworkPolicies()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.RealCilium);
        var real = ClusterGenerator.Generate(GeneratorProfile.Real);

        Assert.Equal(real.NetworkPolicies, cluster.NetworkPolicies);
        var policies = cluster.OtherPolicies.OfType<CiliumPolicy>().ToList();
        Assert.Equal(1_000, policies.Count);
        var items = policies.SelectMany(p => p.Rules).SelectMany(r => r.Ingress.Concat(r.Egress).Concat(r.IngressDeny).Concat(r.EgressDeny)).ToList();
        Assert.Contains(items, i => !i.Entities.IsEmpty);
        Assert.Contains(items, i => i.Cidrs.Any(c => c.IsSet));
        Assert.Contains(items, i => !i.Fqdns.IsEmpty);
        Assert.Contains(policies, p => p.Rules.Any(r => !r.IngressDeny.IsEmpty || !r.EgressDeny.IsEmpty));
        Assert.Contains(policies, p => p.IsClusterwide);
    }

    [Fact]
    public void CiliumPoliciesOverASmallerReal_MatrixEqualsTheReference_AndTheirEditsChangeIt()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.RealCilium with { Namespaces = 12, CiliumPolicies = 40 }, 3);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var reference = new OracleEvaluator(cluster);
        var random = new Random(3);
        var n = matrix.Workloads.Count;
        for (var i = 0; i < 2_000; i++)
        {
            var (s, d) = (random.Next(n), random.Next(n));
            if (s != d)
            {
                var (source, destination) = (Endpoint.Of(matrix.Workloads[s]), Endpoint.Of(matrix.Workloads[d]));
                Assert.True(matrix.Between(s, d).Equals(reference.Evaluate(source, destination)), $"{source} => {destination}");
            }
        }

        var steps = ClusterGenerator.EditScript(cluster).Where(s => s.Change.Kind == CiliumPolicy.NamespacedKind).ToList();
        Assert.Equal(3, steps.Count);
        foreach (var step in steps)
        {
            var after = cluster.Apply(step.Change);
            var impact = ChangeImpact.Compute(matrix, after).Changes;
            Assert.NotEmpty(impact);
            Assert.Equal(ConnectivityDiff.Compare(cluster, after).Select(c => c.ToString()).Order(), impact.Select(c => c.ToString()).Order());
        }
    }
}
