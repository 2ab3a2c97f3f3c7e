using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Tests.Synthesis;

/// <summary>The synthesizer on small, hand-written clusters: cases worth naming.</summary>
public class SynthesisTests
{
    private static ReachabilityMatrix Matrix(Cluster cluster) => ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

    private static Cluster Apply(Cluster cluster, SynthesisOption option) => option.Changes.Aggregate(cluster, (c, change) => c.Apply(change));

    [Fact]
    public void Revoke_NarrowingTheLastEgressRule_OfAPolicyWithoutPolicyTypes_KeepsEgressIsolated()
    {
        // No policyTypes: the policy isolates egress only because it has an egress rule. Removing that
        // rule must not turn it into an ingress-only policy, which would allow all egress.
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-out, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{}]
              egress: [{ports: [{protocol: TCP}]}]
            """);
        var matrix = Matrix(cluster);
        var result = PolicySynthesizer.Revoke(matrix, cluster.W("shop/web"), cluster.W("shop/api"), ConnectionSet.Of(Protocol.TCP, 1, 65535));

        var narrow = Assert.Single(result.Options, o => o.Title.StartsWith("Narrow", StringComparison.Ordinal));
        var policy = Assert.Single(narrow.Changes).AfterNetworkPolicy!;
        Assert.Equal(PolicyTypes.Both, policy.DeclaredPolicyTypes);
        Assert.Empty(policy.Egress);
        var after = Matrix(Apply(cluster, narrow));
        Assert.True(after.Get(cluster.W("shop/web"), cluster.W("shop/api")).IsEmpty);
    }

    [Fact]
    public void Allow_FromAWholeNamespace_WritesOneNamespaceSelector_AndChangesNothingElse()
    {
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: payments}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """);
        var matrix = Matrix(cluster);
        var result = PolicySynthesizer.Allow(matrix, SynthesisPeer.OfNamespace("shop"), SynthesisPeer.Of(cluster.W("payments/gateway")), ConnectionSet.Of(Protocol.TCP, 8443));

        var option = Assert.Single(result.Options);
        Assert.True(option.IsExact, string.Join("; ", option.Warnings));
        var policy = Assert.Single(option.Changes).AfterNetworkPolicy!;
        Assert.Equal("payments", policy.Namespace);
        var peer = Assert.Single(Assert.Single(policy.Ingress).Peers);
        Assert.Null(peer.PodSelector);
        Assert.Equal("shop", peer.NamespaceSelector!.MatchLabels["kubernetes.io/metadata.name"]);
        var after = Matrix(Apply(cluster, option));
        foreach (var source in cluster.Workloads.Where(w => w.Namespace == "shop"))
        {
            Assert.True(after.Get(Endpoint.Of(source), cluster.W("payments/gateway")).Contains(Protocol.TCP, 8443), source.Id);
        }

        Assert.True(after.Get(cluster.W("ops/monitor"), cluster.W("payments/gateway")).IsEmpty);
    }

    [Fact]
    public void Allow_ToAWholeIsolatedNamespace_SelectsAllItsPods_InOnePolicy()
    {
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """);
        var matrix = Matrix(cluster);
        var result = PolicySynthesizer.Allow(matrix, SynthesisPeer.Of(cluster.W("ops/monitor")), SynthesisPeer.OfNamespace("shop"), ConnectionSet.Of(Protocol.TCP, 9090));

        var option = Assert.Single(result.Options);
        Assert.True(option.IsExact, string.Join("; ", option.Warnings));
        var added = Assert.Single(option.Changes).AfterNetworkPolicy!;
        Assert.True(added.PodSelector.IsEmpty);
        var after = Matrix(Apply(cluster, option));
        Assert.All(cluster.Workloads.Where(w => w.Namespace == "shop"), w => Assert.True(after.Get(cluster.W("ops/monitor"), Endpoint.Of(w)).Contains(Protocol.TCP, 9090), w.Id));
    }

    [Fact]
    public void Allow_FromAnEgressIsolatedNamespace_AddsTheEgressSide_ForTheWholeNamespace()
    {
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Egress]}
            """);
        var matrix = Matrix(cluster);
        var result = PolicySynthesizer.Allow(matrix, SynthesisPeer.OfNamespace("shop"), SynthesisPeer.OfNamespace("ops"), ConnectionSet.Of(Protocol.TCP, 80));

        var option = Assert.Single(result.Options);
        Assert.True(option.IsExact, string.Join("; ", option.Warnings));
        var egress = Assert.Single(option.Changes).AfterNetworkPolicy!;
        Assert.Equal("shop", egress.Namespace);
        Assert.True(egress.PodSelector.IsEmpty);
        Assert.Equal("ops", Assert.Single(Assert.Single(egress.Egress).Peers).NamespaceSelector!.MatchLabels["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void Allow_ToATypedRange_WritesAnIpBlock_ForTheWholeRange()
    {
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-out, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Egress]}
            """);
        var range = PolicyEditor.Engine.Addresses.Cidr.Parse("203.0.113.0/24").Range;
        var result = PolicySynthesizer.Allow(Matrix(cluster), SynthesisPeer.Of(cluster.W("shop/web")), SynthesisPeer.Of(Endpoint.Of(range)), ConnectionSet.Of(Protocol.TCP, 443));

        var option = Assert.Single(result.Options);
        var policy = Assert.Single(option.Changes).AfterNetworkPolicy!;
        Assert.Equal("203.0.113.0/24", Assert.Single(Assert.Single(policy.Egress).Peers).IpBlock!.Cidr.ToString());
        var after = Matrix(Apply(cluster, option));
        Assert.True(after.Get(cluster.W("shop/web"), Endpoint.Of(System.Net.IPAddress.Parse("203.0.113.200"))).Contains(Protocol.TCP, 443));
        Assert.True(after.Get(cluster.W("shop/web"), Endpoint.Of(System.Net.IPAddress.Parse("203.0.114.1"))).IsEmpty);
    }
}
