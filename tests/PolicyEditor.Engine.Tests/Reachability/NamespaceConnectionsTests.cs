using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Reachability;

/// <summary>Traffic summed per pair of namespaces (the overviews' and the matrix view's cells) agrees with the workload pairs it sums.</summary>
public sealed class NamespaceConnectionsTests
{
    [Theory]
    [InlineData("S0")]
    [InlineData("MED")]
    public void NamespaceSums_CountThePairsThatMayConnect_AndThoseAllowedEverything(string profile)
    {
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(ClusterGenerator.Generate(GeneratorProfile.Find(profile)!, 3)));
        var n = matrix.Workloads.Count;
        var expected = Enumerable.Range(0, n * n).Select(k => (S: k / n, D: k % n)).Where(p => p.S != p.D)
            .Select(p => (From: matrix.Workloads[p.S].Namespace, To: matrix.Workloads[p.D].Namespace, Allowed: matrix.Between(p.S, p.D)))
            .Where(p => !p.Allowed.IsEmpty)
            .GroupBy(p => (p.From, p.To))
            .ToDictionary(g => g.Key, g => (Pairs: g.Count(), All: g.Count(p => p.Allowed.IsAll)));

        var sums = matrix.NamespaceConnections();

        Assert.Equal(expected.Count, sums.Count);
        Assert.All(sums, s => Assert.Equal(expected[(s.SourceNamespace, s.DestinationNamespace)], (s.WorkloadPairs, s.AllPairs)));
    }
}
