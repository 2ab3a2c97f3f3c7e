using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Tests.Properties;

namespace PolicyEditor.Engine.Tests.Flows;

/// <summary>Classification and replay agree with the engine's matrix, on generated clusters and on a draft that blocks.</summary>
public class FlowClassifierTests
{
    private const string DenyApiIngress = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-api, namespace: shop}
        spec: {podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress]}
        """;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 10; i++)
        {
            data.Add(2000 + i * 37);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedFlows_AreClassifiedAsTheMatrixAllowsThem(int seed)
    {
        var cluster = new RandomCluster(seed).Next();
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var traffic = Fold(FlowGenerator.Generate(matrix, seed));

        var classification = FlowClassifier.Classify(traffic, new FlowMatcher(cluster), matrix);

        Assert.Empty(classification.Unmatched);
        foreach (var flow in classification.Flows)
        {
            var allowed = matrix.Get(flow.Source!, flow.Destination!).Contains(flow.Flow.Protocol.Protocol, flow.Flow.Port);
            Assert.Equal(allowed ? FlowClass.ObservedAllowed : FlowClass.DroppedToday, flow.Class);
            Assert.Equal(flow.Flow.Dropped > 0 ? FlowClass.DroppedToday : FlowClass.ObservedAllowed, flow.Class);
        }
    }

    [Fact]
    public void GeneratedFlowsOfAProfile_AreAllMatchedByPodName()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.S0);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

        var classification = FlowClassifier.Classify(Fold(FlowGenerator.Generate(matrix)), new FlowMatcher(cluster), matrix);

        Assert.NotEmpty(classification.Flows);
        Assert.All(classification.Flows, f => Assert.Equal(PeerMatchKind.Name, f.SourceMatch.Kind));
        Assert.True(classification.Count(FlowClass.ObservedAllowed) > 0);
    }

    [Fact]
    public void ADraftThatBlocksObservedTraffic_ClassifiesItAsBlockedByTheDraft()
    {
        var today = Matrix(Manifest.Load());
        var draft = Matrix(Manifest.Load(DenyApiIngress));
        var traffic = Fold([Record("web", "api", 8081), Record("web", "db", 5432)]);

        var classification = FlowClassifier.Classify(traffic, new FlowMatcher(today.Evaluator.Cluster), today, draft);

        var blocked = Assert.Single(classification.BlockedByDraft);
        Assert.Equal("shop/web[Pod] => shop/api[Pod] : TCP 8081", blocked.Line);
        Assert.Equal((true, false), (blocked.AllowedToday, blocked.AllowedByDraft));
        Assert.Equal(1, classification.Count(FlowClass.ObservedAllowed));
    }

    [Fact]
    public void AllowedPairsWithoutFlows_AreNeverObserved()
    {
        var matrix = Matrix(Manifest.Load());
        var classification = FlowClassifier.Classify(Fold([Record("web", "api", 8081)]), new FlowMatcher(matrix.Evaluator.Cluster), matrix);

        var never = classification.NeverObserved(matrix).Select(c => $"{c.Source.Id} => {c.Destination.Id}").ToList();

        Assert.DoesNotContain("shop/web[Pod] => shop/api[Pod]", never);
        Assert.Contains("shop/web[Pod] => shop/db[Pod]", never);
    }

    [Fact]
    public void FlowsOfEveryProtocol_AreAskedOfTheMatrix()
    {
        var open = Matrix(Manifest.Load());
        var isolated = Matrix(Manifest.Load(DenyApiIngress));
        var traffic = Fold([Record("web", "api", Connections.IcmpSet.Key(8, 0)) with { Protocol = FlowProtocol.Icmp }, Record("web", "api", 0) with { Protocol = new FlowProtocol(47) }]);

        var classification = FlowClassifier.Classify(traffic, new FlowMatcher(open.Evaluator.Cluster), open, isolated);

        Assert.Equal(["shop/web[Pod] => shop/api[Pod] : ICMP 8/0", "shop/web[Pod] => shop/api[Pod] : proto 47"], classification.BlockedByDraft.Select(f => f.Line));
    }

    [Fact]
    public void FlowsOfUnknownWorkloads_AreUnmatchedWithTheReason()
    {
        var matrix = Matrix(Manifest.Load());
        var classification = FlowClassifier.Classify(Fold([Record("web", "ghost", 80)]), new FlowMatcher(matrix.Evaluator.Cluster), matrix);

        var unmatched = Assert.Single(classification.Unmatched);
        Assert.Contains("ghost", unmatched.Problem);
        Assert.Empty(classification.Pairs);
    }

    internal static ObservedTraffic Fold(IEnumerable<FlowRecord> records)
    {
        var aggregator = new FlowAggregator();
        foreach (var r in records)
        {
            aggregator.Add(r);
        }

        return aggregator.Build();
    }

    private static ReachabilityMatrix Matrix(Cluster cluster) => ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

    private static FlowRecord Record(string source, string destination, int port) =>
        new(FlowPeer.OfWorkload("shop", source), FlowPeer.OfWorkload("shop", destination), FlowProtocol.Tcp, port, FlowVerdict.Forwarded);
}
