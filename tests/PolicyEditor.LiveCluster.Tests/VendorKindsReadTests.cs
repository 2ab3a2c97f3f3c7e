using System.Text.Json.Nodes;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.TestSupport;

namespace PolicyEditor.LiveCluster.Tests;

/// <summary>The live reader lists Calico's kinds (projectcalico.org/v3) and Cilium's policy kinds, and loads them as files would be.</summary>
public sealed class VendorKindsReadTests : IDisposable
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "Recorded");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-live-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>The recorded cluster plus the lists in <paramref name="folder"/>.</summary>
    private static Dictionary<string, JsonObject> With(string folder) =>
        FakeKubernetesApi.ReadRecordings(Recorded).Concat(FakeKubernetesApi.ReadRecordings(Path.Combine(Recorded, folder)))
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    private Task<ClusterReadResult> Read(FakeKubernetesApi api) =>
        ClusterReader.ReadAsync(new ClusterSource(api.WriteKubeconfig(_dir.FullName), null, null, TimeSpan.FromSeconds(20), 50), LoadOptions.Default);

    [Fact]
    public async Task CalicoKinds_AreRead_AsTheirFilesLoad()
    {
        using var api = new FakeKubernetesApi(With("Calico"));

        var live = await Read(api);
        var fromFiles = ManifestLoader.LoadFiles(Directory.GetFiles(Path.Combine(Recorded, "Calico"), "*.json").Order(StringComparer.Ordinal));

        Assert.False(live.Result.HasErrors, string.Join('\n', live.Result.Diagnostics));
        Assert.Contains(api.Requests, r => r.StartsWith("/apis/projectcalico.org/v3/globalnetworkpolicies?", StringComparison.Ordinal));
        Assert.Equal(
            fromFiles.Cluster.OtherPolicies.Select(p => p.Key.ToString()).Order(StringComparer.Ordinal),
            live.Result.Cluster.OtherPolicies.Select(p => p.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["CalicoNetworkPolicy", "FelixConfiguration", "GlobalNetworkPolicy", "HostEndpoint", "Tier"], live.Result.Cluster.OtherPolicies.Select(p => p.Kind).Distinct().Order());
    }

    [Fact]
    public async Task CalicoHostEndpoint_ReadLive_IsDecidedByItsPolicyAndFelixConfiguration()
    {
        using var api = new FakeKubernetesApi(With("Calico"));

        var cluster = (await Read(api)).Result.Cluster;
        var host = new HostEndpoint(cluster.OtherPolicies.OfType<CalicoHostEndpoint>().Single());
        var evaluator = new ClusterEvaluator(cluster);

        Assert.Equal("TCP 22", evaluator.Evaluate(Endpoint.Of(System.Net.IPAddress.Parse("192.168.10.7")), host).ToString());
        Assert.True(evaluator.Evaluate(Endpoint.Of(System.Net.IPAddress.Parse("203.0.113.1")), host).IsEmpty);
    }

    [Fact]
    public async Task CiliumPolicyKinds_AreRead()
    {
        using var api = new FakeKubernetesApi(With("CiliumPolicies"));

        var live = await Read(api);

        Assert.False(live.Result.HasErrors, string.Join('\n', live.Result.Diagnostics));
        Assert.Equal(["CiliumCIDRGroup", "CiliumClusterwideNetworkPolicy", "CiliumNetworkPolicy"], live.Result.Cluster.OtherPolicies.Select(p => p.Kind).Distinct().Order());
    }
}
