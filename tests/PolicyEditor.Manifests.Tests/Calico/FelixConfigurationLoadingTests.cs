using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Tests.Calico;

/// <summary>FelixConfiguration's failsafe ports and HostEndpoint ports: loaded, checked, written back.</summary>
public class FelixConfigurationLoadingTests
{
    private const string Yaml = """
        apiVersion: projectcalico.org/v3
        kind: FelixConfiguration
        metadata: {name: default}
        spec:
          logSeverityScreen: Info
          failsafeInboundHostPorts: [{protocol: TCP, port: 22, net: 192.168.0.0/16}, {protocol: udp, port: 68}]
          failsafeOutboundHostPorts: []
        ---
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node1-eth0, labels: {role: worker}}
        spec:
          node: node1
          interfaceName: eth0
          expectedIPs: [10.0.0.1]
          ports: [{name: ssh, port: 22, protocol: TCP}]
        """;

    [Fact]
    public void FailsafePorts_AreRead_AndAnEmptyListMeansNone()
    {
        var result = ManifestLoader.LoadText(Yaml, "felix.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        var felix = Assert.Single(result.Cluster.OtherPolicies.OfType<CalicoFelixConfiguration>());
        Assert.Equal(["TCP 22 (192.168.0.0/16)", "UDP 68"], felix.FailsafeInbound!.Value.Select(p => p.ToString()));
        Assert.Empty(felix.FailsafeOutbound!.Value);
    }

    [Fact]
    public void HostEndpointPorts_AreRead()
    {
        var host = Assert.Single(ManifestLoader.LoadText(Yaml, "felix.yaml").Cluster.OtherPolicies.OfType<CalicoHostEndpoint>());

        Assert.Equal(new Engine.Model.ContainerPort("ssh", 22, Protocol.TCP), Assert.Single(host.Ports));
    }

    [Fact]
    public void FelixConfigurationAndHostEndpoint_RoundTripToEqualRecords()
    {
        var before = ManifestLoader.LoadText(Yaml, "felix.yaml").Cluster.OtherPolicies;

        var after = ManifestLoader.LoadText(ManifestWriter.WritePolicies(before), "written.yaml");

        Assert.DoesNotContain(after.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        Assert.Equal(before, after.Cluster.OtherPolicies);
    }

    [Fact]
    public void BadFailsafePort_IsAnErrorAtItsField()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: {name: default}
            spec:
              failsafeInboundHostPorts: [{protocol: TCP, port: 70000}]
            """, "felix.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Field == "spec.failsafeInboundHostPorts[0].port");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(5, error.Line);
    }
}
