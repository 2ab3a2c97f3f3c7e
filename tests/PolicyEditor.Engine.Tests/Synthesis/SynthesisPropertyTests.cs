using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Engine.Tests.Properties;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Synthesis;

/// <summary>
/// The synthesizer on random clusters, checked by recomputing reachability from scratch: after an Allow
/// or a Revoke, the asked pair has (or lacks) exactly the asked connections; an option called exact
/// changes no other pair; and the impact each option reports is the one a full recomputation finds.
/// </summary>
public class SynthesisPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 12; i++)
        {
            data.Add(1000 + i * 25);
        }

        return data;
    }

    private static string Dump(int seed, Cluster cluster, SynthesisOption option) =>
        $"seed {seed}, option {option.Title}\n{ManifestWriter.WriteCluster(cluster)}\n--- changes:\n{string.Join("\n", option.Changes.Select(c => c.After is null ? $"delete {c.Namespace}/{c.Name}" : ManifestWriter.Write(c.After)))}";

    /// <summary>Every pair whose connections differ, recomputed from scratch.</summary>
    private static Dictionary<(string, string), (ConnectionSet Before, ConnectionSet After)> Diff(Cluster before, Cluster after) =>
        ConnectivityDiff.Compare(before, after).ToDictionary(c => (c.Source.Id, c.Destination.Id), c => (c.Before, c.After));

    /// <summary>
    /// A change's pair as compared here: workload pairs as they are; a pair with an outside block by its
    /// workload and direction only, since each cluster cuts the outside into blocks of its own.
    /// </summary>
    private static (string, string) Key((string Source, string Destination) pair) =>
        (pair.Source.EndsWith("[External]", StringComparison.Ordinal) ? "outside" : pair.Source, pair.Destination.EndsWith("[External]", StringComparison.Ordinal) ? "outside" : pair.Destination);

    private static Cluster Apply(Cluster cluster, SynthesisOption option)
    {
        // Every synthesized policy is written as YAML and read back unchanged, and selects something.
        foreach (var policy in option.Changes.Select(c => c.After).OfType<NetworkPolicy>())
        {
            var read = PolicyEditor.Manifests.Loading.ManifestLoader.LoadText(ManifestWriter.Write(policy));
            Assert.False(read.HasErrors, string.Join('\n', read.Diagnostics));
            Assert.Equal(policy, Assert.Single(read.Cluster.NetworkPolicies));
        }

        var after = option.Changes.Aggregate(cluster, (c, change) => c.Apply(change));
        var findings = PolicyEditor.Engine.Lint.PolicyLinter.Lint(ReachabilityMatrix.Build(new ClusterEvaluator(after)));
        var changed = option.Changes.Where(c => c.After is not null).Select(c => $"{c.Namespace}/{c.Name}").ToHashSet();
        Assert.DoesNotContain(findings, f => f.Code == PolicyEditor.Engine.Lint.PolicyLinter.Codes.SelectsNothing && changed.Contains(f.Policy));
        return after;
    }

    private static void CheckReportedImpact(int seed, Cluster cluster, SynthesisOption option, Dictionary<(string, string), (ConnectionSet Before, ConnectionSet After)> diff)
    {
        var reported = option.Impact.Changes.Where(c => Key((c.Source.Id, c.Destination.Id)) == (c.Source.Id, c.Destination.Id)).ToDictionary(c => (c.Source.Id, c.Destination.Id), c => (c.Before, c.After));
        var workloadPairs = diff.Where(d => Key(d.Key) == d.Key).ToList();
        Assert.True(workloadPairs.Count == reported.Count && workloadPairs.All(d => reported.TryGetValue(d.Key, out var r) && r.Before.Equals(d.Value.Before) && r.After.Equals(d.Value.After)),
            $"The reported impact differs from a full recomputation.\n{Dump(seed, cluster, option)}");
        Assert.Equal(diff.Keys.Select(Key).Distinct().Order(), option.Impact.Changes.Select(c => Key((c.Source.Id, c.Destination.Id))).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Allow_AddsExactlyTheAskedConnections_AndReportsItsTrueImpact(int first)
    {
        var tried = 0;
        for (var seed = first; seed < first + 25; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            var workloads = cluster.Workloads;
            for (var i = 0; i + 1 < workloads.Count && i < 6; i++)
            {
                var (a, b) = (workloads[i], workloads[(i * 7 + 1) % workloads.Count]);
                if (a.Id == b.Id)
                {
                    continue;
                }

                var port = b.Ports.Count > 0 ? b.Ports[0].Number : 8080;
                var protocol = b.Ports.Count > 0 ? b.Ports[0].Protocol : Protocol.TCP;
                var asked = ConnectionSet.Of(protocol, port);
                var before = matrix.Get(Endpoint.Of(a), Endpoint.Of(b));
                var result = PolicySynthesizer.Allow(matrix, Endpoint.Of(a), Endpoint.Of(b), asked);
                if (asked.IsSubsetOf(before))
                {
                    Assert.True(result.AlreadySatisfied || result.Options.Count == 0 || result.Best!.Impact.Changes.Count == 0, $"seed {seed}: {a.Id} already reaches {b.Id} on {asked}, yet the synthesizer changes something.");
                    continue;
                }

                foreach (var option in result.Options)
                {
                    tried++;
                    var after = Apply(cluster, option);
                    var diff = Diff(cluster, after);
                    var now = ReachabilityMatrix.Build(new ClusterEvaluator(after)).Get(Endpoint.Of(a), Endpoint.Of(b));
                    Assert.True(asked.IsSubsetOf(now), $"{a.Id} still cannot reach {b.Id} on {asked} (now {now}).\n{Dump(seed, cluster, option)}");
                    if (option.IsExact)
                    {
                        Assert.True(diff.Keys.All(k => k == (a.Id, b.Id)), $"An exact option changed other pairs: {string.Join(", ", diff.Keys.Where(k => k != (a.Id, b.Id)))}\n{Dump(seed, cluster, option)}");
                        Assert.Equal(before.Union(asked), now);
                    }
                    else
                    {
                        Assert.Equal(diff.Keys.Where(k => k != (a.Id, b.Id)).Select(Key).Distinct().Order(), option.SideEffects.Select(c => Key((c.Source.Id, c.Destination.Id))).Distinct().Order());
                    }

                    CheckReportedImpact(seed, cluster, option, diff);
                }
            }
        }

        Assert.True(tried > 10, $"Only {tried} options were exercised.");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AllowWithANamespace_GivesEveryPairTheConnections_AndReportsItsTrueImpact(int first)
    {
        var tried = 0;
        for (var seed = first; seed < first + 25; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            var workloads = cluster.Workloads;
            var namespaces = workloads.Select(w => w.Namespace).Distinct().ToList();
            for (var i = 0; i < workloads.Count && i < 4; i++)
            {
                var w = workloads[i];
                var ns = namespaces[(seed + i) % namespaces.Count];
                var asked = ConnectionSet.Of(Protocol.TCP, 8080);
                var (source, destination) = i % 2 == 0 ? (SynthesisPeer.OfNamespace(ns), SynthesisPeer.Of(Endpoint.Of(w))) : (SynthesisPeer.Of(Endpoint.Of(w)), SynthesisPeer.OfNamespace(ns));
                var pairs = (from a in source.Members(matrix) from b in destination.Members(matrix) where a.Id != b.Id select (a, b)).ToList();
                var result = PolicySynthesizer.Allow(matrix, source, destination, asked);
                foreach (var option in result.Options)
                {
                    tried++;
                    var after = Apply(cluster, option);
                    var diff = Diff(cluster, after);
                    var now = ReachabilityMatrix.Build(new ClusterEvaluator(after));
                    var askedIds = pairs.Select(p => (p.a.Id, p.b.Id)).ToHashSet();
                    foreach (var (a, b) in pairs)
                    {
                        Assert.True(asked.IsSubsetOf(now.Get(a, b)), $"{a.Id} still cannot reach {b.Id} on {asked}.\n{Dump(seed, cluster, option)}");
                        if (option.IsExact)
                        {
                            Assert.Equal(matrix.Get(a, b).Union(asked), now.Get(a, b));
                        }
                    }

                    if (option.IsExact)
                    {
                        Assert.True(diff.Keys.All(askedIds.Contains), $"An exact option changed other pairs: {string.Join(", ", diff.Keys.Where(k => !askedIds.Contains(k)))}\n{Dump(seed, cluster, option)}");
                    }

                    CheckReportedImpact(seed, cluster, option, diff);
                }
            }
        }

        Assert.True(tried > 10, $"Only {tried} options were exercised.");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Revoke_RemovesTheAskedConnections_AndNamesEverySideEffect(int first)
    {
        var tried = 0;
        for (var seed = first; seed < first + 25; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            var workloads = cluster.Workloads;
            for (var i = 0; i + 1 < workloads.Count && i < 6; i++)
            {
                var (a, b) = (workloads[i], workloads[(i * 5 + 2) % workloads.Count]);
                var before = matrix.Get(Endpoint.Of(a), Endpoint.Of(b));
                if (a.Id == b.Id || before.IsEmpty)
                {
                    continue;
                }

                var asked = b.Ports.Count > 0 && before.Contains(b.Ports[0].Protocol, b.Ports[0].Number) ? ConnectionSet.Of(b.Ports[0].Protocol, b.Ports[0].Number) : before;
                var result = PolicySynthesizer.Revoke(matrix, Endpoint.Of(a), Endpoint.Of(b), asked);
                foreach (var option in result.Options)
                {
                    tried++;
                    var after = Apply(cluster, option);
                    var diff = Diff(cluster, after);
                    var now = ReachabilityMatrix.Build(new ClusterEvaluator(after)).Get(Endpoint.Of(a), Endpoint.Of(b));
                    Assert.True(now.Intersect(asked).IsEmpty, $"{a.Id} still reaches {b.Id} on {now.Intersect(asked)}.\n{Dump(seed, cluster, option)}");
                    if (option.IsExact)
                    {
                        Assert.True(diff.Keys.All(k => k == (a.Id, b.Id)), $"An exact option changed other pairs: {string.Join(", ", diff.Keys.Where(k => k != (a.Id, b.Id)))}\n{Dump(seed, cluster, option)}");
                        Assert.Equal(before.Subtract(asked), now);
                    }
                    else
                    {
                        Assert.Equal(diff.Keys.Where(k => k != (a.Id, b.Id)).Select(Key).Distinct().Order(), option.SideEffects.Select(c => Key((c.Source.Id, c.Destination.Id))).Distinct().Order());
                    }

                    CheckReportedImpact(seed, cluster, option, diff);
                }
            }
        }

        Assert.True(tried > 10, $"Only {tried} options were exercised.");
    }
}
