using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Tests.Dialects;

public class ClusterNetworkPolicyTests
{
    private const string Rich = """
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata:
          name: tenants
        spec:
          tier: Admin
          priority: 10
          subject:
            pods:
              namespaceSelector:
                matchLabels:
                  tenant: blue
              podSelector:
                matchLabels:
                  app: web
          ingress:
          - name: monitoring
            action: Accept
            from:
            - namespaces:
                matchLabels:
                  kubernetes.io/metadata.name: monitoring
            protocols:
            - tcp:
                destinationPort:
                  number: 9090
            - destinationNamedPort: metrics
          - action: Pass
            from:
            - pods:
                namespaceSelector: {}
                podSelector:
                  matchLabels:
                    app: api
          egress:
          - name: no-internet
            action: Deny
            to:
            - networks:
              - 0.0.0.0/0
              - ::/0
            - domainNames:
              - '*.example.com'
            protocols:
            - udp:
                destinationPort:
                  range:
                    start: 1000
                    end: 2000
            - sctp:
                destinationPort:
                  number: 7777
          - action: Accept
            to:
            - nodes: {}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata:
          name: baseline
        spec:
          tier: Baseline
          priority: 0
          subject:
            namespaces: {}
          ingress:
          - name: deny-all
            action: Deny
            from:
            - namespaces: {}

        """;

    [Fact]
    public void ClusterNetworkPolicy_LoadsIntoOtherPolicies_WithTierPriorityRulesAndProtocols()
    {
        var loaded = ManifestLoader.LoadText(Rich, "cnp.yaml");

        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var policies = loaded.Cluster.ClusterNetworkPolicies.ToList();
        Assert.Equal(["tenants", "baseline"], policies.Select(p => p.Name));
        var tenants = policies[0];
        Assert.Equal((ClusterNetworkPolicyTier.Admin, 10), (tenants.Tier, tenants.Priority));
        Assert.Equal([AdminAction.Allow, AdminAction.Pass], tenants.Ingress.Select(r => r.Action));
        Assert.Equal(["monitoring", string.Empty], tenants.Ingress.Select(r => r.Name));
        Assert.Equal(["TCP 9090", "named port metrics"], tenants.Ingress[0].Ports.Select(p => p.ToString()));
        Assert.Equal(["UDP 1000-2000", "SCTP 7777"], tenants.Egress[0].Ports.Select(p => p.ToString()));
        Assert.Equal(["*.example.com"], tenants.Egress[0].Peers[1].DomainNames);
        Assert.Equal(ClusterNetworkPolicyTier.Baseline, policies[1].Tier);
        Assert.Equal(new PolicyKey("ClusterNetworkPolicy", null, "tenants"), ((IPolicyResource)tenants).Key);
    }

    [Fact]
    public void ClusterNetworkPolicy_RoundTripsThroughTheWriter_ToTheSameTextAndAnEqualModel()
    {
        var loaded = ManifestLoader.LoadText(Rich, "cnp.yaml").Cluster.ClusterNetworkPolicies.ToList();

        var written = ManifestWriter.WritePolicies(loaded);
        var again = ManifestLoader.LoadText(written, "written.yaml");

        Assert.Equal(loaded, again.Cluster.ClusterNetworkPolicies);
        Assert.Equal(written, ManifestWriter.WritePolicies(again.Cluster.ClusterNetworkPolicies));
        Assert.Contains("action: Accept", written, StringComparison.Ordinal);
        Assert.Contains("destinationNamedPort: metrics", written, StringComparison.Ordinal);
    }

    [Fact]
    public void WholeCluster_WithClusterNetworkPolicies_RoundTrips()
    {
        var cluster = ManifestLoader.LoadText(Rich, "cnp.yaml").Cluster;

        var again = ManifestLoader.LoadText(ManifestWriter.WriteCluster(cluster), "cluster.yaml").Cluster;

        Assert.Equal(cluster.OtherPolicies, again.OtherPolicies);
        Assert.Contains("ClusterNetworkPolicy", ManifestWriter.WriteByNamespace(cluster)["cluster.yaml"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("priority: 10", "priority: 1001", "spec.priority", "outside 0-1000")]
    [InlineData("priority: 10", "priority: -1", "spec.priority", "outside 0-1000")]
    [InlineData("tier: Admin", "tier: Developer", "spec.tier", "not one of Admin, Baseline")]
    [InlineData("action: Deny\n    to:", "action: Drop\n    to:", "spec.egress[0].action", "not one of Accept, Deny, Pass")]
    [InlineData("end: 2000", "end: 999", "spec.egress[0].protocols[0].udp.destinationPort.range.end", "not above its start")]
    [InlineData("number: 9090", "number: 70000", "spec.ingress[0].protocols[0].tcp.destinationPort.number", "between 1 and 65535")]
    public void PolicyTheApiServerRefuses_IsRefusedWithFileLineAndField_AndTheRestLoads(string valid, string invalid, string field, string message)
    {
        var text = Rich.Replace(valid, invalid, StringComparison.Ordinal);
        var line = 1 + text[..text.IndexOf(invalid, StringComparison.Ordinal)].Count(c => c == '\n');

        var loaded = ManifestLoader.LoadText(text, "bad.yaml");

        var error = Assert.Single(loaded.Diagnostics, d => d.Field == field);
        Assert.Equal((DiagnosticSeverity.Error, "bad.yaml", line, "ClusterNetworkPolicy/tenants"), (error.Severity, error.File, error.Line, error.Object));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(["baseline"], loaded.Cluster.ClusterNetworkPolicies.Select(p => p.Name));
    }

    [Fact]
    public void ClusterNetworkPolicyOfAnotherApiGroup_IsSkipped_NotReadAsTheUpstreamKind()
    {
        var loaded = ManifestLoader.LoadText("""
            apiVersion: crd.antrea.io/v1beta1
            kind: ClusterNetworkPolicy
            metadata:
              name: acnp
            spec:
              priority: 5
            """, "antrea.yaml");

        Assert.Empty(loaded.Cluster.OtherPolicies);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
