using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.TestSupport;

namespace PolicyEditor.LiveCluster.Tests;

/// <summary>
/// Reading a live cluster through the real client library, against a loopback server that answers like the
/// API server from recorded list responses.
/// </summary>
public sealed class ClusterReaderTests : IDisposable
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "Recorded");
    private readonly FakeKubernetesApi _api = new(FakeKubernetesApi.ReadRecordings(Recorded));
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-live-");

    public void Dispose()
    {
        _api.Dispose();
        _dir.Delete(recursive: true);
    }

    private Task<ClusterReadResult> Read(string? ns = null, int pageSize = 3, TimeSpan? timeout = null, string? token = null, IProgress<ReadProgress>? progress = null) =>
        ClusterReader.ReadAsync(new ClusterSource(_api.WriteKubeconfig(_dir.FullName, token), null, ns, timeout ?? TimeSpan.FromSeconds(20), pageSize), LoadOptions.Default, progress);

    [Fact]
    public async Task ReadingTheCluster_EqualsLoadingTheSameObjectsFromFiles()
    {
        var live = await Read();

        // The same recorded objects, as files, in the order the reader asks for their kinds.
        var order = ApiResources.All.Select(r => r.Kind).ToList();
        var files = Directory.GetFiles(Recorded, "*.json").OrderBy(f => order.FindIndex(k => File.ReadAllText(f).Contains($"\"kind\": \"{k}List\"", StringComparison.Ordinal)));
        var fromFiles = ManifestLoader.LoadFiles(files);

        Assert.False(live.Result.HasErrors, string.Join('\n', live.Result.Diagnostics));
        AssertSameCluster(fromFiles.Cluster, live.Result.Cluster);
    }

    [Fact]
    public async Task DeploymentsReplicaSetsAndPods_AreTheDeployments_AsInTheSample()
    {
        var live = await Read();
        var sample = ManifestLoader.LoadDirectory(Path.Combine(FindRepository(), "samples", "shop"));

        // A running cluster holds each Deployment's ReplicaSet and pods too; they fold into the Deployment.
        Assert.Equal(sample.Cluster.Workloads.Select(w => w.Id), live.Result.Cluster.Workloads.Select(w => w.Id));
        AssertSameCluster(sample.Cluster, live.Result.Cluster);
    }

    [Fact]
    public async Task LongLists_AreReadPageByPage_FollowingTheContinueToken()
    {
        var progress = new List<ReadProgress>();
        var live = await Read(pageSize: 3, progress: new Recorder(progress));

        var podRequests = _api.Requests.Where(r => r.StartsWith("/api/v1/pods", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, podRequests.Count); // 14 pods, 3 a page
        Assert.All(podRequests, r => Assert.Contains("limit=3", r, StringComparison.Ordinal));
        Assert.Equal(4, podRequests.Count(r => r.Contains("continue=", StringComparison.Ordinal)));
        Assert.Equal(14, live.Result.LoadedKinds["Pod"]);
        Assert.Equal(new ReadProgress("Pod", 14, true), progress.Last(p => p.Kind == "Pod"));
        Assert.Equal([3, 6, 9, 12, 14], progress.Where(p => p.Kind == "Pod").Select(p => p.Read));
    }

    [Fact]
    public async Task AKindWhoseCrdIsNotInstalled_IsANote_NotAnError()
    {
        var live = await Read();

        Assert.Contains(live.Notes, n => n.StartsWith("AdminNetworkPolicy: the cluster does not serve policy.networking.k8s.io/v1alpha1/adminnetworkpolicies", StringComparison.Ordinal));
        Assert.Contains(live.Notes, n => n.StartsWith("Route: the cluster does not serve route.openshift.io/v1/routes", StringComparison.Ordinal));
        Assert.Equal(9, live.Result.Cluster.NetworkPolicies.Count);
    }

    [Fact]
    public async Task RefusedCredentials_FailWithAMessageThatSaysSo_AndNoToken()
    {
        var e = await Assert.ThrowsAsync<ClusterReadException>(() => Read(token: "expired-secret-token"));

        Assert.Contains("refused the credentials (401 Unauthorized)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Sign in again", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("expired-secret-token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowServer_TimesOut_WithAMessageThatSaysWhatToDo()
    {
        _api.Delay = TimeSpan.FromSeconds(10);

        var e = await Assert.ThrowsAsync<ClusterReadException>(() => Read(timeout: TimeSpan.FromMilliseconds(500)));

        Assert.Contains("did not answer the list of Namespace in time", e.Message, StringComparison.Ordinal);
        Assert.Contains("--request-timeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneNamespace_IsReadAlone_WithItsLabels()
    {
        var live = await Read(ns: "payments");

        Assert.Equal(["payments/payments-api[Deployment]"], live.Result.Cluster.Workloads.Select(w => w.Id));
        Assert.Equal("pci-dss", live.Result.Cluster.FindNamespace("payments")!.Labels["compliance"]);
        Assert.Contains("/api/v1/namespaces/payments", _api.Requests);
        Assert.Contains(_api.Requests, r => r.StartsWith("/api/v1/namespaces/payments/pods?", StringComparison.Ordinal));
        Assert.DoesNotContain(_api.Requests, r => r.StartsWith("/api/v1/pods", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANamespaceThatDoesNotExist_IsNamed()
    {
        var e = await Assert.ThrowsAsync<ClusterReadException>(() => Read(ns: "nowhere"));

        Assert.Contains("has no namespace 'nowhere'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingKubeconfig_OrContext_IsNamed()
    {
        var missing = await Assert.ThrowsAsync<ClusterReadException>(() =>
            ClusterReader.ReadAsync(new ClusterSource("/no/such/kubeconfig", null, null, TimeSpan.FromSeconds(5)), LoadOptions.Default));
        var context = await Assert.ThrowsAsync<ClusterReadException>(() =>
            ClusterReader.ReadAsync(new ClusterSource(_api.WriteKubeconfig(_dir.FullName), "prod", null, TimeSpan.FromSeconds(5)), LoadOptions.Default));

        Assert.Contains("no kubeconfig at '/no/such/kubeconfig'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("prod", context.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKindTheLoaderModels_IsReadFromACluster()
    {
        var read = ApiResources.All.Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);

        Assert.Equal([], ManifestLoader.ModelledKinds.Where(k => !read.Contains(k)).Order(StringComparer.Ordinal));
    }

    private static void AssertSameCluster(Cluster expected, Cluster actual)
    {
        Assert.Equal(expected.Namespaces.OrderBy(n => n.Name, StringComparer.Ordinal), actual.Namespaces.OrderBy(n => n.Name, StringComparer.Ordinal));
        Assert.Equal(expected.Workloads.OrderBy(w => w.Id, StringComparer.Ordinal), actual.Workloads.OrderBy(w => w.Id, StringComparer.Ordinal));
        Assert.Equal(expected.NetworkPolicies.OrderBy(p => p.Id, StringComparer.Ordinal), actual.NetworkPolicies.OrderBy(p => p.Id, StringComparer.Ordinal));
        Assert.Equal(expected.Services.OrderBy(s => s.Name, StringComparer.Ordinal), actual.Services.OrderBy(s => s.Name, StringComparer.Ordinal));
        Assert.Equal(expected.Exposures, actual.Exposures);
        Assert.Equal(expected.AdminNetworkPolicies, actual.AdminNetworkPolicies);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyEditor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root is not above the test assembly.");
    }

    /// <summary>Keeps every report, in order, on the reporting thread.</summary>
    private sealed class Recorder(List<ReadProgress> list) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => list.Add(value);
    }
}
