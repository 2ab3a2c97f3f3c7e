using System.Net;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Evaluation;

public class NetworkPolicySemanticsTests
{
    private static string Allowed(Cluster cluster, Endpoint source, Endpoint destination) =>
        new ClusterEvaluator(cluster).Evaluate(source, destination).ToString();

    private static string Ingress(string podSelector, string rules, string ns = "shop") => $$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: {{ns}}}
        spec:
          podSelector: {{podSelector}}
          policyTypes: [Ingress]
          ingress:
        {{rules}}
        """;

    [Fact]
    public void WithoutPolicies_EverythingIsAllowed()
    {
        var c = Manifest.Load();

        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), c.W("payments/gateway")));
        Assert.Equal("All Connections", Allowed(c, Endpoint.Of(IPAddress.Parse("8.8.8.8")), c.W("shop/db")));
    }

    [Fact]
    public void DefaultDenyIngress_BlocksTrafficFromEverywhere_ButNotEgress()
    {
        var c = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """);

        Assert.Equal("No Connections", Allowed(c, c.W("payments/gateway"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/db"), c.W("payments/gateway")));
    }

    [Fact]
    public void PodAndNamespaceSelectorInOnePeer_RequireBoth()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", """
              - from:
                - namespaceSelector: {matchLabels: {team: ops}}
                  podSelector: {matchLabels: {app: api}}
            """));

        Assert.Equal("No Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
    }

    [Fact]
    public void PodAndNamespaceSelectorInSeparatePeers_AllowEither()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", """
              - from:
                - namespaceSelector: {matchLabels: {team: ops}}
                - podSelector: {matchLabels: {app: api}}
            """));

        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("payments/gateway"), c.W("shop/db")));
    }

    [Fact]
    public void PodSelectorAlone_TakesInPodsOfThePolicysNamespaceOnly()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: gateway}}", """
              - from:
                - podSelector: {matchLabels: {app: api}}
            """, ns: "payments"));

        Assert.Equal("No Connections", Allowed(c, c.W("shop/api"), c.W("payments/gateway")));
    }

    [Theory]
    [InlineData("- from: []")]
    [InlineData("- {}")]
    [InlineData("- ports: []")]
    public void EmptyOrMissingFrom_MatchesAllSources(string rule)
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", "  " + rule));

        Assert.Equal("All Connections", Allowed(c, c.W("payments/gateway"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, Endpoint.Of(IPAddress.Parse("1.2.3.4")), c.W("shop/db")));
    }

    [Fact]
    public void EmptyIngressRuleList_DeniesAllIngress()
    {
        var c = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: shop}
            spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress], ingress: []}
            """);

        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void PortWithoutNumber_AllowsAllPortsOfItsProtocol_AndProtocolDefaultsToTcp()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", """
              - ports:
                - protocol: UDP
                - port: 5432
            """));

        Assert.Equal("TCP 5432,UDP 1-65535", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void EndPort_AllowsTheWholeRange()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", """
              - ports:
                - {port: 30000, endPort: 32767, protocol: SCTP}
            """));

        Assert.Equal("SCTP 30000-32767", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void NamedPort_ResolvesAgainstTheDestination_PerDestination()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {tier: back}}", """
              - ports:
                - port: http
            """));

        Assert.Equal("TCP 8081", Allowed(c, c.W("shop/web"), c.W("shop/api")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void NamedPort_WithAnotherProtocolThanTheContainerPort_AllowsNothing()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: api}}", """
              - ports:
                - {port: dns, protocol: TCP}
            """));

        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/api")));
    }

    [Fact]
    public void NamedPortInEgress_ResolvesAgainstTheDestinationPod_NeverAgainstAddresses()
    {
        var c = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: out, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress:
              - ports: [{port: https}]
            """);

        Assert.Equal("TCP 8443", Allowed(c, c.W("shop/web"), c.W("payments/gateway")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), Endpoint.Of(IPAddress.Parse("9.9.9.9"))));
    }

    [Fact]
    public void IpBlockExcept_CarvesAHole_AndIpBlocksDoNotMatchPods()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", """
              - from:
                - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
            """));

        Assert.Equal("All Connections", Allowed(c, Endpoint.Of(IPAddress.Parse("10.2.0.1")), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, Endpoint.Of(IPAddress.Parse("10.1.2.3")), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, Endpoint.Of(IPAddress.Parse("11.0.0.1")), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void EgressOnlyPolicy_LeavesIngressOpen()
    {
        var c = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: out, namespace: shop}
            spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Egress]}
            """);

        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/db"), c.W("shop/web")));
    }

    [Fact]
    public void AbsentPolicyTypes_MeanIngress_PlusEgressWhenThereAreEgressRules()
    {
        var ingressOnly = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: shop}
            spec: {podSelector: {matchLabels: {app: db}}}
            """);
        var both = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              egress: [{ports: [{port: 53, protocol: UDP}]}]
            """);

        Assert.Equal("All Connections", Allowed(ingressOnly, ingressOnly.W("shop/db"), ingressOnly.W("shop/web")));
        Assert.Equal("No Connections", Allowed(ingressOnly, ingressOnly.W("shop/web"), ingressOnly.W("shop/db")));
        Assert.Equal("UDP 53", Allowed(both, both.W("shop/db"), both.W("shop/web")));
        Assert.Equal("UDP 53", Allowed(both, both.W("shop/db"), Endpoint.Of(IPAddress.Parse("8.8.8.8"))));
    }

    [Fact]
    public void SeveralPolicies_AllowTheUnionOfTheirRules()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", "  - ports: [{port: 5432}]") + "\n---\n" + Ingress("{matchLabels: {tier: back}}", "  - ports: [{port: 6432}]").Replace("name: p,", "name: q,", StringComparison.Ordinal));

        Assert.Equal("TCP 5432,6432", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void Traffic_NeedsBothTheSourcesEgressAndTheDestinationsIngress()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", "  - ports: [{port: 5432}, {port: 5433}]") + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: out, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress: [{ports: [{port: 5433}, {port: 5434}]}]
            """);

        Assert.Equal("TCP 5433", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Theory]
    [InlineData("{key: tier, operator: In, values: [back]}", true, false)]
    [InlineData("{key: tier, operator: NotIn, values: [back]}", false, true)]
    [InlineData("{key: tier, operator: Exists}", true, false)]
    [InlineData("{key: tier, operator: DoesNotExist}", false, true)]
    public void MatchExpressions_FollowKubernetes_NotInAndDoesNotExistTakeInPodsWithoutTheKey(string expression, bool apiAllowed, bool monitorAllowed)
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", $$"""
              - from:
                - namespaceSelector: {}
                  podSelector: {matchExpressions: [{{expression}}]}
            """));

        Assert.Equal(apiAllowed, !new ClusterEvaluator(c).Evaluate(c.W("shop/api"), c.W("shop/db")).IsEmpty);
        Assert.Equal(monitorAllowed, !new ClusterEvaluator(c).Evaluate(c.W("ops/monitor"), c.W("shop/db")).IsEmpty);
    }

    [Fact]
    public void UndefinedNamespace_StillCarriesItsNameLabel()
    {
        var c = Manifest.Load(Ingress("{matchLabels: {app: db}}", """
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ghosts}}
            """) + """

            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: casper, namespace: ghosts}
            """);

        Assert.Equal("All Connections", Allowed(c, c.W("ghosts/casper"), c.W("shop/db")));
    }

    [Fact]
    public void BetweenTwoExternalEndpoints_NothingIsReported()
    {
        var c = Manifest.Load();

        Assert.Equal("No Connections", Allowed(c, Endpoint.Of(IPAddress.Parse("1.1.1.1")), Endpoint.Of(IPAddress.Parse("2.2.2.2"))));
    }
}
