using System.Net;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Cilium;

/// <summary>The engine against the reference evaluator (written from Cilium's documentation) on random clusters mixing CNP, CCNP and NetworkPolicies.</summary>
public class CiliumPropertyTests
{
    private static readonly string[] Addresses = ["8.8.8.8", "10.1.2.3", "192.168.1.1"];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 8; i++)
        {
            data.Add(i * 25);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_AgreesWithTheReferenceEvaluator_OnRandomCiliumClusters(int first)
    {
        for (var seed = first; seed < first + 25; seed++)
        {
            var cluster = new CiliumRandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            var reference = new OracleEvaluator(cluster);
            List<Endpoint> others = [.. Addresses.Select(a => Endpoint.Of(IPAddress.Parse(a))), new SpecialEndpoint("host"), new SpecialEndpoint("remote-node")];
            List<Endpoint> workloads = [.. cluster.Workloads.Select(Endpoint.Of)];
            foreach (var s in workloads)
            {
                foreach (var d in workloads.Concat(others).Where(d => d != s))
                {
                    Check(seed, cluster, $"{s} => {d}", evaluator.Evaluate(s, d), reference.Evaluate(s, d));
                    Check(seed, cluster, $"{d} => {s}", evaluator.Evaluate(d, s), reference.Evaluate(d, s));
                }

                var dns = new DnsEndpoint(CiliumRandomCluster.DnsName);
                Check(seed, cluster, $"{s} => {dns}", evaluator.Evaluate(s, dns), reference.Evaluate(s, dns));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Matrix_AgreesWithTheReferenceEvaluator_ForEveryPair(int first)
    {
        for (var seed = first; seed < first + 25; seed++)
        {
            var cluster = new CiliumRandomCluster(seed).Next();
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            var reference = new OracleEvaluator(cluster);
            var w = matrix.Workloads;
            for (var i = 0; i < w.Count; i++)
            {
                for (var j = 0; j < w.Count; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    Check(seed, cluster, $"{w[i].Id} => {w[j].Id}", matrix.Between(i, j), reference.Evaluate(Endpoint.Of(w[i]), Endpoint.Of(w[j])));
                }

                foreach (var other in matrix.OtherEndpoints)
                {
                    Check(seed, cluster, $"{w[i].Id} => {other}", matrix.Get(Endpoint.Of(w[i]), other), reference.Evaluate(Endpoint.Of(w[i]), other));
                }
            }
        }
    }

    private static void Check(int seed, Cluster cluster, string pair, Connections.ConnectionSet engine, Connections.ConnectionSet reference) =>
        Assert.True(engine.Equals(reference), $"seed {seed}, {pair}: engine {engine}, reference {reference}\n{ManifestWriter.WriteCluster(cluster)}");
}
