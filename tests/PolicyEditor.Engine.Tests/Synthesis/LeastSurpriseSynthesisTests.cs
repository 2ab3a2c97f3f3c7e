using System.Net;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Tests.Synthesis;

/// <summary>Edits that do what they say: the internet as 0.0.0.0/0, rules in policies named for them, deny options that take only the named traffic.</summary>
public class LeastSurpriseSynthesisTests
{
    /// <summary>payments/gateway (the only workload of payments) isolated both ways, with a namespace-wide DNS egress policy.</summary>
    private const string IsolatedPayments = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-all, namespace: payments}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-dns-egress, namespace: payments}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
            - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
              ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
        """;

    private static ReachabilityMatrix Matrix(Cluster cluster) => ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

    private static Cluster Apply(Cluster cluster, SynthesisOption option) => option.Changes.Aggregate(cluster, (c, change) => c.Apply(change));

    [Fact]
    public void Allow_ToTheInternet_AllowsExactly0000Slash0_OnTheChosenPorts()
    {
        var cluster = Manifest.Load(IsolatedPayments);
        var gateway = cluster.W("payments/gateway");

        var result = PolicySynthesizer.Allow(Matrix(cluster), SynthesisPeer.Of(gateway), SynthesisPeer.Internet, ConnectionSet.Of(Protocol.TCP, 443));

        var option = Assert.Single(result.Options);
        var policy = Assert.Single(option.Changes).After!;
        var rule = Assert.Single(policy.Egress);
        var block = Assert.Single(rule.Peers).IpBlock!;
        Assert.Equal("0.0.0.0/0", block.Cidr.ToString());
        Assert.Empty(block.Except);
        Assert.Equal("TCP 443", string.Join(",", rule.Ports));
        var after = Matrix(Apply(cluster, option));
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 443), after.Get(gateway, Endpoint.Of(IPAddress.Parse("8.8.8.8"))));
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 443), after.Get(gateway, Endpoint.Of(IPAddress.Parse("0.0.0.0"))));
    }

    [Fact]
    public void Allow_NeverAppendsToAPolicyNamedForOtherTraffic_ItCreatesOneNamedForThisTraffic()
    {
        var cluster = Manifest.Load(IsolatedPayments);

        var result = PolicySynthesizer.Allow(Matrix(cluster), SynthesisPeer.Of(cluster.W("payments/gateway")), SynthesisPeer.Internet, ConnectionSet.Of(Protocol.TCP, 443));

        var change = Assert.Single(Assert.Single(result.Options).Changes);
        Assert.Equal("allow-gateway-to-internet", change.Name);
        Assert.Null(cluster.FindPolicy(change.Namespace, change.Name));
    }

    [Fact]
    public void Allow_AgainForTheSamePeers_AddsThePortToTheRuleThatAlreadyNamesThem()
    {
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-ingress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Ingress]
              ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{protocol: TCP, port: 8080}]}]
            """);

        var result = PolicySynthesizer.Allow(Matrix(cluster), SynthesisPeer.Of(cluster.W("shop/api")), SynthesisPeer.Of(cluster.W("shop/web")), ConnectionSet.Of(Protocol.TCP, 9090));

        var policy = Assert.Single(Assert.Single(result.Options).Changes).After!;
        Assert.Equal("web-ingress", policy.Name);
        Assert.Equal(2, Assert.Single(policy.Ingress).Ports.Count);
    }
}
