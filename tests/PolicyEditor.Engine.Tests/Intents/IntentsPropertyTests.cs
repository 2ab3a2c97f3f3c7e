using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Tests.Properties;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Intents;

public class IntentsPropertyTests
{
    public static TheoryData<int, IntentSelectorMode> Seeds()
    {
        var data = new TheoryData<int, IntentSelectorMode>();
        for (var i = 0; i < 10; i++)
        {
            data.Add(i * 30, IntentSelectorMode.OtterizeLabels);
            data.Add(i * 30, IntentSelectorMode.WorkloadLabels);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedPolicies_AllowEveryIntendedCall_AndNoBlockedUnintendedPair(int first, IntentSelectorMode mode)
    {
        for (var seed = first; seed < first + 30; seed++)
        {
            // The operator writes NetworkPolicies only; an admin or cluster policy's deny is beyond what they can open.
            var random = new RandomCluster(seed).Next() with { AdminNetworkPolicies = ValueArray<AdminNetworkPolicy>.Empty, BaselineAdminNetworkPolicy = null, OtherPolicies = ValueArray<IPolicyResource>.Empty };
            var cluster = random with { Intents = RandomIntents(random, new Random(seed)) };
            var before = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

            var proposal = IntentPolicyGenerator.Propose(before.Evaluator, mode, allowExternalTraffic: false);
            if (proposal.Notes.Any(n => n.Contains("takes them in as well", StringComparison.Ordinal)))
            {
                continue; // workloads no stable label tells apart cannot be told apart by any selector
            }

            var after = ReachabilityMatrix.Build(new ClusterEvaluator(proposal.After));
            var analysis = IntentsAnalyzer.Analyze(after);
            var dump = $"seed {seed}\n{ManifestWriter.WriteCluster(proposal.After)}";
            Assert.True(!analysis.AnyBlocked, dump);
            var intended = analysis.Findings.Where(f => f.Call is not null && f.Target is WorkloadEndpoint)
                .Select(f => (f.Client.Id, ((WorkloadEndpoint)f.Target).Workload.Id)).ToHashSet();
            for (var c = 0; c < before.Workloads.Count; c++)
            {
                for (var s = 0; s < before.Workloads.Count; s++)
                {
                    if (c != s && before.Between(c, s).IsEmpty && !intended.Contains((before.Workloads[c].Id, before.Workloads[s].Id)))
                    {
                        Assert.True(after.Between(after.IndexOf(before.Workloads[c].Id), after.IndexOf(before.Workloads[s].Id)).IsEmpty,
                            $"{before.Workloads[c].Id} -> {before.Workloads[s].Id} became allowed\n{dump}");
                    }
                }
            }
        }
    }

    private static ValueArray<ClientIntents> RandomIntents(Cluster cluster, Random random)
    {
        var workloads = cluster.Workloads;
        var result = new List<ClientIntents>();
        foreach (var client in workloads.Where(_ => random.Next(2) == 0))
        {
            var calls = workloads.Where(w => !ReferenceEquals(w, client) && random.Next(3) == 0)
                .Select(w => new IntentCall(IntentCallType.Kubernetes, w.Namespace == client.Namespace ? w.Name : $"{w.Name}.{w.Namespace}", random.Next(2) == 0 ? null : w.Kind))
                .ToValueArray();
            if (!calls.IsEmpty)
            {
                result.Add(new ClientIntents(client.Namespace, client.Name, new IntentWorkload(client.Name, null), calls));
            }
        }

        return result.ToValueArray();
    }
}
