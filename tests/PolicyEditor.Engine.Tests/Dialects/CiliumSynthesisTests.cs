using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Dialects;

/// <summary>Drawing on a workspace that uses Cilium writes CiliumNetworkPolicies: allows, DNS names with the DNS rule they need, one deny rule.</summary>
public class CiliumSynthesisTests
{
    private const string KubeDns = """
        apiVersion: v1
        kind: Pod
        metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
        spec: {containers: [{name: c, ports: [{containerPort: 53, protocol: UDP}]}]}
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: db, namespace: shop}
        spec:
          endpointSelector: {matchLabels: {app: db}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: api}}]
            toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          endpointSelector: {matchLabels: {app: web}}
          egress:
          - toEndpoints: [{matchLabels: {app: db}}]
        """;

    private static ReachabilityMatrix Matrix(Cluster cluster) => ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

    private static Cluster Apply(Cluster cluster, SynthesisOption option) => option.Changes.Aggregate(cluster, (c, change) => c.Apply(change));

    private static string Allowed(Cluster cluster, Endpoint source, Endpoint destination) =>
        new ClusterEvaluator(cluster).Evaluate(source, destination).AsReported(ProtocolScope.Kubernetes).ToString();

    private static SynthesisOption Best(Cluster cluster, bool revoke, Endpoint source, Endpoint destination, ConnectionSet connections)
    {
        var result = CiliumSynthesizer.Propose(Matrix(cluster), revoke, SynthesisPeer.Of(source), SynthesisPeer.Of(destination), connections);
        Assert.True(result.Best is not null, result.Reason);
        return result.Best!;
    }

    [Fact]
    public void Allow_BetweenWorkloads_WritesOneIngressRule_ThatAllowsExactlyThePair()
    {
        var c = Manifest.Load(KubeDns);

        var option = Best(c, false, c.W("shop/web"), c.W("shop/db"), ConnectionSet.Of(Protocol.TCP, 5432));

        Assert.True(option.IsExact, string.Join(" ", option.Warnings));
        Assert.Equal("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: allow-web-to-db
              namespace: shop
            spec:
              endpointSelector:
                matchLabels:
                  app: db
              ingress:
              - fromEndpoints:
                - matchLabels:
                    app: web
                toPorts:
                - ports:
                  - port: "5432"
                    protocol: TCP

            """, ManifestWriter.Write(Assert.Single(option.Changes).After!));
        var after = Apply(c, option);
        Assert.Equal("TCP 5432", Allowed(after, c.W("shop/web"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(after, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void Allow_FromAnotherNamespace_NamesItsNamespaceLabel()
    {
        var c = Manifest.Load(KubeDns);

        var option = Best(c, false, c.W("ops/monitor"), c.W("shop/db"), ConnectionSet.Of(Protocol.TCP, 5432));

        var yaml = ManifestWriter.Write(Assert.Single(option.Changes).After!);
        Assert.Contains("k8s:io.kubernetes.pod.namespace: ops", yaml, StringComparison.Ordinal);
        Assert.True(option.IsExact);
        Assert.Equal("TCP 5432", Allowed(Apply(c, option), c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void Allow_EgressToADnsName_WritesToFqdns_AndTheDnsRuleItNeeds()
    {
        var c = Manifest.Load(KubeDns);
        var stripe = new DnsEndpoint("api.stripe.com");

        var option = Best(c, false, c.W("shop/web"), stripe, ConnectionSet.Of(Protocol.TCP, 443));

        var yaml = ManifestWriter.Write(Assert.Single(option.Changes).After!);
        Assert.Contains("- toFQDNs:\n    - matchName: api.stripe.com", yaml, StringComparison.Ordinal);
        Assert.Contains("k8s:k8s-app: kube-dns", yaml, StringComparison.Ordinal);
        Assert.Contains("matchPattern: '*'", yaml, StringComparison.Ordinal);
        var after = Apply(c, option);
        Assert.Equal("TCP 443", Allowed(after, c.W("shop/web"), stripe));
        Assert.Equal("No Connections", Allowed(after, c.W("shop/web"), new DnsEndpoint("evil.example.com")));

        // The only other change is the DNS lookup itself: web may now ask kube-dns on port 53.
        var side = Assert.Single(option.SideEffects);
        Assert.Equal("kube-system/coredns[Pod]", side.Destination.Id);
        Assert.DoesNotContain(Engine.Lint.PolicyLinter.Lint(Matrix(after)), f => f.Code == CiliumDnsLint.Code);
    }

    [Fact]
    public void Revoke_OnAnOpenEndpoint_IsOneIngressDenyRule_ThatKeepsEveryOtherPeer()
    {
        var c = Manifest.Load(KubeDns);

        var option = Best(c, true, c.W("ops/monitor"), c.W("shop/api"), ConnectionSet.All);

        Assert.True(option.IsExact, string.Join(" ", option.Warnings));
        Assert.Equal("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: deny-monitor-to-api
              namespace: shop
            spec:
              endpointSelector:
                matchLabels:
                  app: api
              enableDefaultDeny:
                ingress: false
              ingressDeny:
              - fromEndpoints:
                - matchLabels:
                    app: monitor
                    k8s:io.kubernetes.pod.namespace: ops

            """, ManifestWriter.Write(Assert.Single(option.Changes).After!));
        var after = Apply(c, option);
        Assert.Equal("No Connections", Allowed(after, c.W("ops/monitor"), c.W("shop/api")));
        Assert.Equal("All Connections", Allowed(after, c.W("payments/gateway"), c.W("shop/api")));
    }

    [Fact]
    public void Revoke_OfSomePorts_OnAnIsolatedEndpoint_DeniesThosePortsOnly_WithoutEnableDefaultDeny()
    {
        var c = Manifest.Load(KubeDns + """

              - toEndpoints: [{matchLabels: {app: api}}]
            """);

        var result = CiliumSynthesizer.Propose(Matrix(c), true, SynthesisPeer.Of(c.W("shop/web")), SynthesisPeer.Of(c.W("shop/api")), ConnectionSet.Of(Protocol.TCP, 8081));

        // shop/web's egress is isolated already (its option needs no enableDefaultDeny); shop/api's ingress is open (its option does).
        Assert.Equal(2, result.Options.Count);
        var option = Assert.Single(result.Options, o => o.Title.Contains("egressDeny", StringComparison.Ordinal));
        Assert.Contains("enableDefaultDeny", ManifestWriter.Write(result.Options.Single(o => o != option).Changes[0].After!), StringComparison.Ordinal);

        var yaml = ManifestWriter.Write(Assert.Single(option.Changes).After!);
        Assert.DoesNotContain("enableDefaultDeny", yaml, StringComparison.Ordinal);
        Assert.Contains("egressDeny", yaml, StringComparison.Ordinal);
        Assert.True(option.IsExact);
        var after = Apply(c, option);
        Assert.Equal("SCTP 1-65535,TCP 1-8080,8082-65535,UDP 1-65535", Allowed(after, c.W("shop/web"), c.W("shop/api")));
    }

    [Fact]
    public void Revoke_OfADnsName_FallsBackToNetworkPolicyChanges_SinceDenyRulesTakeNoDnsNames()
    {
        var c = Manifest.Load(KubeDns);
        var allowed = Apply(c, Best(c, false, c.W("shop/web"), new DnsEndpoint("api.stripe.com"), ConnectionSet.Of(Protocol.TCP, 443)));

        var result = CiliumSynthesizer.Propose(Matrix(allowed), true, SynthesisPeer.Of(allowed.W("shop/web")), SynthesisPeer.Of(new DnsEndpoint("api.stripe.com")), ConnectionSet.All);

        Assert.DoesNotContain(result.Options.SelectMany(o => o.Changes), ch => ch.After is CiliumPolicy p && !p.Spec!.EgressDeny.IsEmpty);
    }

    [Fact]
    public void AClusterWithoutCilium_GetsNetworkPolicies()
    {
        var c = Manifest.Load();

        var option = Best(c, true, c.W("shop/web"), c.W("shop/api"), ConnectionSet.All);

        Assert.All(option.Changes, ch => Assert.Equal("NetworkPolicy", ch.Kind));
    }
}
