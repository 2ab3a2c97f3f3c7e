using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using PolicyEditor.Manifests.Loading;
using static PolicyEditor.TestSupport.HostileManifests;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Manifests.Tests;

public class UploadsTests
{
    private const string Policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny
          namespace: shop
        spec:
          podSelector: {}
        """;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels:
                app: web
        """;

    private static byte[] TarGz(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (name, text) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public void FilesAndArchives_LoadAsOneCluster_AndOtherFilesAreSkippedByName()
    {
        var result = Uploads.Load([
            new UploadedFile("deploy.yaml", Encoding.UTF8.GetBytes(Deployment)),
            new UploadedFile("policies.zip", Zip(("shop/deny.yaml", Policy), ("README.md", "# notes"))),
        ]);

        Assert.False(result.Refused);
        Assert.Equal(2, result.FilesRead);
        Assert.Equal(["policies.zip/README.md"], result.FilesSkipped);
        Assert.Equal(1, result.Result.LoadedKinds["NetworkPolicy"]);
        Assert.Equal(1, result.Result.LoadedKinds["Deployment"]);
        Assert.Equal("policies.zip/shop/deny.yaml", result.Result.LocationOf(result.Result.Cluster.NetworkPolicies[0])?.File);
    }

    [Fact]
    public void ATarGz_IsExpanded_AndErrorsNameTheFileInsideItWithTheLine()
    {
        var broken = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: shop\nspec:\n  podSelector: [oops\n";
        var result = Uploads.Load([new UploadedFile("cluster.tar.gz", TarGz(("a/deny.yaml", Policy), ("b/broken.yaml", broken)))]);

        Assert.False(result.Refused);
        Assert.Single(result.Result.Cluster.NetworkPolicies);
        var error = Assert.Single(result.Result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("cluster.tar.gz/b/broken.yaml", error.File);
        Assert.True(error.Line >= 7, error.ToString());
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("/etc/passwd.yaml")]
    [InlineData("a/../../outside.yaml")]
    public void AnArchiveWhosePathsEscapeItsFolder_IsRefusedWhole(string path)
    {
        var result = Uploads.Load([new UploadedFile("evil.zip", Zip(("fine.yaml", Policy), (path, Policy)))]);

        Assert.True(result.Refused);
        Assert.Contains("escapes the archive's folder", result.Refusal);
        Assert.Contains("Nothing was imported", result.Refusal);
        Assert.Empty(result.Result.Cluster.NetworkPolicies);
    }

    [Fact]
    public void AnArchiveThatExpandsPastTheLimit_IsRefused_WithoutReadingItAll()
    {
        var zeros = new string(' ', 3 * 1024 * 1024);
        var bomb = Zip(("a.yaml", zeros), ("b.yaml", zeros));
        Assert.True(bomb.Length < 100 * 1024, "a compressed bomb is small");

        var result = Uploads.Load([new UploadedFile("bomb.zip", bomb)], new LoadOptions { MaxTotalBytes = 4 * 1024 * 1024 });

        Assert.True(result.Refused);
        Assert.Contains("more than 4.0 MB in all", result.Refusal);
    }

    [Fact]
    public void TooManyEntries_OrAFileOverTheSizeLimit_AreRefused()
    {
        var many = Zip([.. Enumerable.Range(0, 20).Select(i => ($"p{i}.yaml", Policy))]);
        Assert.Contains("more than 10 files", Uploads.Load([new UploadedFile("many.zip", many)], new LoadOptions { MaxFiles = 10 }).Refusal);

        var big = Encoding.UTF8.GetBytes(Policy + new string('#', 2048));
        Assert.Contains("more than the limit of 0.0 MB a file", Uploads.Load([new UploadedFile("big.yaml", big)], new LoadOptions { MaxFileBytes = 1024 }).Refusal);
    }

    [Fact]
    public void ThousandsOfDocuments_PastTheLimit_AreRefused()
    {
        var text = string.Join("\n---\n", Enumerable.Range(0, 50).Select(i => Policy.Replace("name: deny", $"name: deny-{i}", StringComparison.Ordinal)));

        var result = Uploads.Load([new UploadedFile("all.yaml", Encoding.UTF8.GetBytes(text))], new LoadOptions { MaxDocuments = 40 });

        Assert.True(result.Refused);
        Assert.Contains("more than 40 documents", result.Refusal);
    }

    [Fact]
    public void BinaryFilesAndInvalidUtf8_AreReportedByName_AndTheRestLoads()
    {
        var result = Uploads.Load([
            new UploadedFile("image.yaml", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]),
            new UploadedFile("latin1.yaml", [.. Encoding.UTF8.GetBytes("a: 1\n"), 0xE9, 0x0A]),
            new UploadedFile("ok.yaml", Encoding.UTF8.GetBytes(Policy)),
        ]);

        Assert.False(result.Refused);
        Assert.Single(result.Result.Cluster.NetworkPolicies);
        Assert.Contains(result.Result.Diagnostics, d => d.File == "image.yaml" && d.Message.Contains("binary", StringComparison.Ordinal));
        Assert.Contains(result.Result.Diagnostics, d => d.File == "latin1.yaml" && d.Line == 2 && d.Message.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void ANonArchiveNamedLikeOne_IsRefusedWithAClearMessage()
    {
        var result = Uploads.Load([new UploadedFile("notreally.zip", Encoding.UTF8.GetBytes(Policy))]);

        Assert.True(result.Refused);
        Assert.Contains("notreally.zip is not a readable archive", result.Refusal);
    }
}
