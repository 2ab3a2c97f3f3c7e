using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.EntryPoints;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Engine.Tests.EntryPoints;

public class ExposureAnalyzerTests
{
    private const string Web = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: c, ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-lb, namespace: shop}
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [198.51.100.0/24]
          externalTrafficPolicy: Local
          selector: {app: web}
          ports: [{port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-np, namespace: shop}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{port: 9090, targetPort: 9090}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec:
          rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
        """;

    private static IReadOnlyList<ExposedWorkload> Analyze(string yaml)
    {
        var result = ManifestLoader.LoadText(yaml, "test.yaml");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return ExposureAnalyzer.Analyze(new ClusterEvaluator(result.Cluster));
    }

    [Fact]
    public void EveryEntryPoint_IsListedWithItsTargetPorts_AndOpenWithoutPolicies()
    {
        var exposed = Analyze(Web);

        Assert.Equal([EntryPointKind.LoadBalancer, EntryPointKind.NodePort, EntryPointKind.Ingress], exposed.Select(e => e.EntryPoint.Kind));
        var lb = exposed[0];
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 8080), lb.Ports);
        Assert.True(lb.EntryPoint.SourcePreserved);
        Assert.Equal("198.51.100.0/24", Assert.Single(lb.EntryPoint.Sources).ToString());
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 9090), exposed[1].Ports);
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 8080), exposed[2].Ports);
        Assert.All(exposed, e => Assert.True(e.IsOpen));
    }

    [Fact]
    public void APolicyAdmittingOnlyTheLoadBalancersSources_LetsItIn_AndBlocksTheNodePortAndTheIngress()
    {
        var exposed = Analyze(Web + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{from: [{ipBlock: {cidr: 198.51.100.0/24}}], ports: [{port: 8080}]}]
            """);

        Assert.True(exposed.Single(e => e.EntryPoint.Kind == EntryPointKind.LoadBalancer).IsOpen);
        Assert.True(exposed.Single(e => e.EntryPoint.Kind == EntryPointKind.NodePort).IsBlocked);
        Assert.True(exposed.Single(e => e.EntryPoint.Kind == EntryPointKind.Ingress).IsBlocked);
    }
}
