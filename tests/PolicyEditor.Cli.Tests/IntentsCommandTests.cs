using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Tests;

/// <summary><c>policyeditor intents</c> and <c>exposure</c> on the bundled boutique sample (intents beside one policy and a LoadBalancer).</summary>
public sealed class IntentsCommandTests
{
    private static readonly string Boutique = Path.Combine(Path.GetDirectoryName(CliRun.Shop)!, "boutique");

    [Fact]
    public void Intents_PrintsEachDeclaredCallsClass_AndFailsWhenOneIsBlocked()
    {
        var result = CliRun.Run("intents", "--dirpath", Boutique);

        Assert.Equal(1, result.Code);
        Assert.Contains("BLOCKED boutique/frontend[Deployment] -> boutique/cart[Deployment]: intended but blocked (TCP 7070) via Service cart", result.Output, StringComparison.Ordinal);
        Assert.Contains("ok      boutique/checkout[Deployment] -> 203.0.113.10/32: intended and allowed (TCP 443)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Allowed but never intended:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void IntentsGenerate_WritesPoliciesThatMakeEveryIntentTrue_WithTheInputAsTheClusterAfter()
    {
        var output = Directory.CreateTempSubdirectory("intents-generate").FullName;

        var result = CliRun.Run("intents", "generate", "--dirpath", Boutique, "--out", output);
        var after = CliRun.Run("intents", "--dirpath", Boutique, "-f", output);

        Assert.Equal(0, result.Code);
        Assert.Contains("external-access-to-frontend-external", File.ReadAllText(Path.Combine(output, "boutique-intents-policies.yaml")), StringComparison.Ordinal);
        Assert.Equal(0, after.Code);
        Assert.DoesNotContain("BLOCKED", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void IntentsExport_WritesClientIntentsThatDeclareWhatThePoliciesAllow()
    {
        var output = Directory.CreateTempSubdirectory("intents-export").FullName;

        var result = CliRun.Run("intents", "export", "-f", CliRun.Shop, "--out", output);
        var loaded = ManifestLoader.LoadDirectory(output);

        Assert.Equal(0, result.Code);
        Assert.NotEmpty(loaded.Cluster.Intents);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == Engine.Evaluation.DiagnosticSeverity.Error);
    }

    [Fact]
    public void Exposure_ListsTheLoadBalancerAndWhatItReaches()
    {
        var result = CliRun.Run("exposure", "--dirpath", Boutique);

        Assert.Equal(0, result.Code);
        Assert.Contains("LoadBalancer boutique/frontend-external (from any address", result.Output, StringComparison.Ordinal);
        Assert.Contains("  boutique/frontend[Deployment] on TCP 8080: let in", result.Output, StringComparison.Ordinal);
    }
}
