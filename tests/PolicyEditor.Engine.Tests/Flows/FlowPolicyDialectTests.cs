using System.Net;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Flows;

/// <summary>Policies from flows written in Calico and Cilium: their rule syntax, DNS, ICMP, what they allow once applied, and the workspace's own dialect by default.</summary>
public class FlowPolicyDialectTests
{
    private const string CoreDns = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: coredns, namespace: ops}
        spec:
          selector: {matchLabels: {k8s-app: kube-dns}}
          template:
            metadata: {labels: {k8s-app: kube-dns, pod-template-hash: abc12}}
            spec: {containers: [{name: c}]}
        """;

    [Fact]
    public void Calico_RulesPerProtocolWithMergedPorts_NamespaceSelectors_IcmpAndADefaultDenyKeepingDns()
    {
        var (cluster, proposal) = Propose(Manifest.Load(CoreDns), PolicyDialect.Calico);

        var web = proposal.Policies.OfType<CalicoPolicy>().Single(p => p.Name == "observed-web");
        Assert.Equal(CalicoPolicyKind.NetworkPolicy, web.PolicyKind);
        Assert.Equal(2, web.Types.Count);
        Assert.Contains(web.Egress, r => r.Protocol?.Name == "TCP" && r.Destination.Ports.Count == 2 && r.Destination.Selector!.ToString().Contains("app == 'api'", StringComparison.Ordinal));
        Assert.Contains(web.Egress, r => r.Destination.Nets.Single().ToString() == "203.0.113.7/32");
        Assert.Contains(web.Ingress, r => r.Protocol?.Name == "TCP" && r.Source.NamespaceSelector!.ToString() == "projectcalico.org/name == 'ops'");
        Assert.Contains(web.Ingress, r => r.Protocol?.Name == "ICMP" && r.Icmp == new CalicoIcmp(8, 0));
        var deny = proposal.Policies.OfType<CalicoPolicy>().Single(p => p.Name == "observed-default-deny");
        Assert.Equal("all()", deny.Selector.ToString());
        Assert.Empty(deny.Ingress);
        Assert.Equal(["TCP", "UDP"], deny.Egress.Select(r => r.Protocol!.Value.Name).Order());
        Assert.All(deny.Egress, r => Assert.Equal("k8s-app == 'kube-dns'", r.Destination.Selector!.ToString()));
        Assert.DoesNotContain("pod-template-hash", ManifestWriter.WritePolicies(proposal.Policies));
        Assert.Contains("apiVersion: projectcalico.org/v3", ManifestWriter.WritePolicies(proposal.Policies));
        AssertAllowsObservedOnly(cluster, proposal);
        AssertLoadsBack(proposal);
    }

    [Fact]
    public void Cilium_EndpointsWithTheNamespaceLabel_CidrsPortsIcmpsInTheirOwnRules_AndTheDnsProxyRule()
    {
        var (cluster, proposal) = Propose(Manifest.Load(CoreDns), PolicyDialect.Cilium);

        var web = proposal.Policies.OfType<CiliumPolicy>().Single(p => p.Name == "observed-web").Spec!;
        Assert.Equal("web", web.EndpointSelector!.MatchLabels["app"]);
        Assert.Contains(web.Ingress, r => r.Endpoints.Single().MatchLabels.TryGetValue(CiliumSynthesizer.NamespaceLabel, out var ns) && ns == "ops" && r.Icmps.IsEmpty && !r.Ports.IsEmpty);
        Assert.Contains(web.Ingress, r => r.Ports.IsEmpty && r.Icmps.Single() == new CiliumIcmp("8", "IPv4"));
        Assert.Contains(web.Egress, r => r.Cidrs.Single().Cidr == "203.0.113.7/32" && r.Endpoints.IsEmpty);
        Assert.Contains(web.Egress, r => r.Ports.Single().Ports.Count == 2 && r.Endpoints.Single().MatchLabels["app"] == "api");
        Assert.Contains(web.Egress, r => r.Ports.Any(p => p.Rules is not null) && r.Endpoints.Single().MatchLabels["k8s:k8s-app"] == "kube-dns");
        Assert.Contains(proposal.Warnings, w => w.Contains("ICMP types, not codes", StringComparison.Ordinal));
        var yaml = ManifestWriter.WritePolicies(proposal.Policies);
        Assert.Contains("apiVersion: cilium.io/v2", yaml);
        Assert.Contains("matchPattern: '*'", yaml);
        Assert.DoesNotContain("pod-template-hash", yaml);
        AssertAllowsObservedOnly(cluster, proposal);
        AssertLoadsBack(proposal);
    }

    [Fact]
    public void NetworkPolicy_LeavesIcmpOutWithAWarning()
    {
        var (_, proposal) = Propose(Manifest.Load(CoreDns), PolicyDialect.NetworkPolicy);

        Assert.All(proposal.Policies, p => Assert.IsType<NetworkPolicy>(p));
        Assert.Contains(proposal.Warnings, w => w.Contains("1 observed connection on a protocol NetworkPolicy cannot name", StringComparison.Ordinal));
    }

    [Fact]
    public void Calico_AWorkloadNamedDefaultDeny_GetsAPolicyOfItsOwnName()
    {
        var (_, proposal) = Propose(Manifest.Load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: default-deny, namespace: shop, labels: {app: dd}}
            """), PolicyDialect.Calico);

        var names = proposal.Policies.Where(p => p.Namespace == "shop").Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("observed-default-deny-pod", names);
        Assert.Equal("all()", proposal.Policies.OfType<CalicoPolicy>().Single(p => p.Name == "observed-default-deny" && p.Namespace == "shop").Selector.ToString());
    }

    [Theory]
    [InlineData("", PolicyDialect.NetworkPolicy)]
    [InlineData("""
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: calico-web, namespace: shop}
        spec: {selector: app == 'web', types: [Ingress]}
        """, PolicyDialect.Calico)]
    [InlineData("""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: cilium-web, namespace: shop}
        spec: {endpointSelector: {matchLabels: {app: web}}, ingress: [{}]}
        """, PolicyDialect.Cilium)]
    public void Dialect_IsTheWorkspacesOwnByDefault_AndItsPoliciesOfTheScopeAreReplaced(string policy, PolicyDialect expected)
    {
        var (_, proposal) = Propose(Manifest.Load(policy), null);

        Assert.Equal(expected, proposal.Dialect);
        Assert.Equal(policy.Length > 0 ? 1 : 0, proposal.Replaced.Count);
    }

    /// <summary>Observed: web to api on two ports and db, web to an address outside, monitor (ops) to web on TCP and ping; proposed for namespace shop.</summary>
    private static (Cluster Cluster, FlowPolicyProposal Proposal) Propose(Cluster cluster, PolicyDialect? dialect)
    {
        FlowRecord Flow(FlowPeer s, FlowPeer d, FlowProtocol protocol, int port) => new(s, d, protocol, port, FlowVerdict.Forwarded);
        var (web, api, db, monitor) = (FlowPeer.OfWorkload("shop", "web"), FlowPeer.OfWorkload("shop", "api"), FlowPeer.OfWorkload("shop", "db"), FlowPeer.OfWorkload("ops", "monitor"));
        var outside = new FlowPeer(null, null, null, LabelSet.Empty, IPAddress.Parse("203.0.113.7"));
        var traffic = FlowClassifierTests.Fold([
            Flow(web, api, FlowProtocol.Tcp, 8081), Flow(web, api, FlowProtocol.Tcp, 9000), Flow(web, db, FlowProtocol.Tcp, 5432),
            Flow(web, outside, FlowProtocol.Tcp, 443), Flow(monitor, web, FlowProtocol.Tcp, 9090), Flow(monitor, web, FlowProtocol.Icmp, IcmpSet.Key(8, 0)),
        ]);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var classification = FlowClassifier.Classify(traffic, new FlowMatcher(cluster), matrix);
        return (cluster, FlowPolicyGenerator.Generate(cluster, classification, w => w.Namespace == "shop", dialect));
    }

    private static void AssertAllowsObservedOnly(Cluster cluster, FlowPolicyProposal proposal)
    {
        var evaluator = new ClusterEvaluator(proposal.Changes().Aggregate(cluster, (c, change) => c.Apply(change)));
        var (web, api, db, monitor) = (cluster.W("shop/web"), cluster.W("shop/api"), cluster.W("shop/db"), cluster.W("ops/monitor"));
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 8081).Union(ConnectionSet.Of(Protocol.TCP, 9000)), evaluator.Evaluate(web, api));
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 5432), evaluator.Evaluate(web, db));
        Assert.True(evaluator.Evaluate(monitor, web).Contains(Protocol.ICMP, IcmpSet.Key(8, 0)));
        Assert.True(evaluator.Evaluate(monitor, web).Contains(Protocol.TCP, 9090));
        Assert.False(evaluator.Evaluate(monitor, web).Contains(Protocol.TCP, 8080));
        Assert.True(evaluator.Evaluate(web, Endpoint.Of(IPAddress.Parse("203.0.113.7"))).Contains(Protocol.TCP, 443));
        Assert.True(evaluator.Evaluate(web, cluster.W("ops/coredns[Deployment]")).Contains(Protocol.UDP, 53));
        Assert.True(evaluator.Evaluate(api, web).IsEmpty);
        Assert.True(evaluator.Evaluate(db, monitor).IsEmpty);
    }

    /// <summary>The YAML loads back to the same policies.</summary>
    private static void AssertLoadsBack(FlowPolicyProposal proposal)
    {
        var loaded = ManifestLoader.LoadText(ManifestWriter.WritePolicies(proposal.Policies), "proposal.yaml");
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(proposal.Policies.Select(p => ManifestWriter.Write(p)), loaded.Cluster.OtherPolicies.Select(p => ManifestWriter.Write(p)));
    }
}
