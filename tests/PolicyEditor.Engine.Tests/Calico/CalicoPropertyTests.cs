using System.Net;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Calico;

public class CalicoPropertyTests
{
    private static readonly string[] Addresses = ["10.1.2.3", "10.9.9.9", "192.168.1.1", "8.8.8.8", "9.9.9.9", "2001:db8::1"];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 10; i++)
        {
            data.Add(i * 30);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_AgreesWithTheReferenceEvaluator_OnRandomCalicoClusters(int first)
    {
        for (var seed = first; seed < first + 30; seed++)
        {
            var cluster = new CalicoRandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            var reference = new OracleEvaluator(cluster);
            List<Endpoint> endpoints = [.. cluster.Workloads.Select(Endpoint.Of), .. Addresses.Select(a => Endpoint.Of(IPAddress.Parse(a))), .. Hosts(cluster)];
            foreach (var s in endpoints)
            {
                foreach (var d in endpoints)
                {
                    Check(seed, cluster, $"{s} => {d}", evaluator.Evaluate(s, d), reference.Evaluate(s, d));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Matrix_AgreesWithTheReferenceEvaluator_ForEveryPairAndBlock(int first)
    {
        for (var seed = first; seed < first + 30; seed++)
        {
            var cluster = new CalicoRandomCluster(seed).Next();
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            var reference = new OracleEvaluator(cluster);
            var w = matrix.Workloads;
            for (var i = 0; i < w.Count; i++)
            {
                for (var j = 0; j < w.Count; j++)
                {
                    Check(seed, cluster, $"{w[i].Id} => {w[j].Id}", matrix.Between(i, j), reference.Evaluate(Endpoint.Of(w[i]), Endpoint.Of(w[j])));
                }

                foreach (var block in matrix.External.Blocks)
                {
                    var external = new ExternalEndpoint(block.Representative);
                    Check(seed, cluster, $"{w[i].Id} => {block}", matrix.ToBlock(i, block.Index), reference.Evaluate(Endpoint.Of(w[i]), external));
                    Check(seed, cluster, $"{block} => {w[i].Id}", matrix.FromBlock(block.Index, i), reference.Evaluate(external, Endpoint.Of(w[i])));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Explain_AgreesWithEvaluate_PortByPort(int first)
    {
        var probes = new[] { (Protocol.TCP, 80), (Protocol.TCP, 443), (Protocol.UDP, 53), (Protocol.SCTP, 8080), (Protocol.TCP, 75) };
        for (var seed = first; seed < first + 30; seed++)
        {
            var cluster = new CalicoRandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            List<Endpoint> endpoints = [.. cluster.Workloads.Select(Endpoint.Of), .. Hosts(cluster)];
            foreach (var s in endpoints)
            {
                foreach (var d in endpoints)
                {
                    var allowed = evaluator.Evaluate(s, d);
                    foreach (var (protocol, port) in probes)
                    {
                        var explanation = evaluator.Explain(s, d, protocol, port);
                        Assert.True(explanation.Allowed == allowed.Contains(protocol, port), $"seed {seed}: {s} => {d} {protocol} {port}: explain says {explanation.Allowed}, evaluate {allowed}\n{explanation}");
                    }
                }
            }
        }
    }

    private static IEnumerable<Endpoint> Hosts(Cluster cluster) => cluster.OtherPolicies.OfType<PolicyEditor.Engine.Model.Calico.CalicoHostEndpoint>().Select(h => new HostEndpoint(h));

    private static void Check(int seed, Cluster cluster, string what, ConnectionSet engine, ConnectionSet reference)
    {
        if (!engine.Equals(reference))
        {
            Assert.Fail($"seed {seed}: {what}: engine {engine}, reference {reference}\n{ManifestWriter.WriteCluster(cluster)}");
        }
    }
}
