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
        var policy = Assert.Single(option.Changes).AfterNetworkPolicy!;
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
        Assert.Null(cluster.FindPolicy(change.Namespace!, change.Name));
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

        var policy = Assert.Single(Assert.Single(result.Options).Changes).AfterNetworkPolicy!;
        Assert.Equal("web-ingress", policy.Name);
        Assert.Equal(2, Assert.Single(policy.Ingress).Ports.Count);
    }

    /// <summary>web reaches api and db on TCP 8081 through one rule of one policy selecting both backends, in a namespace that denies other ingress; egress is not isolated.</summary>
    private const string SharedBackendPolicy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-ingress, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-web-to-backends, namespace: shop}
        spec:
          podSelector: {matchLabels: {tier: back}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{protocol: TCP, port: 8081}]}]
        """;

    [Fact]
    public void Deny_OnAPolicySharedWithOtherWorkloads_TakesTheTrafficOfTheNamedPairOnly()
    {
        var cluster = Manifest.Load(SharedBackendPolicy);
        var (web, api, db) = (cluster.W("shop/web"), cluster.W("shop/api"), cluster.W("shop/db"));
        var matrix = Matrix(cluster);

        var result = PolicySynthesizer.Revoke(matrix, web, api, ConnectionSet.Of(Protocol.TCP, 8081));

        Assert.NotEmpty(result.Options);
        Assert.All(result.Options, o => Assert.True(o.IsExact, $"{o.Title}: {string.Join("; ", o.Warnings)}"));
        foreach (var option in result.Options)
        {
            var after = Matrix(Apply(cluster, option));
            Assert.True(after.Get(web, api).IsEmpty, option.Title);
            Assert.Equal(matrix.Get(web, db), after.Get(web, db));
        }
    }

    [Fact]
    public void Deny_ProposesTheSmallestChangeFirst_AndTheBigIsolatingPolicyLast()
    {
        var cluster = Manifest.Load(SharedBackendPolicy);

        var result = PolicySynthesizer.Revoke(Matrix(cluster), cluster.W("shop/web"), cluster.W("shop/api"), ConnectionSet.Of(Protocol.TCP, 8081));

        Assert.True(result.Options[0].Title.Contains("api[Pod]'s ingress", StringComparison.Ordinal), string.Join(" | ", result.Options.Select(o => o.Title)));
        var last = result.Options[^1];
        Assert.Contains("web[Pod]'s egress", last.Title, StringComparison.Ordinal);
        var isolating = Assert.Single(last.Changes).AfterNetworkPolicy!;
        Assert.Single(isolating.Egress);
    }

    [Fact]
    public void Narrowing_IsNeverOffered_WhenItWouldTakeTrafficFromPeersNotNamed()
    {
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-in, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
              ingress: [{from: [{podSelector: {matchLabels: {tier: back}}}, {podSelector: {matchLabels: {app: web}}}], ports: [{protocol: TCP, port: 5432}]}]
            """);
        var matrix = Matrix(cluster);

        var result = PolicySynthesizer.Revoke(matrix, cluster.W("shop/web"), cluster.W("shop/db"), ConnectionSet.Of(Protocol.TCP, 5432));

        Assert.DoesNotContain(result.Options, o => o.SideEffects.Count > 0 && o.Title.StartsWith("Narrow", StringComparison.Ordinal));
        Assert.All(result.Options, o => Assert.Equal(ConnectionSet.Of(Protocol.TCP, 5432), Matrix(Apply(cluster, o)).Get(cluster.W("shop/api"), cluster.W("shop/db"))));
    }

    [Fact]
    public void AnOptionWithSideEffects_NamesEveryOtherPairItChanges()
    {
        // No stable label tells the two pods apart: the shared policy cannot be split for one of them.
        var cluster = Manifest.Load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: api-2, namespace: shop, labels: {app: api, tier: back}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api-in, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              policyTypes: [Ingress]
              ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{protocol: TCP, port: 8081}]}]
            """);

        var result = PolicySynthesizer.Revoke(Matrix(cluster), cluster.W("shop/web"), cluster.W("shop/api"), ConnectionSet.Of(Protocol.TCP, 8081));

        var inexact = result.Options.First(o => o.SideEffects.Count > 0);
        var warning = Assert.Single(inexact.Warnings, w => w.StartsWith("This also changes", StringComparison.Ordinal));
        Assert.All(inexact.SideEffects, c => Assert.Contains($"{c.Source} => {c.Destination}", warning, StringComparison.Ordinal));
    }

    [Fact]
    public void DenyingWhatAnAllowJustAdded_ReturnsToTheOriginalPolicies()
    {
        var cluster = Manifest.Load(SharedBackendPolicy);
        var (web, db) = (cluster.W("shop/web"), cluster.W("shop/db"));
        var allowed = Apply(cluster, Assert.Single(PolicySynthesizer.Allow(Matrix(cluster), web, db, ConnectionSet.Of(Protocol.TCP, 5432)).Options));

        var denied = Apply(allowed, PolicySynthesizer.Revoke(Matrix(allowed), web, db, ConnectionSet.Of(Protocol.TCP, 5432)).Best!);

        Assert.Equal(cluster.NetworkPolicies, denied.NetworkPolicies);
    }

    [Fact]
    public void TheIntent_NamesOutsideAddressesInCidrNotation()
    {
        var cluster = Manifest.Load(IsolatedPayments);

        var result = PolicySynthesizer.Allow(Matrix(cluster), SynthesisPeer.Of(cluster.W("payments/gateway")), SynthesisPeer.Internet, ConnectionSet.Of(Protocol.TCP, 443));

        Assert.Equal("Allow payments/gateway[Pod] to reach 0.0.0.0/0 on TCP 443", result.Intent);
    }
}
