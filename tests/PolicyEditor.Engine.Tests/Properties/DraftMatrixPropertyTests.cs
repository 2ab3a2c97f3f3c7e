using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Properties;

/// <summary>
/// The matrix after an incremental edit is the matrix before it with the recomputed rows put in; it must answer
/// every question as a matrix built afresh for the edited cluster does, also after several edits in a row.
/// </summary>
public class DraftMatrixPropertyTests
{
    public static TheoryData<string, int> Seeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "networkpolicy", "admin", "calico", "cilium" })
        {
            for (var i = 0; i < 3; i++)
            {
                data.Add(kind, i * 40);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheMatrixAfterAnIncrementalEdit_AnswersAsAFreshBuild(string kind, int first)
    {
        for (var seed = first; seed < first + 40; seed++)
        {
            var (cluster, edit) = Random(kind, seed);
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            for (var step = 0; step < 3; step++)
            {
                var change = edit(cluster);
                var after = cluster.Apply(change);

                var impact = ChangeImpact.Compute(matrix, after);

                var fresh = ReachabilityMatrix.Build(new ClusterEvaluator(after));
                var where = $"{kind} seed {seed} step {step}, {change.Id}";
                AssertSameAnswers(fresh, impact.After, where);
                (cluster, matrix) = (after, impact.After);
            }
        }
    }

    private static (Cluster, Func<Cluster, PolicyChange>) Random(string kind, int seed)
    {
        switch (kind)
        {
            case "calico":
                var calico = new Calico.CalicoRandomCluster(seed);
                return (calico.Next(), calico.Edit);
            case "cilium":
                var cilium = new Cilium.CiliumRandomCluster(seed);
                return (cilium.Next(), cilium.Edit);
            default:
                var random = new RandomCluster(seed);
                return (random.Next(), c => kind == "admin" ? random.ProgramEdit(c) : random.NetworkPolicyEdit(c));
        }
    }

    private static void AssertSameAnswers(ReachabilityMatrix fresh, ReachabilityMatrix updated, string where)
    {
        var n = fresh.Workloads.Count;
        for (var s = 0; s < n; s++)
        {
            Assert.True(fresh.IsEgressOpen(s) == updated.IsEgressOpen(s), $"{where}: egress open of {fresh.Workloads[s].Id}");
            Assert.True(fresh.IsIngressOpen(s) == updated.IsIngressOpen(s), $"{where}: ingress open of {fresh.Workloads[s].Id}");
            Assert.True(fresh.FromIngressController(s).Equals(updated.FromIngressController(s)), $"{where}: ingress controller to {fresh.Workloads[s].Id}");
            for (var d = 0; d < n; d++)
            {
                if (s != d && !fresh.Between(s, d).Equals(updated.Between(s, d)))
                {
                    Assert.Fail($"{where}: {fresh.Workloads[s].Id} -> {fresh.Workloads[d].Id}: fresh {fresh.Between(s, d)}, updated {updated.Between(s, d)}");
                }
            }

            // Each block of either cut lies inside one block of the other's cut, or the cuts cover different families.
            foreach (var block in fresh.External.Blocks)
            {
                var point = new AddressRange(block.Representative.Family, block.Representative.First, block.Representative.First);
                if (updated.External.BlockOf(point) is { } other)
                {
                    Assert.True(fresh.ToBlock(s, block.Index).Equals(updated.ToBlock(s, other.Index)), $"{where}: {fresh.Workloads[s].Id} -> {point}");
                    Assert.True(fresh.FromBlock(block.Index, s).Equals(updated.FromBlock(other.Index, s)), $"{where}: {point} -> {fresh.Workloads[s].Id}");
                }
            }
        }

        // Sums by peer class hold only when the updated matrix's classes are true classes.
        Assert.Equal(Lines(fresh.NamespaceConnections()), Lines(updated.NamespaceConnections()));
    }

    private static List<string> Lines(IReadOnlyList<NamespaceConnection> connections) =>
        [.. connections.Select(c => $"{c.SourceNamespace}->{c.DestinationNamespace}: {c.WorkloadPairs} pairs, {c.AllPairs} all, {c.Allowed}")];
}
