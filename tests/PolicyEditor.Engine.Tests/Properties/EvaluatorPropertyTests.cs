using System.Net;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Properties;

public class EvaluatorPropertyTests
{
    private static readonly string[] Addresses = ["10.0.0.1", "10.1.2.3", "192.168.1.1", "8.8.8.8", "2001:db8::1", "2001:dead::1"];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 25; i++)
        {
            data.Add(i * 40);
        }

        return data;
    }

    internal static List<Endpoint> Endpoints(Cluster cluster) =>
        [.. cluster.Workloads.Select(Endpoint.Of), .. Addresses.Select(a => Endpoint.Of(IPAddress.Parse(a))), Endpoint.IngressController];

    internal static string Dump(int seed, Cluster cluster) =>
        $"seed {seed}\n{ManifestWriter.WriteCluster(cluster)}";

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_AgreesWithTheOracleEvaluator_OnRandomClusters(int first)
    {
        for (var seed = first; seed < first + 40; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            var reference = new OracleEvaluator(cluster);
            foreach (var s in Endpoints(cluster))
            {
                foreach (var d in Endpoints(cluster))
                {
                    var fast = evaluator.Evaluate(s, d);
                    var simple = reference.Evaluate(s, d);
                    if (!(fast.Equals(simple)))
                    {
                        Assert.Fail($"{s} => {d}: engine {fast}, reference {simple}\n{Dump(seed, cluster)}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Matrix_AgreesWithPairwiseEvaluate_ForEveryPairAndBlock(int first)
    {
        for (var seed = first; seed < first + 40; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            var matrix = ReachabilityMatrix.Build(evaluator);
            var w = matrix.Workloads;
            for (var i = 0; i < w.Count; i++)
            {
                for (var j = 0; j < w.Count; j++)
                {
                    if (!(matrix.Between(i, j).Equals(evaluator.Evaluate(Endpoint.Of(w[i]), Endpoint.Of(w[j])))))
                    {
                        Assert.Fail($"{w[i].Id} => {w[j].Id}\n{Dump(seed, cluster)}");
                    }
                }

                foreach (var block in matrix.External.Blocks)
                {
                    var external = new ExternalEndpoint(block.Representative);
                    if (!(matrix.ToBlock(i, block.Index).Equals(evaluator.Evaluate(Endpoint.Of(w[i]), external))))
                    {
                        Assert.Fail($"{w[i].Id} => {block}\n{Dump(seed, cluster)}");
                    }
                    if (!(matrix.FromBlock(block.Index, i).Equals(evaluator.Evaluate(external, Endpoint.Of(w[i])))))
                    {
                        Assert.Fail($"{block} => {w[i].Id}\n{Dump(seed, cluster)}");
                    }
                }

                if (!(matrix.FromIngressController(i).Equals(evaluator.Evaluate(Endpoint.IngressController, Endpoint.Of(w[i])))))
                    {
                        Assert.Fail($"controller => {w[i].Id}\n{Dump(seed, cluster)}");
                    }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Explain_AgreesWithEvaluate_PortByPort(int first)
    {
        var probes = new[] { (Protocol.TCP, 80), (Protocol.TCP, 443), (Protocol.UDP, 53), (Protocol.SCTP, 8080), (Protocol.TCP, 75), (Protocol.UDP, 1) };
        for (var seed = first; seed < first + 40; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            foreach (var s in Endpoints(cluster))
            {
                foreach (var d in Endpoints(cluster))
                {
                    var allowed = evaluator.Evaluate(s, d);
                    foreach (var (protocol, port) in probes)
                    {
                        var explanation = evaluator.Explain(s, d, protocol, port);
                        if (!(explanation.Allowed == allowed.Contains(protocol, port)))
                    {
                        Assert.Fail($"{s} => {d} {protocol} {port}: explain says {explanation.Allowed}, evaluate {allowed}\n{explanation}\n{Dump(seed, cluster)}");
                    }
                    }
                }
            }
        }
    }
}
