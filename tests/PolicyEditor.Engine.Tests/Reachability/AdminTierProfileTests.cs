using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Reachability;

public class AdminTierProfileTests
{
    [Fact]
    public void RealAdmin_HasHundredsOfAdminPoliciesOfEachGeneration_WithPassAndDeny_OverRealsNetworkPolicies()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.RealAdmin);
        var real = ClusterGenerator.Generate(GeneratorProfile.Real);

        Assert.Equal(real.NetworkPolicies, cluster.NetworkPolicies);
        Assert.InRange(cluster.AdminNetworkPolicies.Count, 100, 1000);
        Assert.InRange(cluster.ClusterNetworkPolicies.Count(), 100, 1000);
        Assert.Contains(cluster.ClusterNetworkPolicies, p => p.Tier == ClusterNetworkPolicyTier.Baseline);
        Assert.NotNull(cluster.BaselineAdminNetworkPolicy);
        var actions = cluster.AdminNetworkPolicies.SelectMany(p => p.Ingress.Concat(p.Egress)).Select(r => r.Action).ToHashSet();
        Assert.Equal([AdminAction.Deny, AdminAction.Pass], actions.Order());
        Assert.Equal(cluster.ClusterNetworkPolicies.Count(), cluster.ClusterNetworkPolicies.Select(p => (p.Tier, p.Priority)).Distinct().Count());
    }

    [Fact]
    public void AdminTiersOverMed_MatrixEqualsTheReference_AndTheAdminEditsChangeIt()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.Med with { Namespaces = 20, AdminPolicies = 40 }, 3);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var reference = new OracleEvaluator(cluster);
        var random = new Random(3);
        var n = matrix.Workloads.Count;
        for (var i = 0; i < 3_000; i++)
        {
            var (s, d) = (random.Next(n), random.Next(n));
            var (source, destination) = (Endpoint.Of(matrix.Workloads[s]), Endpoint.Of(matrix.Workloads[d]));
            Assert.True(matrix.Between(s, d).Equals(reference.Evaluate(source, destination)), $"{source} => {destination}");
        }

        var adminSteps = ClusterGenerator.EditScript(cluster).Where(s => s.Change.Kind != nameof(NetworkPolicy)).ToList();
        Assert.Equal(2, adminSteps.Count);
        foreach (var step in adminSteps)
        {
            var after = cluster.Apply(step.Change);
            Assert.Equal(
                ConnectivityDiff.Compare(cluster, after).Select(c => c.ToString()).Order(),
                ChangeImpact.Compute(matrix, after).Changes.Select(c => c.ToString()).Order());
        }
    }
}
