using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyEditor.LiveCluster;
using PolicyEditor.TestSupport;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Import;

/// <summary>
/// "Import from a cluster": the configured cluster is read (through the real client, from a loopback server
/// that answers like the API server) and previewed like any import, with its summary and change impact,
/// before anything is applied.
/// </summary>
public sealed class ClusterImportTests : IDisposable
{
    private static readonly Actor Ada = new("ada", "Ada");
    private readonly FakeKubernetesApi _api = new(FakeKubernetesApi.ReadRecordings(Path.Combine(AppContext.BaseDirectory, "Recorded")));
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-web-cluster-");

    public void Dispose()
    {
        _api.Dispose();
        _dir.Delete(recursive: true);
    }

    private static ClusterImport Configured(string? kubeconfig) =>
        new(Options.Create(new ImportOptions { Kubeconfig = kubeconfig }), NullLogger<ClusterImport>.Instance);

    [Fact]
    public void WithoutAKubeconfig_ThereIsNoClusterToImportFrom() => Assert.False(Configured(null).IsConfigured);

    [Fact]
    public async Task TheCluster_IsReadWithProgress_AndPreviewedAgainstTheWorkspace()
    {
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(true));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance, access);
        var imports = new ImportService(workspaces, new WorkspaceAnalyzer(), Options.Create(new ImportOptions()));
        var workspace = await workspaces.CreateAsync("empty", Engine.Model.Cluster.Empty, Ada, "Created");
        var progress = new List<ReadProgress>();
        var cluster = Configured(_api.WriteKubeconfig(_dir.FullName));

        var read = await cluster.ReadAsync(new Recorder(progress));
        var preview = await imports.PreviewAsync(read.Read, workspace, ImportMode.Merge);

        Assert.True(cluster.IsConfigured);
        Assert.Contains(progress, p => p is { Kind: "Pod", Done: true });
        Assert.Contains(read.Notes, n => n.StartsWith("AdminNetworkPolicy:", StringComparison.Ordinal));
        Assert.StartsWith("cluster 'fake' at http://127.0.0.1:", read.Description, StringComparison.Ordinal);
        Assert.True(preview.CanApply);
        Assert.Equal(9, preview.Upload.Result.LoadedKinds["NetworkPolicy"]);
        Assert.NotNull(preview.Impact);
        Assert.Equal(8, preview.Result!.Workloads.Count);
    }

    [Fact]
    public async Task AClusterThatRefusesTheCredentials_IsARefusal_AndNothingIsImported()
    {
        var read = await Configured(_api.WriteKubeconfig(_dir.FullName, token: "wrong")).ReadAsync(null);

        Assert.True(read.Read.Refused);
        Assert.Contains("refused the credentials (401 Unauthorized)", read.Read.Refusal, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was imported.", read.Read.Refusal, StringComparison.Ordinal);
    }

    /// <summary>Keeps every report, in order, on the reporting thread.</summary>
    private sealed class Recorder(List<ReadProgress> list) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => list.Add(value);
    }
}
