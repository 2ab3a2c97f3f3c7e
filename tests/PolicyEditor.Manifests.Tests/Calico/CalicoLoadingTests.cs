using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Tests.Calico;

public class CalicoLoadingTests
{
    private const string Everything = """
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 100, defaultAction: Pass}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: security.allow-dns}
        spec:
          tier: security
          order: 10.5
          selector: all()
          namespaceSelector: projectcalico.org/name != 'kube-system'
          types: [Egress]
          egress:
          - action: Allow
            protocol: UDP
            destination:
              selector: k8s-app == 'kube-dns'
              namespaceSelector: projectcalico.org/name == 'kube-system'
              ports: [53, '8000:8080', dns]
              notPorts: [metrics]
          - action: Deny
            protocol: ICMP
            icmp: {type: 8, code: 0}
            ipVersion: 4
            destination:
              nets: [10.0.0.0/8]
              notNets: [10.1.0.0/16]
          - action: Log
            notProtocol: 47
          - action: Pass
            destination:
              serviceAccounts: {names: [api], selector: role == 'db'}
              services: {name: db, namespace: shop}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          selector: app == 'web'
          serviceAccountSelector: role == 'frontend'
          ingress:
          - action: Allow
            protocol: TCP
            source: {notSelector: app == 'bad'}
            destination: {ports: [80]}
            http:
              methods: [GET]
              paths: [{exact: /api}, {prefix: /static}]
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: partners, labels: {kind: partner}}
        spec: {nets: [203.0.113.0/24, 198.51.100.7]}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkSet
        metadata: {name: cdn, namespace: shop, labels: {kind: cdn}}
        spec: {nets: [192.0.2.0/24]}
        ---
        apiVersion: projectcalico.org/v3
        kind: Profile
        metadata: {name: kns.shop}
        spec:
          ingress: [{action: Allow}]
          egress: [{action: Allow}]
          labelsToApply: {pcns.team: web}
        ---
        apiVersion: projectcalico.org/v3
        kind: StagedGlobalNetworkPolicy
        metadata: {name: default-deny}
        spec:
          stagedAction: Set
          selector: all()
          types: [Ingress, Egress]
        ---
        apiVersion: projectcalico.org/v3
        kind: StagedKubernetesNetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec:
          stagedAction: Set
          podSelector: {}
          policyTypes: [Ingress]
        """;

    [Fact]
    public void EveryKind_LoadsIntoOtherPolicies()
    {
        var result = ManifestLoader.LoadText(Everything, "calico.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        var kinds = result.Cluster.OtherPolicies.Select(p => p.Kind).ToList();
        Assert.Equal(["Tier", "GlobalNetworkPolicy", "CalicoNetworkPolicy", "GlobalNetworkSet", "NetworkSet", "Profile", "StagedGlobalNetworkPolicy", "StagedKubernetesNetworkPolicy"], kinds);
        Assert.Empty(result.Cluster.NetworkPolicies);
    }

    [Fact]
    public void ARule_KeepsEveryFieldAsWritten()
    {
        var gnp = Load(Everything).OtherPolicies.OfType<CalicoPolicy>().First(p => p.Name == "security.allow-dns");

        Assert.Equal(10.5, gnp.Order);
        Assert.Equal("security", gnp.Tier);
        Assert.False(gnp.AppliesToIngress);
        var dns = gnp.Egress[0];
        Assert.Equal(RuleAction.Allow, dns.Action);
        Assert.Equal(["53", "8000:8080", "dns"], dns.Destination.Ports.Select(p => p.ToString()));
        Assert.Equal("metrics", Assert.Single(dns.Destination.NotPorts).Name);
        var icmp = gnp.Egress[1];
        Assert.Equal(new CalicoIcmp(8, 0), icmp.Icmp);
        Assert.Equal(4, icmp.IpVersion);
        Assert.Equal(47, gnp.Egress[2].NotProtocol!.Value.Number);
        Assert.Equal(RuleAction.Log, gnp.Egress[2].Action);
        Assert.Equal(new CalicoServiceMatch("db", "shop"), gnp.Egress[3].Destination.Services);
    }

    [Fact]
    public void TypesOmitted_DefaultToIngressAndToEgressWhenThereAreEgressRules()
    {
        var web = Load(Everything).OtherPolicies.OfType<CalicoPolicy>().Single(p => p.Name == "web");

        Assert.True(web.AppliesToIngress);
        Assert.False(web.AppliesToEgress);
    }

    [Fact]
    public void EveryKind_RoundTripsToEqualRecords()
    {
        var before = Load(Everything).OtherPolicies;

        var yaml = ManifestWriter.WritePolicies(before);
        var after = ManifestLoader.LoadText(yaml, "written.yaml");

        Assert.DoesNotContain(after.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        Assert.Equal(before, after.Cluster.OtherPolicies);
    }

    [Theory]
    [InlineData("selector: app = 'web'", "spec.selector", "does not parse: expected an operator after label 'app'", 17)]
    [InlineData("ingress: [{action: Accept}]", "spec.ingress[0].action", "action 'Accept' is not one of Allow, Deny, Pass, Log", 0)]
    [InlineData("ingress: [{action: Allow, destination: {ports: [80]}}]", "spec.ingress[0].destination.ports", "ports need the rule's protocol", 0)]
    [InlineData("ingress: [{action: Allow, protocol: ICMP, destination: {ports: [80]}}]", "spec.ingress[0].destination.ports", "protocol ICMP has none", 0)]
    [InlineData("ingress: [{action: Allow, protocol: TCP, icmp: {type: 8}}]", "spec.ingress[0].icmp", "needs protocol ICMP or ICMPv6", 0)]
    [InlineData("ingress: [{action: Allow, protocol: TCPX}]", "spec.ingress[0].protocol", "protocol 'TCPX' is not", 0)]
    [InlineData("ingress: [{action: Allow, source: {nets: [10.0.0.0/33]}}]", "spec.ingress[0].source.nets[0]", "", 0)]
    [InlineData("ingress: [{action: Allow, protocol: TCP, destination: {ports: ['90:80']}}]", "spec.ingress[0].destination.ports[0]", "ends below where it starts; write it '80:90'", 0)]
    [InlineData("order: high", "spec.order", "order must be a number", 0)]
    [InlineData("ingress: [{action: Allow, ipVersion: 5}]", "spec.ingress[0].ipVersion", "ipVersion 5 is not 4 or 6", 0)]
    public void BadInput_IsAnErrorAtItsFileLineAndField(string specLine, string field, string message, int column)
    {
        var yaml = $"""
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {"{"}name: bad, namespace: shop{"}"}
            spec:
              {specLine}
            """;

        var result = ManifestLoader.LoadText(yaml, "bad.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Field == field);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("bad.yaml", error.File);
        Assert.Equal(5, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        if (column > 0)
        {
            Assert.Equal(column, error.Column);
        }

        Assert.Empty(result.Cluster.OtherPolicies);
    }

    [Fact]
    public void ATypoInARuleField_IsAWarningThatNamesTheField()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: typo}
            spec:
              ingress: [{action: Allow, sorce: {selector: all()}}]
            """, "typo.yaml");

        var warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal("spec.ingress[0].sorce", warning.Field);
        Assert.Contains("did you mean 'source'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PodsServiceAccountsAndAddresses_AreRead()
    {
        var cluster = Load("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: api, namespace: shop, labels: {role: backend}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop}
            spec: {serviceAccountName: api, containers: [{name: c}]}
            status: {podIP: 10.244.0.5, podIPs: [{ip: 10.244.0.5}, {ip: 'fd00::5'}]}
            """);

        var pod = Assert.Single(cluster.Workloads);
        Assert.Equal("api", pod.ServiceAccount);
        Assert.Equal(["10.244.0.5/32", "fd00::5/128"], pod.Addresses.Select(a => a.Text));
        Assert.Equal("backend", Assert.Single(cluster.ServiceAccounts).Labels["role"]);
    }

    [Fact]
    public void AClusterWithCalicoPolicies_RoundTripsThroughTheClusterWriter()
    {
        var before = Load(Everything + """

            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: api, namespace: shop, labels: {role: backend}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {serviceAccountName: api, containers: [{name: c}]}
            status: {podIP: 10.244.0.5}
            """);

        var after = Load(ManifestWriter.WriteCluster(before));

        Assert.Equal(before.OtherPolicies, after.OtherPolicies);
        Assert.Equal(before.ServiceAccounts, after.ServiceAccounts);
        Assert.Equal(before.Workloads, after.Workloads);
        Assert.Equal(before.Workloads[0].Addresses, after.Workloads[0].Addresses);
    }

    private static Cluster Load(string yaml)
    {
        var result = ManifestLoader.LoadText(yaml, "test.yaml");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return result.Cluster;
    }
}
