using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Engine.Tests;

/// <summary>Clusters for tests, written as the manifests a user would write.</summary>
internal static class Manifest
{
    /// <summary>Three namespaces (shop, payments, ops) with a few workloads, followed by the given manifests.</summary>
    public const string Base = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: web}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: payments, labels: {team: pay, pci: "true"}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ops, labels: {team: ops}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
        spec: {containers: [{name: c, ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: shop, labels: {app: api, tier: back}}
        spec: {containers: [{name: c, ports: [{containerPort: 8081, name: http}, {containerPort: 53, name: dns, protocol: UDP}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db, tier: back}}
        spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: gateway, namespace: payments, labels: {app: gateway}}
        spec: {containers: [{name: c, ports: [{containerPort: 8443, name: https}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: monitor, namespace: ops, labels: {app: monitor}}
        """;

    /// <summary>The base cluster plus <paramref name="yaml"/>; fails the test on any load error.</summary>
    public static Cluster Load(string yaml = "")
    {
        var result = ManifestLoader.LoadText(Base + (yaml.Length > 0 ? "\n---\n" + yaml : string.Empty), "test.yaml");
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return result.Cluster;
    }

    public static Endpoint W(this Cluster cluster, string id) =>
        Endpoint.Of(cluster.FindWorkload(id.Contains('[', StringComparison.Ordinal) ? id : $"{id}[Pod]") ?? throw new ArgumentException($"no workload {id}"));
}
