using System.Text.Json;

namespace PolicyEditor.Cli.Tests;

/// <summary><c>policyeditor posture</c>: the score and its reasons, for the cluster and per namespace; --min-score fails a pipeline below it.</summary>
public sealed class PostureCommandTests
{
    [Fact]
    public void TheScoreAndItsReasons_AreGivenForTheClusterAndEachNamespace()
    {
        var result = CliRun.Run("posture", "-f", CliRun.Shop);

        Assert.Equal(0, result.Code);
        Assert.Contains("Posture score: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("kube-system: 0/100, 1 workload(s), 0 isolated for ingress, 0 for egress, default deny: none", result.Output, StringComparison.Ordinal);
        Assert.Contains("  -25 1 of 1 workloads are not isolated for ingress", result.Output, StringComparison.Ordinal);
        Assert.Contains("\npayments: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HoldsEachNamespacesScore()
    {
        var json = JsonDocument.Parse(CliRun.Run("posture", "-f", CliRun.Shop, "-o", "json").Output).RootElement;
        var namespaces = json.GetProperty("namespaces").EnumerateArray().ToDictionary(n => n.GetProperty("namespace").GetString()!, n => n.GetProperty("score").GetInt32());

        Assert.Equal(["kube-system", "monitoring", "payments", "shop"], namespaces.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, namespaces["kube-system"]);
        Assert.True(namespaces["payments"] > namespaces["kube-system"]);
    }

    [Fact]
    public void AScoreBelowTheMinimum_FailsThePipeline()
    {
        Assert.Equal(3, CliRun.Run("posture", "-f", CliRun.Shop, "--min-score", "95").Code);
        Assert.Equal(0, CliRun.Run("posture", "-f", CliRun.Shop, "--min-score", "10").Code);
    }
}
