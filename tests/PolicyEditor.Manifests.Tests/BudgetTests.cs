using System.Text;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;
using static PolicyEditor.TestSupport.HostileManifests;

namespace PolicyEditor.Manifests.Tests;

/// <summary>
/// One budget per request: bytes, files, documents, YAML nodes and time counted across every file, archive
/// and document of the request; input past a limit is refused as a whole, with a message naming the limit
/// and where to raise it.
/// </summary>
public class BudgetTests
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n";

    [Fact]
    public void TheAliasAmplifiedFile_LoadsNothing_WithoutExpandingIt()
    {
        var yaml = AliasAmplified();
        Assert.InRange(yaml.Length, 120_000, 140_000);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = ManifestLoader.LoadText(yaml, "amplified.yaml");
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Empty(result.Cluster.NetworkPolicies);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.True(allocated < 50L * 1024 * 1024, $"reading allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void AliasAmplificationAcrossDocuments_EachUnderTheDocumentLimit_IsRefusedAsAWhole()
    {
        // 340 x 340 peers of 8 nodes: about 925,000 nodes a document, under its limit; 40 of them are 37 million.
        var yaml = AliasAmplified(fanOut: 340);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = ManifestLoader.LoadText(yaml, "amplified.yaml");
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Empty(result.Cluster.NetworkPolicies);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("amplified.yaml", error.File);
        Assert.Contains("more than 3,000,000 YAML nodes", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoadOptions.MaxNodes", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, result.Refusal);
        Assert.True(allocated < 50L * 1024 * 1024, $"reading allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void ManyBadDocuments_AreEachReportedAtTheirLine_AndTheGoodOnesBetweenThemLoad()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            text.Append(i == 1000 ? "---\n" + Pod : "---\na: b: c\n");
        }

        var result = ManifestLoader.LoadText(text.ToString(), "bad.yaml", new LoadOptions { MaxDocuments = 10_000 });

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(1999, errors.Count);
        Assert.Equal(2, errors[0].Line);
        Assert.Equal(4, errors[1].Line);

        // After the good document (lines 2001-2004) the lines still count from the start of the file.
        Assert.Equal(2006, errors[1000].Line);
        Assert.Single(result.Cluster.Workloads);
    }

    [Fact]
    public void FiveArchives_AreOneImport_TheirExpandedBytesCountedTogether()
    {
        var oneMegabyte = Pod + "#" + new string(' ', 1024 * 1024);
        var archives = Enumerable.Range(0, 5).Select(i => new UploadedFile($"part{i}.zip", Zip(($"p{i}.yaml", oneMegabyte.Replace("web", $"web{i}", StringComparison.Ordinal))))).ToList();
        Assert.All(archives, a => Assert.True(a.Content.Length < 64 * 1024));

        var result = Uploads.Load(archives, new LoadOptions { MaxTotalBytes = 4L * 1024 * 1024, Names = LimitNames.Settings("Import") });

        Assert.True(result.Refused);
        Assert.Contains("more than 4.0 MB in all", result.Refusal);
        Assert.Contains("Import:MaxTotalMegabytes", result.Refusal);
        Assert.Contains("Nothing was imported", result.Refusal);
        Assert.Empty(result.Result.Cluster.Workloads);
    }

    [Fact]
    public void ArchiveEntries_CountAsFiles_AcrossArchives()
    {
        var archives = Enumerable.Range(0, 3).Select(i => new UploadedFile($"a{i}.zip", Zip([.. Enumerable.Range(0, 4).Select(k => ($"p{k}.yaml", Pod))]))).ToList();

        var result = Uploads.Load(archives, new LoadOptions { MaxFiles = 10 });

        Assert.True(result.Refused);
        Assert.Contains("more than 10 files", result.Refusal);
    }

    [Fact]
    public void SeveralTexts_DrawOnOneBudget()
    {
        var sources = Enumerable.Range(0, 3).Select(i => new ManifestSource($"f{i}.yaml", string.Join("---\n", Enumerable.Repeat(Pod.Replace("web", $"w{i}", StringComparison.Ordinal), 8)))).ToList();

        var result = ManifestLoader.Load(sources, new LoadOptions { MaxDocuments = 20 });

        Assert.Contains("more than 20 documents", result.Refusal, StringComparison.Ordinal);
        Assert.Equal("f2.yaml", Assert.Single(result.Diagnostics).File);
    }

    [Fact]
    public void ReadingPastTheWallTime_IsRefused_NamingTheSetting()
    {
        var text = string.Join("---\n", Enumerable.Range(0, 3000).Select(i => Pod.Replace("name: web", $"name: web{i}", StringComparison.Ordinal)));

        var result = ManifestLoader.LoadText(text, "slow.yaml", new LoadOptions { MaxWallTime = TimeSpan.Zero, Names = LimitNames.CommandLine });

        Assert.Contains("took more than 0 s, the limit set by --max-seconds", result.Refusal, StringComparison.Ordinal);
        Assert.Empty(result.Cluster.Workloads);
    }

    [Fact]
    public void ACancelledRequest_StopsReading()
    {
        var text = string.Join("---\n", Enumerable.Range(0, 3000).Select(i => Pod.Replace("name: web", $"name: web{i}", StringComparison.Ordinal)));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ManifestLoader.LoadText(text, "cancelled.yaml", new LoadBudget(LoadOptions.Default, cancelled.Token)));
    }

    [Fact]
    public void AnAliasInsideItsOwnAnchor_IsAnError_NotACycle()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loop}\ndata: &a [*a, *a]\n---\n" + Pod, "loop.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("alias *a refers to no anchor", error.Message, StringComparison.Ordinal);
        Assert.Single(result.Cluster.Workloads);
    }

    [Fact]
    public void TheCommandLineDefaults_AdmitMoreThanAServerWould()
    {
        var text = string.Join("---\n", Enumerable.Range(0, 25_000).Select(i => $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: n{i % 100}}}\n"));

        Assert.NotNull(ManifestLoader.LoadText(text, "cluster.yaml").Refusal);
        var result = ManifestLoader.LoadText(text, "cluster.yaml", LoadOptions.CommandLine);

        Assert.Null(result.Refusal);
        Assert.Equal(25_000, result.Cluster.Workloads.Count);
    }
}
