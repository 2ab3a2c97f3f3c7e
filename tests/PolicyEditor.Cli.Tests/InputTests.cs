using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace PolicyEditor.Cli.Tests;

/// <summary>
/// What the command line reads: -f files, folders, archives and standard input, the kubectl way; only regular
/// files, with links resolved safely; every problem reported per file; exit code 1 when nothing could be analysed.
/// </summary>
public sealed class InputTests : IDisposable
{
    private const string TwoPods = "apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, labels: {app: b}}\n";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-inputs-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void StandardInput_IsReadWithDash_AsKubectlPipesIt()
    {
        var yaml = string.Concat(Directory.GetFiles(CliRun.Shop, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f) + "\n---\n"));

        var piped = CliRun.WithInput(yaml, "list", "-f", "-");
        var fromFolder = CliRun.Run("list", "-f", CliRun.Shop);

        Assert.Equal(0, piped.Code);
        Assert.Equal(fromFolder.Output, piped.Output);
    }

    [Fact]
    public void SeveralInputs_AreOneCluster()
    {
        var pods = Write("pods.yaml", TwoPods);
        var policy = Write("policy.json", """{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "deny"}, "spec": {"podSelector": {"matchLabels": {"app": "b"}}}}""");

        var result = CliRun.Run("list", "-f", pods, "-f", policy);

        Assert.Equal(0, result.Code);
        Assert.Equal("default/b[Pod] => default/a[Pod] : All Connections\n", string.Concat(result.Output.Split('\n').Where(l => l.Contains("[Pod] => default/", StringComparison.Ordinal)).Select(l => l + "\n")));
    }

    [Fact]
    public void AnArchive_IsExpanded()
    {
        var archive = Path.Combine(_dir.FullName, "manifests.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "cluster/pods.yaml") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(TwoPods)) };
            tar.WriteEntry(entry);
        }

        var result = CliRun.Run("list", "-f", archive);

        Assert.Equal(0, result.Code);
        Assert.Contains("default/a[Pod] => default/b[Pod] : All Connections", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ASymbolicLinkLoop_IsReported_AndTheRestLoads()
    {
        Write("cluster/pods.yaml", TwoPods);
        File.CreateSymbolicLink(Path.Combine(_dir.FullName, "cluster", "loop-a.yaml"), "loop-b.yaml");
        File.CreateSymbolicLink(Path.Combine(_dir.FullName, "cluster", "loop-b.yaml"), "loop-a.yaml");
        Directory.CreateSymbolicLink(Path.Combine(_dir.FullName, "cluster", "again"), Path.Combine(_dir.FullName, "cluster"));

        var result = CliRun.Run("list", "-f", Path.Combine(_dir.FullName, "cluster"));

        Assert.Equal(0, result.Code);
        Assert.Contains("loop-a.yaml: error: this symbolic link leads to itself (a link loop); it was not followed.", result.Error, StringComparison.Ordinal);
        Assert.Contains("again: error: this folder was read already", result.Error, StringComparison.Ordinal);
        Assert.Contains("default/a[Pod] => default/b[Pod] : All Connections", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ADanglingManifestLink_IsReported()
    {
        Write("cluster/pods.yaml", TwoPods);
        File.CreateSymbolicLink(Path.Combine(_dir.FullName, "cluster", "gone.yaml"), Path.Combine(_dir.FullName, "deleted.yaml"));
        File.CreateSymbolicLink(Path.Combine(_dir.FullName, "cluster", "notes.txt"), Path.Combine(_dir.FullName, "deleted.txt"));

        var result = CliRun.Run("list", "-f", Path.Combine(_dir.FullName, "cluster"));

        Assert.Equal(0, result.Code);
        Assert.Contains($"gone.yaml: error: this symbolic link points to {Path.Combine(_dir.FullName, "deleted.yaml")}, which does not exist (a dangling link)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("notes.txt", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFifo_IsReported_AndNeverOpened()
    {
        Write("cluster/pods.yaml", TwoPods);
        var fifo = Path.Combine(_dir.FullName, "cluster", "pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        // Opening a FIFO with no writer blocks forever: the run must end well within the wait.
        var run = Task.Run(() => CliRun.Run("list", "-f", Path.Combine(_dir.FullName, "cluster")));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        var named = await Task.Run(() => CliRun.Run("list", "-f", fifo)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("pipe.yaml: error: this is a FIFO (named pipe), not a regular file; it was not opened.", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, result.Code);
        Assert.Equal(1, named.Code);
        Assert.Contains("nothing could be analysed", named.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenEveryObjectFails_NothingIsAnalysed_AndTheExitCodeIsOne()
    {
        var bad = Write("bad.yaml", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 70000}]}]\n---\nkind: [broken\n");

        var result = CliRun.Run("list", "-f", bad);

        Assert.Equal(1, result.Code);
        Assert.Contains("bad.yaml:6:", result.Error, StringComparison.Ordinal);
        Assert.Contains($"policyeditor: nothing could be analysed in '{bad}'", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void AFileOverTheLimit_IsReported_AndTheFlagRaisesIt()
    {
        var big = Write("big.yaml", TwoPods + "# " + new string('x', 2 * 1024 * 1024) + "\n");

        var refused = CliRun.Run("list", "-f", big, "--max-file-mb", "1");
        var raised = CliRun.Run("list", "-f", big, "--max-file-mb", "3");

        Assert.Equal(1, refused.Code);
        Assert.Contains("more than the limit of 1.0 MB; it was not loaded (raise it with --max-file-mb)", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, raised.Code);
    }

    [Fact]
    public void TooManyDocuments_AreRefused_UnderALoweredLimit()
    {
        var pods = Write("pods.yaml", TwoPods);

        var result = CliRun.Run("list", "-f", pods, "--max-documents", "1");

        Assert.Equal(1, result.Code);
        Assert.Contains("more than 1 documents", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void KindsThatAreNotModelled_AreListedOnStandardError()
    {
        var file = Write("mixed.yaml", TwoPods + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");

        var result = CliRun.Run("list", "-f", file);

        Assert.Equal(0, result.Code);
        Assert.Contains("note: kinds that do not affect network policy were skipped: ConfigMap (1), Widget (1).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileGivenWithoutItsOption_IsAUsageError_ThatSaysHowToReadIt()
    {
        var result = CliRun.Run("list", CliRun.Shop);

        Assert.Equal(2, result.Code);
        Assert.Contains($"to read it, write -f {CliRun.Shop}.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("list", "-f", "-", "-f", "-")]
    [InlineData("list", "-f", ".", "--namespace", "shop")]
    [InlineData("list", "-f", ".", "--max-file-mb", "0")]
    [InlineData("list", "-f", ".", "--output", "pdf")]
    [InlineData("list", "-f", ".", "-o", "json", "-o", "csv")]
    public void WrongInputOptions_AreUsageErrors(params string[] args) => Assert.Equal(2, CliRun.Run(args).Code);
}
