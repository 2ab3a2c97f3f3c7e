using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Evaluation;

public class ExposureTests
{
    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: admin, port: 9000, targetPort: 9090}
        """;

    private static string FromController(Cluster c, string workload) =>
        new ClusterEvaluator(c).Evaluate(Endpoint.IngressController, c.W(workload)).ToString();

    [Theory]
    [InlineData("number: 80", "TCP 8080")]
    [InlineData("name: admin", "TCP 9090")]
    [InlineData("number: 9090", "TCP 9090")]
    public void Ingress_ExposesTheTargetPortOfTheServicePortItNames(string port, string expected)
    {
        var c = Manifest.Load(Service + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              rules:
              - http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port:
            """ + "\n                      " + port + "\n");

        Assert.Equal(expected, FromController(c, "shop/web"));
        Assert.Equal("No Connections", FromController(c, "shop/api"));
    }

    [Theory]
    [InlineData("targetPort: http", "TCP 8080")]
    [InlineData("targetPort: 9090", "TCP 9090")]
    [InlineData("", "TCP 8080,9090")]
    public void Route_ExposesTheTargetPortItNames_OrEveryServicePort(string port, string expected)
    {
        var portLine = port.Length == 0 ? string.Empty : "  port: {" + port + "}";
        var c = Manifest.Load(Service + """

            ---
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: web, namespace: shop}
            spec:
              to: {kind: Service, name: web}
            """ + "\n" + portLine + "\n");

        Assert.Equal(expected, FromController(c, "shop/web"));
    }

    [Fact]
    public void ExposedWorkload_StillObeysItsIngressPolicies_WhichOnlyAllEverywherePeersOpenToTheController()
    {
        var c = Manifest.Load(Service + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from: [{namespaceSelector: {matchLabels: {team: ops}}}]
              - from: [{namespaceSelector: {}}]
                ports: [{port: 8080}]
            """);

        Assert.Equal("TCP 8080", FromController(c, "shop/web"));
        Assert.Equal("No Connections", new ClusterEvaluator(c).Evaluate(c.W("shop/web"), Endpoint.IngressController).ToString());
    }

    [Fact]
    public void NamespaceScopedRule_DoesNotAdmitTheController()
    {
        var c = Manifest.Load(Service + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}]}]
            """);

        Assert.Equal("No Connections", FromController(c, "shop/web"));
    }
}
