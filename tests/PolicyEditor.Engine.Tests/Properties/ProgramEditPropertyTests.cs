using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Properties;

public class ProgramEditPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 10; i++)
        {
            data.Add(i * 60);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnEditOfAnAdminPolicy_ComputedOnlyForTheRowsItSelects_EqualsAFullRecomputation(int first)
    {
        for (var seed = first; seed < first + 60; seed++)
        {
            var random = new RandomCluster(seed);
            var cluster = random.Next();
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            for (var step = 0; step < 3; step++)
            {
                var change = random.ProgramEdit(cluster);
                var after = cluster.Apply(change);

                var impact = ChangeImpact.Compute(matrix, after);

                Assert.True(impact.WasIncremental, $"{change.Id} was not computed incrementally");
                var full = ConnectivityDiff.Compare(cluster, after).Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
                var incremental = impact.Changes.Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
                if (!full.SequenceEqual(incremental))
                {
                    Assert.Fail($"{change.Id} ({change.After?.GetType().Name ?? "deleted"}), step {step}:\nfull:\n{string.Join("\n", full)}\nincremental:\n{string.Join("\n", incremental)}\n{EvaluatorPropertyTests.Dump(seed, cluster)}");
                }

                // The next edit starts from the matrix after this one.
                (cluster, matrix) = (after, impact.After);
            }
        }
    }

    [Fact]
    public void AnEditOfACiliumPolicy_IsRecomputedWhole_BecauseOtherPoliciesLearnItsDnsNames()
    {
        var cluster = new RandomCluster(7).Next();
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var cilium = new Engine.Dialects.Cilium.CiliumPolicy("ns0", "dns", null, ValueArray<Engine.Dialects.Cilium.CiliumRule>.Empty);

        var impact = ChangeImpact.Compute(matrix, cluster.Apply(PolicyChange.Upsert(cilium)));

        Assert.False(impact.WasIncremental);
    }
}
