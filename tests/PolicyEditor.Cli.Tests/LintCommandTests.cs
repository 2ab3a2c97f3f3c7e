using System.Text.Json;
using NJsonSchema;

namespace PolicyEditor.Cli.Tests;

/// <summary><c>policyeditor lint</c>: every problem the app shows, as text, JSON or SARIF; exit code 3 on errors, or on warnings with --fail-on warning.</summary>
public sealed class LintCommandTests : IDisposable
{
    private const string SplitPeer = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: split, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
            - from:
                - namespaceSelector: {matchLabels: {team: web}}
                - podSelector: {matchLabels: {app: api}}
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-lint-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Cluster(string policies) =>
        Write("cluster.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop, labels: {app: db}}\n---\n" + policies);

    [Fact]
    public void Warnings_AreListedWithFileAndLine_AndPassByDefault()
    {
        var file = Cluster(SplitPeer);

        var result = CliRun.Run("lint", "-f", file);

        Assert.Equal(0, result.Code);
        Assert.Contains($"{file}:5:1: warning split-peer: NetworkPolicy/shop/split: ingress rule 1 of NetworkPolicy shop/split", result.Output, StringComparison.Ordinal);
        Assert.Contains("0 error(s), 1 warning(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FailOnWarning_MakesAWarningFailThePipeline()
    {
        var result = CliRun.Run("lint", "-f", Cluster(SplitPeer), "--fail-on", "warning");

        Assert.Equal(3, result.Code);
    }

    [Fact]
    public void AnInvalidPolicy_IsAnError_AndFails()
    {
        var file = Cluster("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 70000}]}]\n");

        var result = CliRun.Run("lint", "-f", file);

        Assert.Equal(3, result.Code);
        Assert.Contains($"{file}:10:", result.Output, StringComparison.Ordinal);
        Assert.Contains("error manifest-error", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSample_HasNoProblems()
    {
        var result = CliRun.Run("lint", "-f", CliRun.Shop);

        Assert.Equal(0, result.Code);
        Assert.Equal("No problems found.\n", result.Output);
    }

    [Fact]
    public async Task Sarif_IsValidAgainstTheSarifSchema_AndLocatesEachProblem()
    {
        var file = Cluster(SplitPeer + "\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 70000}]}]\n");

        var result = CliRun.Run("lint", "-f", file, "-o", "sarif");
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0-rtm.5.json"));
        var errors = schema.Validate(result.Output);

        Assert.Equal(3, result.Code);
        Assert.Empty(errors.Select(e => e.ToString()));
        var run = JsonDocument.Parse(result.Output).RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "split-peer" && r.GetProperty("level").GetString() == "warning");
        var error = results.Single(r => r.GetProperty("message").GetProperty("text").GetString()!.Contains("port 70000", StringComparison.Ordinal));
        var location = error.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("error", error.GetProperty("level").GetString());
        Assert.Equal(new Uri(file).AbsoluteUri, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var line = File.ReadAllLines(file).ToList().FindIndex(l => l.Contains("70000", StringComparison.Ordinal)) + 1;
        Assert.Equal(line, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(rules.IndexOf("split-peer"), results.First(r => r.GetProperty("ruleId").GetString() == "split-peer").GetProperty("ruleIndex").GetInt32());
    }
}
