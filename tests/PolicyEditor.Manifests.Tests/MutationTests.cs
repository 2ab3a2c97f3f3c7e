using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Tests;

public class MutationTests
{
    private static readonly string[] Inserts = ["[", "]", "{", "}", ":", "- ", "\"", "'", "&a ", "*a", "\n", "  ", "#", "|", ">", "!!", "%", "@", "`", "\t", ",", "---\n"];

    [Fact]
    public void RandomlyDamagedManifests_NeverThrow_AndReportErrorsWithALine()
    {
        var original = string.Join("---\n", Directory.EnumerateFiles(SampleDirectory(), "*.yaml", SearchOption.AllDirectories).Order().Select(File.ReadAllText));
        var random = new Random(1234);
        for (var i = 0; i < 400; i++)
        {
            var text = original;
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                var at = random.Next(text.Length);
                text = random.Next(3) == 0
                    ? text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at))
                    : text.Insert(at, Inserts[random.Next(Inserts.Length)]);
            }

            var result = ManifestLoader.LoadText(text, "damaged.yaml");

            Assert.All(result.Diagnostics.Where(d => d.Message.Contains("not valid YAML", StringComparison.Ordinal)), d => Assert.True(d.Line > 0, d.ToString()));
        }
    }

    [Fact]
    public void UnclosedFlowSequence_IsAnErrorAtItsLine()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: [broken\n", "p.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 5, 6);
    }

    private static string SampleDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "shop");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "PolicyEditor.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/shop not found above the test assembly");
    }
}
