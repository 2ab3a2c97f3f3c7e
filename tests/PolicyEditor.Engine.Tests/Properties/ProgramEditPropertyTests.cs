using PolicyEditor.Engine.Addresses;
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
    public void AnEditOfAnAdminPolicy_ComputedOnlyForTheRowsItSelects_EqualsAFullRecomputation(int first) =>
        EditsEqualAFullRecomputation(first, (random, cluster) => random.ProgramEdit(cluster));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnEditOfANetworkPolicy_ComputedOnlyForTheRowsItSelects_EqualsAFullRecomputation(int first) =>
        EditsEqualAFullRecomputation(first, (random, cluster) => random.NetworkPolicyEdit(cluster));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnEditOfACalicoPolicy_ComputedOnlyForTheRowsItSelects_EqualsAFullRecomputation(int first) =>
        EditsEqualAFullRecomputation(first, seed =>
        {
            var random = new Calico.CalicoRandomCluster(seed);
            return (random.Next(), random.Edit);
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnEditOfACiliumPolicy_ComputedOnlyForTheRowsItSelects_EqualsAFullRecomputation(int first) =>
        EditsEqualAFullRecomputation(first, seed =>
        {
            var random = new Cilium.CiliumRandomCluster(seed);
            return (random.Next(), random.Edit);
        });

    private static void EditsEqualAFullRecomputation(int first, Func<RandomCluster, Cluster, PolicyChange> edit) =>
        EditsEqualAFullRecomputation(first, seed =>
        {
            var random = new RandomCluster(seed);
            return (random.Next(), cluster => edit(random, cluster));
        });

    /// <summary>On 60 random clusters from <paramref name="first"/> on (a cluster and its edits per seed), three edits in a row each.</summary>
    private static void EditsEqualAFullRecomputation(int first, Func<int, (Cluster Cluster, Func<Cluster, PolicyChange> Edit)> random)
    {
        for (var seed = first; seed < first + 60; seed++)
        {
            var (cluster, edit) = random(seed);
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            for (var step = 0; step < 3; step++)
            {
                var change = edit(cluster);
                var after = cluster.Apply(change);

                var impact = ChangeImpact.Compute(matrix, after);

                Assert.True(impact.WasIncremental, $"{change.Id} was not computed incrementally");
                var (m1, m2) = ConnectivityDiff.BuildPair(new ClusterEvaluator(cluster), new ClusterEvaluator(after));
                var covered = AddressSet.FromRanges(m1.External.Blocks.SelectMany(b => b.Ranges));
                var full = Normalized(ConnectivityDiff.Compare(m1, m2), covered);
                var incremental = Normalized(impact.Changes, covered);
                if (!full.SequenceEqual(incremental))
                {
                    Assert.Fail($"{change.Id} ({change.After?.GetType().Name ?? "deleted"}), step {step}:\nfull:\n{string.Join("\n", full)}\nincremental:\n{string.Join("\n", incremental)}\n{EvaluatorPropertyTests.Dump(seed, cluster)}");
                }

                // The next edit starts from the matrix after this one.
                (cluster, matrix) = (after, impact.After);
            }
        }
    }

    /// <summary>
    /// The changes as lines, with those to or from addresses outside the cluster joined per workload and value: the
    /// full recomputation cuts the addresses by both versions' policies, the incremental one by the old cut and
    /// the new policies, so the same traffic can come in differently cut blocks. Only the addresses the full cut
    /// covers count: it leaves out an address family that neither version's policies name, which the incremental
    /// cut may take in whole when a new policy names it (traffic with it is then said too).
    /// </summary>
    private static List<string> Normalized(IEnumerable<ConnectionChange> changes, AddressSet covered)
    {
        var lines = new List<string>();
        var external = new Dictionary<string, List<AddressRange>>(StringComparer.Ordinal);
        foreach (var c in changes)
        {
            var (range, rest) = (c.Source, c.Destination) switch
            {
                (ExternalEndpoint e, var d) => (e.Range, $"from outside to {d}: {c.Kind} {c.Before} -> {c.After}"),
                (var s, ExternalEndpoint e) => (e.Range, $"from {s} to outside: {c.Kind} {c.Before} -> {c.After}"),
                _ => ((AddressRange?)null, c.ToString()),
            };
            if (range is { } r)
            {
                (external.TryGetValue(rest, out var list) ? list : external[rest] = []).Add(r);
            }
            else
            {
                lines.Add(rest);
            }
        }

        lines.AddRange(external.Select(e => (e.Key, Set: AddressSet.FromRanges(e.Value).Intersect(covered)))
            .Where(e => !e.Set.IsEmpty).Select(e => $"{e.Key} at {e.Set}"));
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void DeletingTheLastCiliumPolicy_IsRecomputedWhole_BecauseTheLocalHostLosesItsAccessEverywhere()
    {
        var cluster = new Cilium.CiliumRandomCluster(7).Next();
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var withoutCilium = cluster with { OtherPolicies = cluster.OtherPolicies.Where(p => p is not (Engine.Dialects.Cilium.CiliumPolicy or Engine.Dialects.Cilium.CiliumConfig)).ToValueArray() };

        var impact = ChangeImpact.Compute(matrix, withoutCilium);

        Assert.False(impact.WasIncremental);
    }
}
