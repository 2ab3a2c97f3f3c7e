using System.Net;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Evaluation;

/// <summary>NetworkPolicy and admin rules over every IP protocol: no ports is everything, ports are only those.</summary>
public class ProtocolSpaceTests
{
    private static ConnectionSet Allowed(Cluster cluster, Endpoint source, Endpoint destination) =>
        new ClusterEvaluator(cluster).Evaluate(source, destination);

    private static string Ingress(string rule) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-in, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{{{rule}}}]
        """;

    [Fact]
    public void UnselectedPods_AllowEveryProtocol()
    {
        var c = Manifest.Load();

        Assert.Same(ConnectionSet.All, Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void ARuleWithoutPorts_AllowsEveryProtocol_EveryIcmpMessage_AndEveryProtocolNumber()
    {
        var c = Manifest.Load(Ingress("{from: [{podSelector: {matchLabels: {app: web}}}]}"));
        var allowed = Allowed(c, c.W("shop/web"), c.W("shop/db"));

        Assert.True(allowed.IsAll);
        Assert.True(allowed.Contains(ConnectionPoint.Icmp(Protocol.ICMP, 8, 0)));
        Assert.True(allowed.Contains(ConnectionPoint.Icmp(Protocol.ICMPv6, 128, 0)));
        Assert.True(allowed.Contains(ConnectionPoint.Port(Protocol.UDPLite, 5432)));
        Assert.True(allowed.Contains(ConnectionPoint.Whole(new Protocol(47))));
    }

    [Fact]
    public void ARuleWithPorts_AllowsOnlyThosePorts_AndNoOtherProtocol()
    {
        var c = Manifest.Load(Ingress("{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}, {protocol: UDP, port: 53}]}"));
        var allowed = Allowed(c, c.W("shop/web"), c.W("shop/db"));

        Assert.Equal("TCP 5432,UDP 53", allowed.ToString());
        Assert.False(allowed.Contains(ConnectionPoint.Icmp(Protocol.ICMP, 8, 0)));
        Assert.False(allowed.Contains(ConnectionPoint.Port(Protocol.UDPLite, 53)));
        Assert.False(allowed.Contains(ConnectionPoint.Whole(new Protocol(47))));
    }

    [Fact]
    public void AProtocolWithoutAPort_AllowsThatWholeProtocolOnly()
    {
        var c = Manifest.Load(Ingress("{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{protocol: SCTP}]}"));

        Assert.Equal("SCTP 1-65535", Allowed(c, c.W("shop/web"), c.W("shop/db")).ToString());
    }

    [Fact]
    public void AnIsolatedPod_AllowsNothing_OfAnyProtocol()
    {
        var c = Manifest.Load(Ingress("{from: [{podSelector: {matchLabels: {app: web}}}]}"));

        Assert.Same(ConnectionSet.None, Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void EgressToAnAddress_WithoutPorts_AllowsEveryProtocol()
    {
        var c = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: out, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]
            """);

        Assert.True(Allowed(c, c.W("shop/web"), Endpoint.Of(IPAddress.Parse("10.1.2.3"))).IsAll);
        Assert.True(Allowed(c, c.W("shop/web"), Endpoint.Of(IPAddress.Parse("8.8.8.8"))).IsEmpty);
    }

    [Fact]
    public void AnAdminDenyWithPorts_LeavesEveryOtherProtocolToTheLayersBelow()
    {
        var c = Manifest.Load("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: no-dns}
            spec:
              priority: 1
              subject: {namespaces: {}}
              ingress: [{name: deny-dns, action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {protocol: UDP, port: 53}}]}]
            """);
        var allowed = Allowed(c, c.W("ops/monitor"), c.W("shop/api"));

        Assert.Equal(ConnectionSet.All.Subtract(ConnectionSet.Of(Protocol.UDP, 53)), allowed);
        Assert.True(allowed.Contains(ConnectionPoint.Port(Protocol.UDPLite, 53)));
        Assert.True(allowed.Contains(ConnectionPoint.Icmp(Protocol.ICMP, 3, 3)));
    }

    [Fact]
    public void AnAdminDenyWithoutPorts_DeniesEveryProtocol()
    {
        var c = Manifest.Load("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: quarantine}
            spec:
              priority: 1
              subject: {namespaces: {matchLabels: {team: ops}}}
              egress: [{name: nothing, action: Deny, to: [{namespaces: {}}]}]
            """);

        Assert.Same(ConnectionSet.None, Allowed(c, c.W("ops/monitor"), c.W("shop/api")));
    }

    [Fact]
    public void Explain_AnswersForAnIcmpMessage_AndForAProtocolNumber()
    {
        var c = Manifest.Load(Ingress("{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}"));
        var evaluator = new ClusterEvaluator(c);

        var ping = evaluator.Explain(c.W("shop/web"), c.W("shop/db"), Protocol.ICMP, IcmpSet.Key(8, 0));
        var gre = evaluator.Explain(c.W("shop/api"), c.W("shop/web"), new Protocol(47), 0);

        Assert.False(ping.Allowed);
        Assert.StartsWith("shop/web[Pod] => shop/db[Pod] ICMP 8/0: DENIED", ping.ToString(), StringComparison.Ordinal);
        Assert.True(gre.Allowed);
        Assert.Contains("proto 47: ALLOWED", gre.ToString(), StringComparison.Ordinal);
    }
}
