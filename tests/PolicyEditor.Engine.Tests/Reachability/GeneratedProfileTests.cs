using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Engine.ClusterGeneration;

namespace PolicyEditor.Engine.Tests.Reachability;

public class GeneratedProfileTests
{
    public static TheoryData<string> SmallProfiles() => new() { "S0", "MED" };

    [Theory]
    [MemberData(nameof(SmallProfiles))]
    public void Matrix_EqualsPairwiseEvaluate_AndTheReference(string profile)
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.Find(profile)!, 7);
        var evaluator = new ClusterEvaluator(cluster);
        var matrix = ReachabilityMatrix.Build(evaluator);
        var reference = new OracleEvaluator(cluster);
        var random = new Random(7);
        var n = matrix.Workloads.Count;
        var pairs = n * n <= 10_000
            ? Enumerable.Range(0, n * n).Select(k => (k / n, k % n))
            : Enumerable.Range(0, 4_000).Select(_ => (random.Next(n), random.Next(n)));
        foreach (var (s, d) in pairs)
        {
            var (source, destination) = (Endpoint.Of(matrix.Workloads[s]), Endpoint.Of(matrix.Workloads[d]));
            var value = matrix.Between(s, d);
            if (!value.Equals(evaluator.Evaluate(source, destination)) || !value.Equals(reference.Evaluate(source, destination)))
            {
                Assert.Fail($"{source} => {destination}: matrix {value}, evaluate {evaluator.Evaluate(source, destination)}, reference {reference.Evaluate(source, destination)}");
            }
        }
    }

    public static TheoryData<string> EditProfiles() => new() { "S0", "MED" };

    [Theory]
    [MemberData(nameof(EditProfiles))]
    public void IncrementalImpact_EqualsAFullRecompute_AfterEveryStepOfTheEditScript(string profile)
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.Find(profile)!, 3);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        foreach (var step in ClusterGenerator.EditScript(cluster))
        {
            var after = cluster.Apply(step.Change);

            var impact = ChangeImpact.Compute(matrix, after);
            var full = ConnectivityDiff.Compare(cluster, after);

            Assert.True(impact.WasIncremental, step.Description);
            Assert.Equal(full.Select(c => c.ToString()).Order(StringComparer.Ordinal), impact.Changes.Select(c => c.ToString()).Order(StringComparer.Ordinal));
            Assert.All(impact.Changes, c => Assert.Contains(step.Change.Id, c.Causes));

            cluster = after;
            matrix = impact.After;
        }
    }

    [Fact]
    public void AnEditThatIntroducesANewCidr_IsComparedOnACommonCut()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.S0);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var policy = cluster.NetworkPolicies[0] with
        {
            Ingress = ValueArray.Create(new NetworkPolicyRule(
                ValueArray.Create(NetworkPolicyPeer.Addresses(new IpBlock(Addresses.Cidr.Parse("203.0.113.0/24"), ValueArray<Addresses.Cidr>.Empty))),
                ValueArray<NetworkPolicyPort>.Empty)),
        };
        var after = cluster.Apply(PolicyChange.Upsert(policy));

        var impact = ChangeImpact.Compute(matrix, after);

        Assert.Equal(
            ConnectivityDiff.Compare(cluster, after).Select(c => c.ToString()).Order(StringComparer.Ordinal),
            impact.Changes.Select(c => c.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(impact.Changes, c => c.Source.Id == "203.0.113.0-203.0.113.255[External]" && c.Kind == ChangeKind.Added);
    }

    [Fact]
    public void WorkloadsThatDifferOnlyByHashLabels_ShareAPeerClass()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.Real);

        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

        Assert.True(matrix.PeerClassCount < cluster.Workloads.Count / 2, $"{matrix.PeerClassCount} classes for {cluster.Workloads.Count} pods");
    }
}
