using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>A WorkloadEndpoint's own <c>spec.profiles</c> apply to its pod instead of Calico's kns./ksa. defaults.</summary>
public class CalicoEndpointProfileTests
{
    private static Cluster Load(string profiles) => ManifestLoader.LoadText($$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: projectcalico.org/v3
        kind: WorkloadEndpoint
        metadata: {name: node1-k8s-api-eth0, namespace: shop, labels: {app: api}}
        spec: {node: node1, pod: api, endpoint: eth0, ipNetworks: [10.244.1.5/32], profiles: {{{profiles}}}}
        ---
        apiVersion: projectcalico.org/v3
        kind: WorkloadEndpoint
        metadata: {name: node1-k8s-web-eth0, namespace: shop, labels: {app: web}}
        spec: {node: node1, pod: web, endpoint: eth0, ipNetworks: [10.244.1.6/32], profiles: [kns.shop, ksa.shop.default]}
        ---
        apiVersion: projectcalico.org/v3
        kind: Profile
        metadata: {name: locked}
        spec: {ingress: [{action: Allow, protocol: TCP, destination: {ports: [8080]}}], egress: [{action: Allow}]}
        """, "weps.yaml").Cluster;

    private static string Allowed(Cluster cluster, string source, string destination) =>
        new ClusterEvaluator(cluster).Evaluate(Endpoint.Of(cluster.FindWorkload(source)!), Endpoint.Of(cluster.FindWorkload(destination)!)).AsReported(ProtocolScope.Kubernetes).ToString();

    [Fact]
    public void NonDefaultProfiles_OfAWorkloadEndpoint_ApplyToItsPod()
    {
        var c = Load("[locked]");

        Assert.Equal("TCP 8080", Allowed(c, "shop/web", "shop/api"));
        Assert.Equal("All Connections", Allowed(c, "shop/api", "shop/web"));
    }

    [Fact]
    public void DefaultProfiles_OfAWorkloadEndpoint_AreCalicosAllowAllDefaults()
    {
        var c = Load("[kns.shop, ksa.shop.default]");

        Assert.Null(c.FindWorkload("shop/api")!.CalicoProfiles);
        Assert.Equal("All Connections", Allowed(c, "shop/web", "shop/api"));
    }

    [Fact]
    public void AProfileTheManifestsDoNotDefine_HasNoRules_SoNothingReachesThePod()
    {
        var c = Load("[missing]");

        Assert.Equal("No Connections", Allowed(c, "shop/web", "shop/api"));
    }
}
