using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Tests.Properties;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Flows;

/// <summary>
/// Policies from flows, as a property of random clusters: the generated policies allow every observed flow,
/// and every connection they allow was observed (or is DNS).
/// </summary>
public class FlowPolicyGeneratorTests
{
    public static TheoryData<int, PolicyDialect> Seeds()
    {
        var data = new TheoryData<int, PolicyDialect>();
        foreach (var dialect in Enum.GetValues<PolicyDialect>())
        {
            for (var i = 0; i < 16; i++)
            {
                data.Add(3000 + i * 41, dialect);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedPolicies_AllowEveryObservedFlowAndNothingElse(int seed, PolicyDialect dialect)
    {
        var cluster = Distinguishable(new RandomCluster(seed).Next());
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var records = FlowGenerator.Generate(matrix, seed).Concat(Pings(matrix)).ToList();
        var classification = FlowClassifier.Classify(FlowClassifierTests.Fold(records), new FlowMatcher(cluster), matrix);

        var proposal = FlowPolicyGenerator.Generate(cluster, classification, dialect: dialect);
        var proposed = proposal.Changes().Aggregate(cluster, (c, change) => c.Apply(change));
        var after = ReachabilityMatrix.Build(new ClusterEvaluator(proposed));

        Assert.Equal(dialect, proposal.Dialect);
        Assert.True(dialect == PolicyDialect.NetworkPolicy || proposed.NetworkPolicies.All(p => cluster.Workloads.All(w => w.Namespace != p.Namespace)), "the NetworkPolicies are replaced");
        var dump = ManifestWriter.WriteCluster(proposed);
        var observed = new Dictionary<(string, string), ConnectionSet>();
        foreach (var f in classification.Flows.Where(f => f.Flow.Forwarded > 0 && FlowPolicyGenerator.CanName(dialect, f.Flow.Protocol.Protocol)))
        {
            var point = new ConnectionPoint(f.Flow.Protocol.Protocol, f.Flow.Port);
            Assert.True(after.Get(f.Source!, f.Destination!).Contains(point), $"seed {seed}, {dialect}: {f.Line} is not allowed\n{dump}");

            // Cilium names ICMP types, not codes: a type observed is allowed with every code.
            var connection = dialect == PolicyDialect.Cilium && point.Protocol.HasTypes
                ? ConnectionSet.Of(point.Protocol, IcmpSet.OfType(point.IcmpType))
                : ConnectionSet.Of(point);
            var key = (f.Source!.Id, f.Destination!.Id);
            observed[key] = observed.TryGetValue(key, out var known) ? known.Union(connection) : connection;
        }

        // Every workload is in the scope: nothing reaches one, and none reaches anything, but what was observed.
        foreach (var c in after.Connections().Where(c => c.Source is WorkloadEndpoint || c.Destination is WorkloadEndpoint))
        {
            var seen = observed.GetValueOrDefault((c.Source.Id, c.Destination.Id), ConnectionSet.None);
            Assert.True(c.Allowed.IsSubsetOf(seen), $"seed {seed}, {dialect}: {c} allows more than observed ({seen})\n{dump}");
        }
    }

    [Fact]
    public void Policies_SelectByStableLabels_MergePortsAndKeepDns()
    {
        var cluster = Manifest.Load("""
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: coredns, namespace: ops}
            spec:
              selector: {matchLabels: {k8s-app: kube-dns}}
              template:
                metadata: {labels: {k8s-app: kube-dns, pod-template-hash: abc12}}
                spec: {containers: [{name: c}]}
            """);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        FlowRecord Flow(string s, string d, int port) => new(FlowPeer.OfWorkload("shop", s), FlowPeer.OfWorkload("shop", d), FlowProtocol.Tcp, port, FlowVerdict.Forwarded);
        var traffic = FlowClassifierTests.Fold([Flow("web", "api", 8081), Flow("web", "api", 9000), Flow("web", "db", 5432)]);
        var classification = FlowClassifier.Classify(traffic, new FlowMatcher(cluster), matrix);

        var proposal = FlowPolicyGenerator.Generate(cluster, classification, w => w.Namespace == "shop");

        var web = proposal.Policies.OfType<NetworkPolicy>().Single(p => p.Name == "observed-web");
        var yaml = ManifestWriter.Write(web);
        Assert.DoesNotContain("pod-template-hash", ManifestWriter.WritePolicies(proposal.Policies));
        Assert.Equal(PolicyTypes.Both, web.Types);
        Assert.Contains(web.Egress, r => r.Ports.Count == 2 && r.Peers.Single().PodSelector!.ToString().Contains("app=api", StringComparison.Ordinal));
        Assert.Contains("k8s-app: kube-dns", yaml);
        Assert.Contains("kubernetes.io/metadata.name: ops", yaml);
        Assert.Equal(3, proposal.Policies.Count);
        Assert.All(proposal.Replaced, p => Assert.Equal("shop", p.Namespace));
    }

    /// <summary>A ping (ICMP echo request) between some of the pairs the cluster allows it between.</summary>
    private static IEnumerable<FlowRecord> Pings(ReachabilityMatrix matrix) =>
        matrix.Connections()
            .Where(c => c.Source is WorkloadEndpoint && c.Destination is WorkloadEndpoint && c.Allowed.Contains(Protocol.ICMP, IcmpSet.Key(8, 0)))
            .Where((_, i) => i % 5 == 0)
            .Select(c => new FlowRecord(Peer(c.Source), Peer(c.Destination), FlowProtocol.Icmp, IcmpSet.Key(8, 0), FlowVerdict.Forwarded));

    private static FlowPeer Peer(Endpoint endpoint) => FlowPeer.OfWorkload(((WorkloadEndpoint)endpoint).Workload.Namespace, ((WorkloadEndpoint)endpoint).Workload.Name);

    /// <summary>The cluster with each workload's own label: selectors can then tell every workload apart.</summary>
    private static Cluster Distinguishable(Cluster cluster) => cluster with
    {
        Workloads = cluster.Workloads.Select(w => w with { Labels = w.Labels.With("name", w.Name) }).ToValueArray(),
        AdminNetworkPolicies = ValueArray<AdminNetworkPolicy>.Empty,
        BaselineAdminNetworkPolicy = null,
        OtherPolicies = ValueArray<IPolicyResource>.Empty,
    };
}
