using PolicyEditor.Cli.Commands;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Shortfall_OfAClusterLoadedWhole_IsNone()
    {
        var generated = ClusterGenerator.Generate(GeneratorProfile.Med with { AdminPolicies = 16 });

        var loaded = ManifestLoader.Load(ManifestWriter.WriteByNamespace(generated).Select(f => new ManifestSource(f.Key, f.Value)), LoadOptions.CommandLine);

        Assert.Null(BenchCommand.Shortfall(generated, loaded));
    }

    [Fact]
    public void Shortfall_OfAClusterCutShortByALimit_NamesWhatIsMissing()
    {
        var generated = ClusterGenerator.Generate(GeneratorProfile.Med with { AdminPolicies = 16 });
        var files = ManifestWriter.WriteByNamespace(generated).Select(f => new ManifestSource(f.Key, f.Value)).ToList();

        var loaded = ManifestLoader.Load(files.Take(10), LoadOptions.CommandLine);
        var refused = ManifestLoader.Load(files, LoadOptions.CommandLine with { MaxDocuments = 100 });

        Assert.Contains($"of {generated.Workloads.Count:N0} pods", BenchCommand.Shortfall(generated, loaded), StringComparison.Ordinal);
        Assert.Contains("100", BenchCommand.Shortfall(generated, refused), StringComparison.Ordinal);
    }
}
