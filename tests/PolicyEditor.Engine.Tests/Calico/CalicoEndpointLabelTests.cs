using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>What Calico's selectors see of endpoints: profile labels, WorkloadEndpoints, and namespace selectors against global resources.</summary>
public class CalicoEndpointLabelTests
{
    private static string Allowed(Cluster cluster, string source, string destination) =>
        new ClusterEvaluator(cluster).Evaluate(cluster.W(source), cluster.W(destination)).AsReported(ProtocolScope.Kubernetes).ToString();

    private const string OnlyFromTrusted = """
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: db-from-trusted}
        spec:
          selector: app == 'db'
          ingress: [{action: Allow, source: {selector: trust == 'high'}}]
        """;

    [Fact]
    public void LabelsToApply_OfANamespaceProfile_LabelEveryPodOfThatNamespace()
    {
        var c = Manifest.Load(OnlyFromTrusted + """

            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.ops}
            spec: {labelsToApply: {trust: high}, ingress: [{action: Allow}], egress: [{action: Allow}]}
            """);

        Assert.Equal("All Connections", Allowed(c, "ops/monitor", "shop/db"));
        Assert.Equal("No Connections", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void LabelsToApply_GiveWayToThePodsOwnLabels()
    {
        var c = Manifest.Load(OnlyFromTrusted + """

            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.shop}
            spec: {labelsToApply: {trust: high, app: from-profile}, ingress: [{action: Allow}], egress: [{action: Allow}]}
            """);

        Assert.Equal("All Connections", Allowed(c, "shop/web", "shop/db"));
        Assert.Equal("No Connections", Allowed(c, "ops/monitor", "shop/db"));
    }

    [Fact]
    public void LabelsToApply_OfAServiceAccountProfile_LabelThatAccountsPodsOnly()
    {
        var c = Manifest.Load(OnlyFromTrusted + """

            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: batch, namespace: ops, labels: {app: batch}}
            spec: {serviceAccountName: runner, containers: [{name: c}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: ksa.ops.runner}
            spec: {labelsToApply: {trust: high}, ingress: [{action: Allow}], egress: [{action: Allow}]}
            """);

        Assert.Equal("All Connections", Allowed(c, "ops/batch", "shop/db"));
        Assert.Equal("No Connections", Allowed(c, "ops/monitor", "shop/db"));
    }

    [Fact]
    public void ANamespaceSelectorAll_TakesInEveryNamespace_ButNotGlobalNetworkSets()
    {
        var c = Manifest.Load("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: partners, labels: {kind: partner}}
            spec: {nets: [203.0.113.0/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: web-out, namespace: shop}
            spec:
              selector: app == 'web'
              types: [Egress]
              egress:
              - {action: Allow, protocol: TCP, destination: {namespaceSelector: all(), selector: kind == 'partner'}}
              - {action: Allow, protocol: UDP, destination: {namespaceSelector: "!(global() && all())", selector: kind == 'partner'}}
              - {action: Allow, protocol: SCTP, destination: {namespaceSelector: "global() || all()", selector: kind == 'partner'}}
            """);
        var web = c.W("shop/web");
        var partner = Endpoint.Of(System.Net.IPAddress.Parse("203.0.113.9"));

        Assert.Equal("SCTP 1-65535,UDP 1-65535", new ClusterEvaluator(c).Evaluate(web, partner).AsReported(ProtocolScope.Kubernetes).ToString());
    }

    [Fact]
    public void ALongNameInNotPorts_ThatNoContainerHas_ExcludesNothing()
    {
        var c = Manifest.Load("""
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: web-out, namespace: shop}
            spec:
              selector: app == 'web'
              types: [Egress]
              egress: [{action: Allow, protocol: TCP, destination: {notPorts: [no-such-named-port-at-all]}}]
            """);

        Assert.Equal("TCP 1-65535", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void ADestinationService_TakesInItsEndpoints_OnItsTargetPorts()
    {
        var c = Manifest.Load("""
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {app: api}
              ports: [{name: web, port: 80, targetPort: http}, {name: dns, port: 53, protocol: UDP, targetPort: 53}]
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: web-to-api, namespace: shop}
            spec:
              selector: app == 'web'
              types: [Egress]
              egress: [{action: Allow, destination: {services: {name: api}}}]
            """);

        Assert.Equal("TCP 8081,UDP 53", Allowed(c, "shop/web", "shop/api"));
        Assert.Equal("No Connections", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void AWorkloadEndpoint_IsThePodItStandsFor_WithItsLabelsPortsAndServiceAccount()
    {
        var c = Manifest.Load("""
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata:
              name: node1-k8s-batch--7d4-eth0
              namespace: ops
              labels: {app: batch, projectcalico.org/namespace: ops, projectcalico.org/orchestrator: k8s, projectcalico.org/serviceaccount: runner}
            spec:
              orchestrator: k8s
              node: node1
              pod: batch-7d4
              endpoint: eth0
              ipNetworks: [10.244.3.7/32]
              profiles: [kns.ops, ksa.ops.runner]
              ports: [{name: admin, protocol: TCP, port: 7000}]
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: batch-admin-only}
            spec:
              selector: projectcalico.org/serviceaccount == 'runner'
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [admin]}}]
            """);
        var batch = c.FindWorkload("ops/batch-7d4[Pod]");

        Assert.NotNull(batch);
        Assert.Equal("app=batch", string.Join(",", batch.Labels.Select(l => $"{l.Key}={l.Value}")));
        Assert.Equal("10.244.3.7/32", string.Join(",", batch.Addresses));
        Assert.Equal("TCP 7000", Allowed(c, "shop/web", "ops/batch-7d4"));
    }
}
