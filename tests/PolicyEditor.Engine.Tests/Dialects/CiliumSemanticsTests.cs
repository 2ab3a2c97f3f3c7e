using System.Net;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Dialects;

public class CiliumSemanticsTests
{
    private static readonly Endpoint Internet = Endpoint.Of(IPAddress.Parse("8.8.8.8"));

    /// <summary>The connections allowed, read over SCTP, TCP and UDP (the ICMP tests ask for ICMP themselves).</summary>
    private static string Allowed(Cluster cluster, Endpoint source, Endpoint destination) =>
        new ClusterEvaluator(cluster).Evaluate(source, destination).AsReported(ProtocolScope.Kubernetes).ToString();

    private static string Cnp(string name, string ns, string body) => $"""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
        {body}
        """;

    private const string DbFromWeb = """
          endpointSelector: {matchLabels: {app: db}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
        """;

    [Fact]
    public void IngressRule_PutsTheEndpointIntoDefaultDeny_AndAllowsWhatItNames()
    {
        var c = Manifest.Load(Cnp("db", "shop", DbFromWeb));

        Assert.Equal("TCP 5432", Allowed(c, c.W("shop/web"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, Internet, c.W("shop/db")));
    }

    [Fact]
    public void DefaultDeny_IsPerDirection()
    {
        var c = Manifest.Load(Cnp("db", "shop", DbFromWeb));

        Assert.Equal("All Connections", Allowed(c, c.W("shop/db"), c.W("ops/monitor")));
    }

    [Fact]
    public void EndpointsWithoutNamespace_AreThoseOfThePolicysNamespace()
    {
        var c = Manifest.Load(Cnp("db", "shop", """
              endpointSelector: {matchLabels: {app: db}}
              ingress:
              - fromEndpoints: [{}]
            """));

        Assert.Equal("All Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void NamespaceLabel_WithK8sPrefix_SelectsPodsOfThatNamespace()
    {
        var c = Manifest.Load(Cnp("db", "shop", """
              endpointSelector: {matchLabels: {"k8s:app": db}}
              ingress:
              - fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": ops}}]
            """));

        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void ClusterwidePolicy_SelectsByNamespaceLabels()
    {
        var c = Manifest.Load("""
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: pci}
            spec:
              endpointSelector: {matchLabels: {"io.cilium.k8s.namespace.labels.pci": "true"}}
              ingress:
              - fromEndpoints: [{matchLabels: {"io.cilium.k8s.namespace.labels.team": ops}}]
            """);

        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("payments/gateway")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("payments/gateway")));
        Assert.Equal("All Connections", Allowed(c, c.W("payments/gateway"), c.W("shop/web")));
    }

    [Fact]
    public void Deny_WinsOverAnAllowOfAnotherKind()
    {
        var c = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: open, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{}]
            ---

            """ + Cnp("no-web", "shop", """
              endpointSelector: {matchLabels: {app: db}}
              ingressDeny:
              - fromEndpoints: [{matchLabels: {app: web}}]
                toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
            """));

        Assert.Equal("SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535", Allowed(c, c.W("shop/web"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
    }

    [Fact]
    public void DenyOnlyPolicy_AlsoPutsTheEndpointIntoDefaultDeny()
    {
        var c = Manifest.Load(Cnp("no-web", "shop", """
              endpointSelector: {matchLabels: {app: db}}
              ingressDeny:
              - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
            """));

        Assert.Equal("No Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
    }

    [Fact]
    public void EnableDefaultDenyFalse_AddsAllowsWithoutIsolating()
    {
        var c = Manifest.Load(Cnp("db", "shop", """
              endpointSelector: {matchLabels: {app: db}}
              enableDefaultDeny: {ingress: false}
              ingress:
              - fromEndpoints: [{matchLabels: {app: web}}]
              ingressDeny:
              - fromEndpoints: [{matchLabels: {app: api}}]
            """));

        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
    }

    [Fact]
    public void EmptyRule_IsolatesAndAllowsNothing()
    {
        var c = Manifest.Load(Cnp("lock", "shop", """
              endpointSelector: {}
              egress:
              - {}
            """));

        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void PortsOnlyRule_AllowsEveryPeerOnThosePorts_WithAnyProtocolAndRanges()
    {
        var c = Manifest.Load(Cnp("db", "shop", """
              endpointSelector: {matchLabels: {app: db}}
              ingress:
              - toPorts: [{ports: [{port: "5000", endPort: 5010}, {port: "53", protocol: UDP}]}]
            """));

        Assert.Equal("SCTP 5000-5010,TCP 5000-5010,UDP 53,5000-5010", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
        Assert.Equal("SCTP 5000-5010,TCP 5000-5010,UDP 53,5000-5010", Allowed(c, Internet, c.W("shop/db")));
    }

    [Fact]
    public void IcmpTypes_AreConnections_AndARuleWithoutPortsAllowsEveryProtocol()
    {
        var c = Manifest.Load(Cnp("db", "shop", """
              endpointSelector: {matchLabels: {app: db}}
              ingress:
              - fromEndpoints: [{matchLabels: {app: web}}]
                icmps: [{fields: [{type: EchoRequest, family: IPv4}, {type: 128, family: IPv6}]}]
              - fromEndpoints: [{matchLabels: {app: api}}]
            """));
        var evaluator = new ClusterEvaluator(c);

        Assert.Equal(ConnectionSet.Icmp(8).Union(ConnectionSet.IcmpV6(128)), evaluator.Evaluate(c.W("shop/web"), c.W("shop/db")));
        Assert.Equal(ConnectionSet.All, evaluator.Evaluate(c.W("shop/api"), c.W("shop/db")));
    }

    [Fact]
    public void NamedPort_IsResolvedAgainstTheDestination()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              ingress:
              - toPorts: [{ports: [{port: metrics, protocol: TCP}]}]
            """));

        Assert.Equal("TCP 9090", Allowed(c, c.W("ops/monitor"), c.W("shop/web")));
    }

    [Fact]
    public void CidrSetExcept_LeavesTheExceptedAddressesOut()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toCIDRSet: [{cidr: 8.0.0.0/8, except: [8.8.8.0/24]}]
            """));

        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), Internet));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), Endpoint.Of(IPAddress.Parse("8.1.1.1"))));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void CidrGroupReference_TakesInTheGroupsCidrs()
    {
        var c = Manifest.Load("""
            apiVersion: cilium.io/v2
            kind: CiliumCIDRGroup
            metadata: {name: google}
            spec: {externalCIDRs: [8.8.8.0/24]}
            ---

            """ + Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toCIDRSet: [{cidrGroupRef: google}]
            """));

        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), Internet));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), Endpoint.Of(IPAddress.Parse("9.9.9.9"))));
    }

    [Fact]
    public void WorldEntity_IsTheExternalAddressSpace_NotPods()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              ingress:
              - fromEntities: [world]
            """));

        Assert.Equal("All Connections", Allowed(c, Internet, c.W("shop/web")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/api"), c.W("shop/web")));
    }

    [Fact]
    public void ClusterEntity_IsEveryPodAndTheSpecialPeers_NotTheWorld()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              ingress:
              - fromEntities: [cluster]
            """));

        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/web")));
        Assert.Equal("All Connections", Allowed(c, new SpecialEndpoint("remote-node"), c.W("shop/web")));
        Assert.Equal("No Connections", Allowed(c, Internet, c.W("shop/web")));
    }

    [Fact]
    public void TheLocalHost_AlwaysReachesEndpoints_ButOtherNodesNeedARule()
    {
        var c = Manifest.Load(Cnp("web", "shop", DbFromWeb));

        Assert.Equal("All Connections", Allowed(c, new SpecialEndpoint("host"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, new SpecialEndpoint("remote-node"), c.W("shop/db")));
    }

    [Fact]
    public void ReservedLabelSelector_NamesAnEntity()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toEndpoints: [{matchLabels: {"reserved:kube-apiserver": ""}}]
            """));

        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), new SpecialEndpoint("kube-apiserver")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), new SpecialEndpoint("host")));
    }

    private const string AskDns = """

          - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": ops}}]
            toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
        """;

    [Fact]
    public void DnsNameRule_AllowsTheNameOnItsPorts_AndNothingElseOutside()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toFQDNs: [{matchName: api.example.com}, {matchPattern: "*.cdn.example.com"}]
                toPorts: [{ports: [{port: "443", protocol: TCP}]}]
            """ + AskDns));

        Assert.Equal("TCP 443", Allowed(c, c.W("shop/web"), new DnsEndpoint("api.example.com")));
        Assert.Equal("TCP 443", Allowed(c, c.W("shop/web"), new DnsEndpoint("img.cdn.example.com")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), new DnsEndpoint("other.example.com")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), Internet));
    }

    [Fact]
    public void DnsNameRule_AllowsNothing_WhenTheEndpointCannotAskDnsThroughTheProxy()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toFQDNs: [{matchName: api.example.com}]
                toPorts: [{ports: [{port: "443", protocol: TCP}]}]
              - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": ops}}]
                toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*.other.org"}]}}]
            """));

        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), new DnsEndpoint("api.example.com")));
    }

    [Fact]
    public void PatternPeer_IsAllowedByAWiderPattern_NotByANarrowerOne()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toFQDNs: [{matchPattern: "*.example.com"}]
              - toFQDNs: [{matchPattern: "api*.example.com"}]
            """ + AskDns));

        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), new DnsEndpoint("api*.example.com")));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), new DnsEndpoint("*.example.com")));
    }

    [Fact]
    public void TheMatrix_ListsSpecialPeersAndDnsNamesThePoliciesName()
    {
        var c = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toFQDNs: [{matchName: API.example.com.}]
              - toEntities: [kube-apiserver]
            """ + AskDns));

        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(c));

        Assert.Equal(["{kube-apiserver}", "api.example.com[DNS]"], matrix.OtherEndpoints.Select(e => e.Id));
        Assert.Contains(matrix.Connections(), x => x.Source.Id == "shop/web[Pod]" && x.Destination.Id == "api.example.com[DNS]");
        Assert.Contains(matrix.Connections(), x => x.Source.Id == "{kube-apiserver}" && x.Destination.Id == "shop/db[Pod]");
        Assert.DoesNotContain(matrix.Connections(), x => x.Source.Id == "api.example.com[DNS]");
    }

    [Fact]
    public void DnsLint_WarnsWhenTheEndpointMayNotAskDnsThroughTheProxy()
    {
        var without = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toFQDNs: [{matchName: api.example.com}]
            """));
        var with = Manifest.Load(Cnp("web", "shop", """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toFQDNs: [{matchName: api.example.com}]
              - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system}}]
                toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
            """));

        var finding = Assert.Single(CiliumDnsLint.Lint(without));
        Assert.Equal(CiliumDnsLint.Code, finding.Code);
        Assert.Contains("shop/web[Pod]", finding.Message, StringComparison.Ordinal);
        Assert.Empty(CiliumDnsLint.Lint(with));
    }

    [Theory]
    [InlineData("*.cilium.io", "sub.cilium.io", true)]
    [InlineData("*.cilium.io", "cilium.io", false)]
    [InlineData("*.cilium.io", "sub.sub.cilium.io", false)]
    [InlineData("part*ial.com", "partial.com", true)]
    [InlineData("part*ial.com", "part-extra-ial.com", true)]
    [InlineData("**.cilium.io", "app.cilium.io", true)]
    [InlineData("**.cilium.io", "test.app.cilium.io", true)]
    [InlineData("**.cilium.io", "cilium.io", false)]
    [InlineData("*", "anything.example", true)]
    public void DnsPatterns_MatchAsDocumented(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, DnsPattern.Matches(pattern, name));
    }
}
