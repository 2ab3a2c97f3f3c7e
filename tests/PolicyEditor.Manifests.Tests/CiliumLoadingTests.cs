using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Cilium;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Tests;

public class CiliumLoadingTests
{
    private const string Rich = """
        apiVersion: cilium.io/v2
        kind: CiliumCIDRGroup
        metadata: {name: partners, labels: {kind: partner}}
        spec:
          externalCIDRs: [203.0.113.0/24, 198.51.100.0/24]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: checkout, namespace: shop}
        spec:
          description: checkout talks to payments and stripe
          endpointSelector:
            matchLabels: {"k8s:app": checkout}
          enableDefaultDeny: {ingress: false}
          ingress:
          - fromEndpoints:
            - matchLabels: {app: web, "k8s:io.kubernetes.pod.namespace": shop}
            toPorts:
            - ports: [{port: "8080", protocol: TCP}]
              rules:
                http:
                - {method: GET, path: "/api/.*"}
          - fromEntities: [host, remote-node]
          - fromCIDRSet:
            - {cidr: 10.0.0.0/8, except: [10.96.0.0/12]}
            - {cidrGroupRef: partners}
            fromCIDR: [192.0.2.1/32]
          - {}
          ingressDeny:
          - fromEntities: [world]
            icmps:
            - fields: [{type: 8, family: IPv4}]
          egress:
          - toFQDNs: [{matchName: api.stripe.com}, {matchPattern: "*.stripe.com"}]
            toPorts:
            - ports: [{port: "443"}]
          - toEndpoints:
            - matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, k8s-app: kube-dns}
            toPorts:
            - ports: [{port: "53", protocol: ANY}]
              rules:
                dns: [{matchPattern: "*"}]
          - toServices:
            - k8sService: {serviceName: payments, namespace: pay}
            toPorts:
            - ports: [{port: "9000", endPort: 9100, protocol: TCP}, {port: http, protocol: TCP}]
          - toNodes:
            - matchLabels: {node-role.kubernetes.io/control-plane: ""}
            authentication: {mode: required}
          egressDeny:
          - toEntities: [kube-apiserver]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: lockdown}
        specs:
        - endpointSelector:
            matchLabels: {"io.cilium.k8s.namespace.labels.team": pay}
          ingress:
          - fromEndpoints: [{}]
        - nodeSelector: {matchLabels: {role: worker}}
          ingress:
          - fromEntities: [cluster]
        """;

    private static LoadResult LoadRule(string section, string rule) => ManifestLoader.LoadText($$"""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: bad, namespace: shop}
        spec:
          endpointSelector: {}
          {{section}}:
          - {{rule}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: survivor, namespace: ok}
        """, "cilium.yaml");

    [Fact]
    public void CiliumPolicies_LoadIntoOtherPolicies_WithEverySection()
    {
        var result = ManifestLoader.LoadText(Rich, "rich.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var cnp = Assert.Single(result.Cluster.OtherPolicies.OfType<CiliumPolicy>(), p => !p.IsClusterwide);
        Assert.Equal("shop", cnp.Namespace);
        var spec = cnp.Spec!;
        Assert.False(spec.IsolatesIngress);
        Assert.True(spec.IsolatesEgress);
        Assert.Equal(4, spec.Ingress.Count);
        Assert.Equal(CiliumPeerRule.Empty, spec.Ingress[3]);
        Assert.Equal(3, spec.Ingress[2].Cidrs.Count);
        Assert.Equal("HTTP GET /api/.*", spec.Ingress[0].Ports[0].L7Text);
        Assert.Equal(["api.stripe.com", "*.stripe.com"], spec.Egress[0].Fqdns.Select(f => f.PeerName));
        Assert.Equal(["toNodes", "authentication"], spec.Egress[3].Undecided.Select(u => u.Key));
        var ccnp = Assert.Single(result.Cluster.OtherPolicies.OfType<CiliumPolicy>(), p => p.IsClusterwide);
        Assert.Equal(2, ccnp.Rules.Count());
        Assert.Single(result.Cluster.OtherPolicies.OfType<CiliumCidrGroup>());
    }

    [Fact]
    public void WhatCannotBeDecidedStatically_IsKept_AndWarnedAbout()
    {
        var result = ManifestLoader.LoadText(Rich, "rich.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Field == "specs[1].nodeSelector" && d.Message.Contains("host policy", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Field == "spec.egress[3].toNodes");
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Field == "spec.egress[3].authentication");
    }

    [Fact]
    public void CiliumPolicies_RoundTripToEqualRecords()
    {
        var original = ManifestLoader.LoadText(Rich, "rich.yaml").Cluster;

        var written = CiliumPolicyWriter.WriteAll(original.OtherPolicies);
        var reloaded = ManifestLoader.LoadText(written, "written.yaml");

        Assert.DoesNotContain(reloaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(original.OtherPolicies.OrderBy(p => p.Name).ToArray(), reloaded.Cluster.OtherPolicies.OrderBy(p => p.Name).ToArray());
        Assert.Contains("port: \"443\"", written, StringComparison.Ordinal);
        Assert.Contains("k8s:app: checkout", written, StringComparison.Ordinal);
    }

    [Fact]
    public void WritingACluster_KeepsItsCiliumPolicies()
    {
        var original = ManifestLoader.LoadText(Rich, "rich.yaml").Cluster;

        var reloaded = ManifestLoader.LoadText(ManifestWriter.WriteCluster(original), "cluster.yaml").Cluster;

        Assert.Equal(original.OtherPolicies.Count, reloaded.OtherPolicies.Count);
    }

    [Fact]
    public void EveryCiliumPolicyOfTheConformanceCorpus_LoadsWithoutErrors_AndRoundTrips()
    {
        var corpus = CorpusLocator.Find();
        if (corpus is null)
        {
            return; // The corpus lives outside the repository.
        }

        var checkedPolicies = 0;
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(corpus, "..", "cilium"), "input", SearchOption.AllDirectories))
        {
            var loaded = ManifestLoader.LoadDirectory(dir);
            Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            var written = CiliumPolicyWriter.WriteAll(loaded.Cluster.OtherPolicies);
            var reloaded = ManifestLoader.LoadText(written, dir).Cluster;
            Assert.Equal(loaded.Cluster.OtherPolicies.ToArray(), reloaded.OtherPolicies.ToArray());
            checkedPolicies += loaded.Cluster.OtherPolicies.Count;
        }

        Assert.True(checkedPolicies > 100, $"only {checkedPolicies} Cilium policies found");
    }

    [Theory]
    [InlineData("ingress", "fromEntities: [wrld]", "spec.ingress[0].fromEntities[0]", "'wrld' is not an entity")]
    [InlineData("ingress", "fromCIDR: [10.0.0.0/33]", "spec.ingress[0].fromCIDR[0]", "'10.0.0.0/33' is not a CIDR")]
    [InlineData("ingress", "fromCIDRSet: [{cidr: 10.0.0.0/8, cidrGroupRef: g}]", "spec.ingress[0].fromCIDRSet[0]", "exactly one of 'cidr', 'cidrGroupRef'")]
    [InlineData("ingress", "toPorts: [{ports: [{port: '80', protocol: ICMP}]}]", "spec.ingress[0].toPorts[0].ports[0].protocol", "protocol 'ICMP' is not one of TCP, UDP, SCTP, ANY")]
    [InlineData("ingress", "toPorts: [{ports: [{port: '70000'}]}]", "spec.ingress[0].toPorts[0].ports[0].port", "port 70000 is outside 0-65535.")]
    [InlineData("ingress", "toPorts: [{ports: [{port: '90', endPort: 80}]}]", "spec.ingress[0].toPorts[0].ports[0].endPort", "endPort 80 must be between port 90 and 65535.")]
    [InlineData("ingress", "toPorts: [{ports: [{port: Web_Port}]}]", "spec.ingress[0].toPorts[0].ports[0].port", "neither a port number nor a port name")]
    [InlineData("ingress", "fromEndpoints: [{matchLabels: {'reserved:hots': ''}}]", "spec.ingress[0].fromEndpoints[0].matchLabels", "'reserved:hots' is not a reserved label")]
    [InlineData("egress", "toFQDNs: [{matchName: api.example.com}]\n    toEndpoints: [{}]", "spec.egress[0].toFQDNs", "cannot contain other peers")]
    [InlineData("egress", "toFQDNs: [{matchName: 'bad name'}]", "spec.egress[0].toFQDNs[0].matchName", "is not a DNS name")]
    [InlineData("egress", "toFQDNs: [{matchPattern: '*.example..com'}]", "spec.egress[0].toFQDNs[0].matchPattern", "is not a DNS pattern")]
    [InlineData("egressDeny", "toFQDNs: [{matchName: api.example.com}]", "spec.egressDeny[0].toFQDNs", "deny rules do not support toFQDNs")]
    [InlineData("ingressDeny", "toPorts: [{ports: [{port: '80'}], rules: {http: [{method: GET}]}}]", "spec.ingressDeny[0].toPorts[0].rules", "deny rules do not support L7 rules")]
    public void InvalidCiliumField_IsReportedAtItsField_AndThePolicyIsNotLoaded(string section, string rule, string field, string message)
    {
        var result = LoadRule(section, rule);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Field is not null);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("cilium.yaml", error.File);
        Assert.True(error.Line is 6 or 7 or 8, $"line {error.Line}");
        Assert.Equal("CiliumNetworkPolicy/shop/bad", error.Object);
        Assert.Empty(result.Cluster.OtherPolicies);
        Assert.Contains(result.Cluster.Workloads, w => w.Name == "survivor");
    }

    [Fact]
    public void ARuleWithoutEndpointSelector_IsAnError()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: bad, namespace: shop}
            spec:
              ingress: [{}]
            """, "cilium.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Field is not null);
        Assert.Equal("spec.endpointSelector", error.Field);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void AReservedLabelInTheEndpointSelector_IsAnError()
    {
        var result = LoadRule("ingress", "{}").Cluster;
        var bad = ManifestLoader.LoadText("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: bad, namespace: shop}
            spec:
              endpointSelector: {matchLabels: {"reserved:host": ""}}
            """, "cilium.yaml");

        Assert.Single(result.OtherPolicies);
        Assert.Contains(bad.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Field == "spec.endpointSelector.matchLabels");
    }
}
