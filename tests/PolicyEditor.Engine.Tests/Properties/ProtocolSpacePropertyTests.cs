using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Oracle;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Properties;

/// <summary>
/// The engine over the whole connection space (every IP protocol), checked connection by connection against
/// the oracle's plain reading, which uses no connection sets: ports the rules name, ports next to them and far
/// from them, UDPLite (a port protocol no Kubernetes policy names), ICMP and ICMPv6 messages, and protocol
/// numbers held whole.
/// </summary>
public class ProtocolSpacePropertyTests
{
    private static readonly ConnectionPoint[] Probes =
    [
        ConnectionPoint.Port(Protocol.TCP, 80), ConnectionPoint.Port(Protocol.TCP, 53), ConnectionPoint.Port(Protocol.TCP, 60),
        ConnectionPoint.Port(Protocol.TCP, 101), ConnectionPoint.Port(Protocol.TCP, 65535), ConnectionPoint.Port(Protocol.UDP, 53),
        ConnectionPoint.Port(Protocol.UDP, 8080), ConnectionPoint.Port(Protocol.SCTP, 443), ConnectionPoint.Port(Protocol.SCTP, 75),
        ConnectionPoint.Port(Protocol.UDPLite, 80), ConnectionPoint.Port(Protocol.UDPLite, 53),
        ConnectionPoint.Icmp(Protocol.ICMP, 8, 0), ConnectionPoint.Icmp(Protocol.ICMP, 3, 4), ConnectionPoint.Icmp(Protocol.ICMPv6, 128, 0),
        ConnectionPoint.Whole(new Protocol(0)), ConnectionPoint.Whole(new Protocol(47)), ConnectionPoint.Whole(new Protocol(255)),
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 10; i++)
        {
            data.Add(1000 + (i * 40));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_AgreesWithTheOracle_ConnectionByConnection_OverEveryProtocol(int first)
    {
        for (var seed = first; seed < first + 40; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            var reference = new OracleEvaluator(cluster);
            foreach (var s in EvaluatorPropertyTests.Endpoints(cluster))
            {
                foreach (var d in EvaluatorPropertyTests.Endpoints(cluster))
                {
                    var allowed = evaluator.Evaluate(s, d);
                    foreach (var point in Probes)
                    {
                        if (allowed.Contains(point) != reference.Allows(s, d, point))
                        {
                            Assert.Fail($"{s} => {d} {point}: engine {allowed}, oracle says {(reference.Allows(s, d, point) ? "allowed" : "denied")}\n{EvaluatorPropertyTests.Dump(seed, cluster)}");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Explain_AgreesWithEvaluate_OverEveryProtocol(int first)
    {
        for (var seed = first; seed < first + 40; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var evaluator = new ClusterEvaluator(cluster);
            foreach (var s in EvaluatorPropertyTests.Endpoints(cluster))
            {
                foreach (var d in EvaluatorPropertyTests.Endpoints(cluster))
                {
                    var allowed = evaluator.Evaluate(s, d);
                    foreach (var point in Probes)
                    {
                        var explanation = evaluator.Explain(s, d, point.Protocol, point.Value);
                        if (explanation.Allowed != allowed.Contains(point))
                        {
                            Assert.Fail($"{s} => {d} {point}: explain says {explanation.Allowed}, evaluate {allowed}\n{explanation}\n{EvaluatorPropertyTests.Dump(seed, cluster)}");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RulesWithoutPorts_OpenEveryProtocol_AndRulesWithPorts_OnlyThose(int first)
    {
        // What NetworkPolicy and admin ports can name (SCTP, TCP, UDP) bounds what a rule with ports opens:
        // every other protocol is allowed for a pair exactly where it is allowed whole, alike for all of them.
        for (var seed = first; seed < first + 40; seed++)
        {
            var cluster = new RandomCluster(seed).Next();
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            foreach (var connection in matrix.Connections())
            {
                var others = connection.Allowed.Subtract(ConnectionSet.AllOf(ProtocolScope.Kubernetes));
                if (!others.IsEmpty && !others.Equals(ConnectionSet.All.Subtract(ConnectionSet.AllOf(ProtocolScope.Kubernetes))))
                {
                    Assert.Fail($"{connection}: protocols beyond SCTP, TCP and UDP are not treated alike\n{EvaluatorPropertyTests.Dump(seed, cluster)}");
                }
            }
        }
    }
}
