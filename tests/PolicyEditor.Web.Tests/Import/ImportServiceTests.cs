using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Workspace;
using static PolicyEditor.TestSupport.HostileManifests;

namespace PolicyEditor.Web.Tests.Import;

/// <summary>An import is one request with one budget, set under <c>Import</c>; a refusal names the setting, and a closed dialog stops the reading.</summary>
public sealed class ImportServiceTests
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n";

    private static ImportService Service(ImportOptions options) =>
        new(new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance), new WorkspaceAnalyzer(), Options.Create(options));

    private static UploadedFile Pods(int count) =>
        new("pods.yaml", Encoding.UTF8.GetBytes(string.Join("---\n", Enumerable.Range(0, count).Select(i => Pod.Replace("name: web", $"name: web-{i}", StringComparison.Ordinal)))));

    [Fact]
    public async Task FiveArchives_AreRefusedAsOneImport_NamingTheSetting()
    {
        var megabyte = Pod + "#" + new string(' ', 1024 * 1024);
        var archives = Enumerable.Range(0, 5).Select(i => new UploadedFile($"part{i}.zip", Zip(($"p{i}.yaml", megabyte.Replace("web", $"web{i}", StringComparison.Ordinal))))).ToList();

        var preview = await Service(new ImportOptions { MaxTotalMegabytes = 4 }).PreviewAsync(archives, null, ImportMode.Merge);

        Assert.False(preview.CanApply);
        Assert.Contains("more than 4.0 MB in all", preview.Upload.Refusal, StringComparison.Ordinal);
        Assert.Contains("Import:MaxTotalMegabytes", preview.Upload.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachSetting_IsTheLimitOfItsImport()
    {
        var preview = await Service(new ImportOptions { MaxDocuments = 5 }).PreviewAsync([Pods(10)], null, ImportMode.Merge);

        Assert.False(preview.CanApply);
        Assert.Contains("more than 5 documents, the limit set by Import:MaxDocuments", preview.Upload.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingTheDialog_StopsAPreviewStillReading()
    {
        using var closed = new CancellationTokenSource();
        var reading = Service(new ImportOptions { MaxDocuments = 1_000_000, MaxNodes = 100_000_000, MaxSeconds = 600 }).PreviewAsync([Pods(100_000)], null, ImportMode.Merge, closed.Token);

        closed.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public void TheDefaults_AreTheLoadersServerDefaults_NamedAsSettings()
    {
        var limits = new ImportOptions().ToLoadOptions();

        Assert.Equal(LoadOptions.Default with { Names = LimitNames.Settings("Import") }, limits);
    }
}
