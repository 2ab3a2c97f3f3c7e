using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Storage;

namespace PolicyEditor.Web.Tests.Storage;

public class ClusterCodecTests
{
    private const string Endpoint = """
        apiVersion: projectcalico.org/v3
        kind: WorkloadEndpoint
        metadata:
          name: node1-k8s-api--5f9-eth0
          namespace: shop
          labels: {app: api, projectcalico.org/namespace: shop, projectcalico.org/serviceaccount: api-sa}
        spec:
          node: node1
          pod: api-5f9
          endpoint: eth0
          ipNetworks: [10.244.1.5/32]
          profiles: [kns.shop, quarantine]
          ports:
          - {name: http, protocol: TCP, port: 8080}
        """;

    [Fact]
    public void AStoredWorkspace_KeepsAWorkloadEndpointsOwnProfiles()
    {
        var cluster = ManifestLoader.LoadText(Endpoint, "weps.yaml").Cluster;

        var stored = ClusterCodec.DecodeFrame(ClusterCodec.EncodeFrame(cluster));

        var pod = Assert.Single(stored.Workloads);
        Assert.Equal(Assert.Single(cluster.Workloads), pod);
        Assert.Equal(["kns.shop", "quarantine"], pod.CalicoProfiles!.Value);
    }
}
