using Xunit.Abstractions;

namespace PolicyEditor.Engine.Tests.Conformance;

/// <summary>
/// Runs the Cilium conformance corpus (../shared/conformance/cilium beside the repository, never copied
/// into it) through the CLI, in process: every case is counted and must pass.
/// </summary>
public class CiliumConformanceTests(ITestOutputHelper output)
{
    private static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "cilium");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The corpus reads connections over SCTP, TCP and UDP, where "All Connections" is all three on every port.</summary>
    private static string ThreeProtocols(string report) => report.Replace("All Connections", "SCTP 1-65535,TCP 1-65535,UDP 1-65535", StringComparison.Ordinal);

    [Fact]
    public void EveryCaseOfTheCiliumCorpus_Passes()
    {
        var corpus = FindCorpus();
        if (corpus is null)
        {
            output.WriteLine("The Cilium conformance corpus (../shared/conformance/cilium beside the repository) is absent: nothing to check.");
            return;
        }

        var failures = new List<string>();
        var counted = 0;
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(corpus, "connlist")).Order(StringComparer.Ordinal))
        {
            counted++;
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = Cli.Cli.Run(["list", "--dirpath", Path.Combine(dir, "input")], stdout, stderr);
            var problems = code != 0 ? [$"exit {code}: {stderr}"] : ReportComparer.CompareLists(ThreeProtocols(File.ReadAllText(Path.Combine(dir, "expected.txt"))), ThreeProtocols(stdout.ToString()));
            if (problems.Count > 0)
            {
                failures.Add($"{Path.GetFileName(dir)}: {problems.Count} differences, first: {problems[0]}");
            }
        }

        output.WriteLine($"cilium conformance: {counted - failures.Count}/{counted} passed");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(counted > 0, "the corpus holds no case");
    }
}
