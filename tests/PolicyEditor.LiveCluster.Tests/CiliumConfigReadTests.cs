using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.TestSupport;

namespace PolicyEditor.LiveCluster.Tests;

/// <summary>Cilium's enforcement mode is read from the one ConfigMap that holds it, never from a list of every ConfigMap.</summary>
public sealed class CiliumConfigReadTests : IDisposable
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "Recorded");

    /// <summary>The recorded cluster with Cilium installed: its lists plus kube-system's cilium-config (enable-policy: always).</summary>
    private static Dictionary<string, System.Text.Json.Nodes.JsonObject> WithCilium() =>
        FakeKubernetesApi.ReadRecordings(Recorded).Concat(FakeKubernetesApi.ReadRecordings(Path.Combine(Recorded, "Cilium")))
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-live-");

    public void Dispose() => _dir.Delete(recursive: true);

    private Task<ClusterReadResult> Read(FakeKubernetesApi api, string? ns = null) =>
        ClusterReader.ReadAsync(new ClusterSource(api.WriteKubeconfig(_dir.FullName), null, ns, TimeSpan.FromSeconds(20), 50), LoadOptions.Default);

    [Fact]
    public async Task TheEnforcementMode_IsReadFromCiliumConfig_WithOneGet()
    {
        using var api = new FakeKubernetesApi(WithCilium());

        var live = await Read(api);

        Assert.Equal(CiliumEnforcementMode.Always, CiliumConfig.Of(live.Result.Cluster));
        Assert.Contains("/api/v1/namespaces/kube-system/configmaps/cilium-config", api.Requests);
        Assert.DoesNotContain(api.Requests, r => r.StartsWith("/api/v1/configmaps", StringComparison.Ordinal) || r.Contains("/configmaps?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheEnforcementMode_IsReadToo_WhenOneOtherNamespaceIsRead()
    {
        using var api = new FakeKubernetesApi(WithCilium());

        var live = await Read(api, ns: "payments");

        Assert.Equal(CiliumEnforcementMode.Always, CiliumConfig.Of(live.Result.Cluster));
    }

    [Fact]
    public async Task AClusterWithoutCilium_ReadsAsBefore_WithoutANote()
    {
        using var api = new FakeKubernetesApi(FakeKubernetesApi.ReadRecordings(Recorded));

        var live = await Read(api);

        Assert.Equal(CiliumEnforcementMode.Default, CiliumConfig.Of(live.Result.Cluster));
        Assert.DoesNotContain(live.Notes, n => n.Contains("cilium-config", StringComparison.Ordinal));
        Assert.False(live.Result.HasErrors, string.Join('\n', live.Result.Diagnostics));
    }
}
