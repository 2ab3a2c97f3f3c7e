using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Tests.Calico;

public class WorkloadEndpointLoadingTests
{
    private const string Endpoint = """
        apiVersion: projectcalico.org/v3
        kind: WorkloadEndpointList
        items:
        - apiVersion: projectcalico.org/v3
          kind: WorkloadEndpoint
          metadata:
            name: node1-k8s-api--5f9-eth0
            namespace: shop
            labels: {app: api, projectcalico.org/namespace: shop, projectcalico.org/orchestrator: k8s, projectcalico.org/serviceaccount: api-sa}
          spec:
            node: node1
            pod: api-5f9
            endpoint: eth0
            ipNetworks: [10.244.1.5/32]
            profiles: [kns.shop, ksa.shop.api-sa]
            ports:
            - {name: http, protocol: TCP, port: 8080}
            - {name: bad, protocol: TCP, port: 70000}
        """;

    [Fact]
    public void AWorkloadEndpoint_LoadsAsThePodItNames()
    {
        var result = ManifestLoader.LoadText(Endpoint, "weps.yaml");

        var pod = Assert.Single(result.Cluster.Workloads);
        Assert.Equal("shop/api-5f9[Pod]", pod.Id);
        Assert.Equal("api-sa", pod.ServiceAccount);
        Assert.Equal("app", Assert.Single(pod.Labels).Key);
        Assert.Equal("http (TCP 8080)", Assert.Single(pod.Ports).ToString());
        Assert.Equal("10.244.1.5/32", Assert.Single(pod.Addresses).ToString());
    }

    [Fact]
    public void ABadEndpointPort_IsAWarningAtItsLine_AndTheRestLoads()
    {
        var result = ManifestLoader.LoadText(Endpoint, "weps.yaml");

        var warning = Assert.Single(result.Diagnostics, d => d.Field == "spec.ports[1].port");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(18, warning.Line);
        Assert.Single(result.Cluster.Workloads);
    }

    [Fact]
    public void AWorkloadEndpointWithoutAPod_IsReportedAndSkipped()
    {
        var result = ManifestLoader.LoadText(Endpoint.Replace("    pod: api-5f9\n", string.Empty, StringComparison.Ordinal), "weps.yaml");

        Assert.Contains(result.Diagnostics, d => d.Field == "spec.pod" && d.Message.Contains("names no pod", StringComparison.Ordinal));
        Assert.Empty(result.Cluster.Workloads);
    }
}
