using PolicyEditor.TestSupport;

namespace PolicyEditor.Cli.Tests;

/// <summary>A live cluster as the command line's input, read from a loopback server that answers like the API server.</summary>
public sealed class ClusterInputTests : IDisposable
{
    private readonly FakeKubernetesApi _api = new(FakeKubernetesApi.ReadRecordings(Path.Combine(AppContext.BaseDirectory, "Recorded")));
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-cli-cluster-");

    public void Dispose()
    {
        _api.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public void ListingACluster_GivesWhatListingItsManifestsGives_WithProgressOnStandardError()
    {
        var live = CliRun.Run("list", "--kubeconfig", _api.WriteKubeconfig(_dir.FullName));
        var files = CliRun.Run("list", "-f", CliRun.Shop);

        Assert.Equal(0, live.Code);
        Assert.Equal(files.Output, live.Output);
        Assert.Contains("reading Pod: 14 read", live.Error, StringComparison.Ordinal);
        Assert.Contains("note: AdminNetworkPolicy: the cluster does not serve policy.networking.k8s.io/v1alpha1/adminnetworkpolicies", live.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffAgainstTheCluster_ShowsWhatApplyingTheManifestsWouldChange()
    {
        var deny = Path.Combine(_dir.FullName, "deny.yaml");
        File.WriteAllText(deny, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: monitoring}\nspec: {podSelector: {}, policyTypes: [Egress]}\n");

        var result = CliRun.Run("diff", "--kubeconfig", _api.WriteKubeconfig(_dir.FullName), "-f", CliRun.Shop, "-f", deny);

        Assert.Equal(0, result.Code);
        Assert.Contains("diff-type: removed, source: monitoring/prometheus[Deployment], destination: shop/frontend[Deployment]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedCredentials_ExitWithCodeOne_AndAClearMessage()
    {
        var result = CliRun.Run("list", "--kubeconfig", _api.WriteKubeconfig(_dir.FullName, token: "wrong"));

        Assert.Equal(1, result.Code);
        Assert.Contains("refused the credentials (401 Unauthorized)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FilesAndACluster_AreNotMixed()
    {
        Assert.Equal(2, CliRun.Run("list", "-f", CliRun.Shop, "--kubeconfig", _api.WriteKubeconfig(_dir.FullName)).Code);
    }
}
