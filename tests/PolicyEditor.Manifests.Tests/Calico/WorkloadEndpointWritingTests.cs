using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Tests.Calico;

public class WorkloadEndpointWritingTests
{
    private const string Endpoint = """
        apiVersion: projectcalico.org/v3
        kind: WorkloadEndpoint
        metadata:
          name: node1-k8s-api--5f9-eth0
          namespace: shop
          labels: {app: api, projectcalico.org/namespace: shop, projectcalico.org/orchestrator: k8s, projectcalico.org/serviceaccount: api-sa}
        spec:
          node: node1
          orchestrator: k8s
          pod: api-5f9
          endpoint: eth0
          interfaceName: cali0ef24ba
          mac: ca:fe:1d:52:bb:e9
          ipNetworks: [10.244.1.5/32]
          profiles: [kns.shop, quarantine]
          ports:
          - {name: http, protocol: TCP, port: 8080}
        """;

    [Fact]
    public void AWrittenCluster_WritesAWorkloadEndpointBackAsAWorkloadEndpoint_NotAsAPod()
    {
        var cluster = ManifestLoader.LoadText(Endpoint, "weps.yaml").Cluster;

        var yaml = ManifestWriter.WriteCluster(cluster);

        Assert.Contains("apiVersion: projectcalico.org/v3\nkind: WorkloadEndpoint\n", yaml, StringComparison.Ordinal);
        Assert.Contains("name: node1-k8s-api--5f9-eth0", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: Pod", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkloadEndpointWrittenBack_LoadsToTheSameWorkload_WithItsProfilesLabelsPortsAndAddresses()
    {
        var cluster = ManifestLoader.LoadText(Endpoint, "weps.yaml").Cluster;

        var reloaded = ManifestLoader.LoadText(ManifestWriter.WriteCluster(cluster), "written.yaml");

        Assert.DoesNotContain(reloaded.Diagnostics, d => d.Severity != Engine.Evaluation.DiagnosticSeverity.Info);
        var workload = Assert.Single(reloaded.Cluster.Workloads);
        Assert.Equal(Assert.Single(cluster.Workloads), workload);
        Assert.Equal(["kns.shop", "quarantine"], workload.CalicoProfiles!.Value);
        Assert.Equal("api-sa", workload.ServiceAccount);
        Assert.Equal("http (TCP 8080)", Assert.Single(workload.Ports).ToString());
        Assert.Equal("10.244.1.5/32", Assert.Single(workload.Addresses).ToString());
    }

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: api-5f9
          namespace: shop
          labels: {app: api}
        spec:
          serviceAccountName: api-sa
          containers:
          - name: api
            image: api
            ports:
            - {containerPort: 8080, name: http}
            - {containerPort: 9090}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void APodGivenAlsoAsItsWorkloadEndpoint_RunsWithTheEndpointsProfiles_WhicheverComesFirst(bool podFirst)
    {
        var text = podFirst ? $"{Pod}\n---\n{Endpoint}" : $"{Endpoint}\n---\n{Pod}";

        var workload = Assert.Single(ManifestLoader.LoadText(text, "both.yaml").Cluster.Workloads);

        Assert.Equal(["kns.shop", "quarantine"], workload.CalicoProfiles!.Value);
        Assert.Equal("api-sa", workload.ServiceAccount);
        Assert.Equal(2, workload.Ports.Count);
    }

    [Fact]
    public void APodGivenAlsoAsItsWorkloadEndpoint_IsWrittenBackAsBoth_AndReloadsToTheSameWorkload()
    {
        var cluster = ManifestLoader.LoadText($"{Pod}\n---\n{Endpoint}", "both.yaml").Cluster;

        var yaml = ManifestWriter.WriteCluster(cluster);
        var reloaded = ManifestLoader.LoadText(yaml, "written.yaml");

        Assert.Contains("kind: Pod\n", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: WorkloadEndpoint\n", yaml, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(cluster.Workloads), Assert.Single(reloaded.Cluster.Workloads));
        Assert.Equal(yaml, ManifestWriter.WriteCluster(reloaded.Cluster));
    }

    [Fact]
    public void AWorkloadEndpointNobodyEdited_IsWrittenTheSameEachTime()
    {
        var once = ManifestWriter.WriteCluster(ManifestLoader.LoadText(Endpoint, "weps.yaml").Cluster);

        var twice = ManifestWriter.WriteCluster(ManifestLoader.LoadText(once, "written.yaml").Cluster);

        Assert.Equal(once, twice);
    }

    [Fact]
    public void APodWithTwoInterfaces_IsWrittenBackAsBothOfItsEndpoints()
    {
        var second = Endpoint.Replace("-eth0", "-eth1", StringComparison.Ordinal).Replace("endpoint: eth0", "endpoint: eth1", StringComparison.Ordinal)
            .Replace("10.244.1.5/32", "10.244.9.5/32", StringComparison.Ordinal);
        var cluster = ManifestLoader.LoadText($"{Endpoint}\n---\n{second}", "weps.yaml").Cluster;

        var yaml = ManifestWriter.WriteCluster(cluster);
        var reloaded = ManifestLoader.LoadText(yaml, "written.yaml").Cluster;

        Assert.Contains("name: node1-k8s-api--5f9-eth1", yaml, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(cluster.Workloads), Assert.Single(reloaded.Workloads));
        Assert.Equal(2, Assert.Single(reloaded.Workloads).Addresses.Count);
    }

    [Fact]
    public void TheFilesPerNamespace_HoldTheWorkloadEndpoint_InItsNamespacesFile()
    {
        var cluster = ManifestLoader.LoadText(Endpoint, "weps.yaml").Cluster;

        var files = ManifestWriter.WriteByNamespace(cluster);

        Assert.Contains("kind: WorkloadEndpoint", files["shop.yaml"], StringComparison.Ordinal);
        Assert.Equal(Assert.Single(cluster.Workloads), Assert.Single(ManifestLoader.LoadText(files["shop.yaml"], "shop.yaml").Cluster.Workloads));
    }

    [Fact]
    public void AWorkloadEndpoint_IsWrittenInCalicosFieldOrder()
    {
        var cluster = ManifestLoader.LoadText(Endpoint, "weps.yaml").Cluster;

        var yaml = ManifestWriter.WriteCluster(cluster with { Namespaces = [] });

        Assert.Equal(
            """
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata:
              name: node1-k8s-api--5f9-eth0
              namespace: shop
              labels:
                app: api
                projectcalico.org/namespace: shop
                projectcalico.org/orchestrator: k8s
                projectcalico.org/serviceaccount: api-sa
            spec:
              orchestrator: k8s
              node: node1
              pod: api-5f9
              endpoint: eth0
              ipNetworks:
              - 10.244.1.5/32
              profiles:
              - kns.shop
              - quarantine
              interfaceName: cali0ef24ba
              mac: ca:fe:1d:52:bb:e9
              ports:
              - name: http
                protocol: TCP
                port: 8080

            """,
            yaml);
    }
}
