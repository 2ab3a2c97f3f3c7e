using System.Text.Json;
using Xunit.Abstractions;

namespace PolicyEditor.Engine.Tests.Conformance;

/// <summary>
/// Runs the independent conformance corpus (kept beside the repository in ../shared/conformance, never
/// copied into it) through the CLI, in process, and compares each report with the expected one.
/// </summary>
public class ConformanceTests(ITestOutputHelper output)
{
    private static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "netpol-analyzer");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [Fact]
    public void EveryCountedCaseOfTheCorpus_Passes()
    {
        var corpus = FindCorpus();
        if (corpus is null)
        {
            output.WriteLine("The conformance corpus (../shared/conformance/netpol-analyzer beside the repository) is absent: nothing to check.");
            return;
        }

        var failures = new List<string>();
        var counted = 0;
        var passed = 0;
        foreach (var mode in new[] { "connlist", "diff" })
        {
            foreach (var dir in Directory.EnumerateDirectories(Path.Combine(corpus, mode)).Order(StringComparer.Ordinal))
            {
                using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
                var classes = meta.RootElement.TryGetProperty("classes", out var c) && c.GetArrayLength() > 0 ? c.EnumerateArray().Select(x => x.GetString()).ToList() : ["core"];
                if (classes.Contains("multi-network"))
                {
                    continue;
                }

                counted++;
                string[] args = mode == "connlist" ? ["list", "--dirpath", Path.Combine(dir, "input")] : ["diff", "--dir1", Path.Combine(dir, "before"), "--dir2", Path.Combine(dir, "after")];
                using var stdout = new StringWriter();
                using var stderr = new StringWriter();
                var code = Cli.Cli.Run(args, stdout, stderr);
                var expected = File.ReadAllText(Path.Combine(dir, "expected.txt"));
                var problems = code != 0 ? [$"exit {code}: {stderr}"]
                    : mode == "connlist" ? ReportComparer.CompareLists(expected, stdout.ToString()) : ReportComparer.CompareDiffs(expected, stdout.ToString());
                if (problems.Count == 0)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"{mode}/{Path.GetFileName(dir)}: {problems.Count} differences, first: {problems[0]}");
                }
            }
        }

        output.WriteLine($"conformance: {passed}/{counted} passed");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(counted > 0, "the corpus holds no counted case");
    }
}
