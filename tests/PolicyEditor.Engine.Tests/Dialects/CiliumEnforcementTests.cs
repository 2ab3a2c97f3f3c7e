using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Engine.Tests.Dialects;

/// <summary>The policy enforcement mode (enable-policy in cilium-config), as docs.cilium.io's policy introduction describes it.</summary>
public class CiliumEnforcementTests
{
    private static string Allowed(Cluster cluster, Endpoint source, Endpoint destination) =>
        new ClusterEvaluator(cluster).Evaluate(source, destination).AsReported(ProtocolScope.Kubernetes).ToString();

    private static string Config(string mode) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata: {"{"}name: cilium-config, namespace: kube-system{"}"}
        data: {"{"}enable-policy: {mode}, cluster-name: default{"}"}
        """;

    private const string DbFromWeb = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: db, namespace: shop}
        spec:
          endpointSelector: {matchLabels: {app: db}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
          ingressDeny:
          - fromEndpoints: [{matchLabels: {app: api}}]
        """;

    [Fact]
    public void ConfigMap_SetsTheMode_AndAClusterWithoutOneIsInDefaultMode()
    {
        Assert.Equal(CiliumEnforcementMode.Always, CiliumConfig.Of(Manifest.Load(Config("always"))));
        Assert.Equal(CiliumEnforcementMode.Default, CiliumConfig.Of(Manifest.Load()));
    }

    [Fact]
    public void DefaultMode_LeavesEndpointsNoRuleSelectsOpen()
    {
        var c = Manifest.Load(Config("default") + "\n---\n" + DbFromWeb);

        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), c.W("ops/monitor")));
        Assert.Equal("TCP 5432", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void AlwaysMode_PutsEveryEndpointIntoDefaultDenyBothWays_AndKeepsTheAllows()
    {
        var c = Manifest.Load(Config("always") + "\n---\n" + DbFromWeb + """

            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toEndpoints: [{}]
            """);

        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("ops/monitor")));
        Assert.Equal("No Connections", Allowed(c, c.W("ops/monitor"), c.W("payments/gateway")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), c.W("shop/api")));
        Assert.Equal("TCP 5432", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void AlwaysMode_StillLetsTheLocalHostReachEndpoints()
    {
        var c = Manifest.Load(Config("always"));

        Assert.Equal("All Connections", Allowed(c, new SpecialEndpoint("host"), c.W("ops/monitor")));
    }

    [Fact]
    public void NeverMode_AllowsEverything_EvenWhatDeniesAndNetworkPoliciesWouldStop()
    {
        var c = Manifest.Load(Config("never") + "\n---\n" + DbFromWeb + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: ops}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """);

        Assert.Equal("All Connections", Allowed(c, c.W("shop/api"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), c.W("ops/monitor")));
        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void Explanation_NamesTheModeThatDecided()
    {
        var c = Manifest.Load(Config("always"));

        var text = new ClusterEvaluator(c).Explain(c.W("shop/web"), c.W("ops/monitor"), Protocol.TCP, 80).ToString();

        Assert.Contains("enforcement mode 'always'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingTheMode_IsAChangeOfTheConfigMap_WrittenBackAndLoadedAgain()
    {
        var c = Manifest.Load();
        var change = CiliumConfig.Set(c, CiliumEnforcementMode.Never);
        var changed = c.Apply(change);

        Assert.Equal(CiliumEnforcementMode.Never, CiliumConfig.Of(changed));
        var yaml = Manifests.Writing.ManifestWriter.Write(change.After!);
        Assert.Contains("enable-policy: never", yaml, StringComparison.Ordinal);
        var again = Manifests.Loading.ManifestLoader.LoadText(yaml, "config.yaml").Cluster;
        Assert.Equal(CiliumConfig.Find(changed), CiliumConfig.Find(again));
        Assert.Equal(CiliumEnforcementMode.Always, CiliumConfig.Of(changed.Apply(CiliumConfig.Set(changed, CiliumEnforcementMode.Always))));
    }

    [Fact]
    public void UnknownMode_IsAnErrorAtItsLineAndField()
    {
        var result = Manifests.Loading.ManifestLoader.LoadText(Config("sometimes"), "config.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("data.enable-policy", error.Field);
        Assert.Equal(4, error.Line);
    }
}
