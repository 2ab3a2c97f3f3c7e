using PolicyEditor.Engine.Dialects.Calico;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>Lint of Calico policies that name host endpoints: a host endpoint a rule takes in, or a policy selects, is something matched.</summary>
public class CalicoHostEndpointLintTests
{
    private const string Cluster = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: prometheus, namespace: monitoring}
        spec:
          selector: {matchLabels: {app: prometheus}}
          template: {metadata: {labels: {app: prometheus}}, spec: {containers: [{name: c, image: i}]}}
        ---
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node1-eth0, labels: {role: node}}
        spec: {node: node1, interfaceName: eth0, expectedIPs: [10.0.0.11]}
        ---
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node2-eth0, labels: {role: bare}}
        spec: {node: node2, interfaceName: eth0}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: scrape-nodes}
        spec:
          selector: app == 'prometheus'
          egress:
          - action: Allow
            protocol: TCP
            destination: {selector: role == 'node', ports: [9100]}
          - action: Allow
            protocol: TCP
            destination: {selector: role == 'bare', ports: [9100]}
        """;

    private static List<Engine.Lint.LintFinding> PeerFindings() =>
        [.. CalicoLinter.Lint(Manifest.Load(Cluster)).Where(f => f.Code == CalicoLinter.Codes.PeerMatchesNothing)];

    [Fact]
    public void ARuleWhoseSelectorTakesInAHostEndpoint_IsNotReportedAsMatchingNothing()
    {
        Assert.DoesNotContain(PeerFindings(), f => f.Message.Contains("egress rule 1", StringComparison.Ordinal));
    }

    [Fact]
    public void ARuleWhoseSelectorMatchesOnlyAHostEndpointWithoutExpectedIPs_MatchesNothing_AndSaysWhy()
    {
        var finding = Assert.Single(PeerFindings());

        Assert.Contains("egress rule 2", finding.Message, StringComparison.Ordinal);
        Assert.Contains("no host endpoint with expectedIPs", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APassWithNoLaterTier_OnAPolicySelectingAHostEndpoint_SaysTheHostEndpointsProfilesDenyIt()
    {
        var cluster = Manifest.Load(Cluster + """

            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: nodes-pass}
            spec:
              selector: role == 'node'
              ingress: [{action: Pass, protocol: TCP}]
            """);

        var finding = Assert.Single(CalicoLinter.Lint(cluster), f => f.Code == CalicoLinter.Codes.PassWithoutLaterTier);

        Assert.Contains("deny it for a host endpoint unless its profiles allow it", finding.Message, StringComparison.Ordinal);
    }
}
