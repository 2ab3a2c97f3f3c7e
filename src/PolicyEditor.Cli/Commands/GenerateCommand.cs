using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Cli.Commands;

/// <summary><c>policyeditor generate</c>: writes a synthetic cluster of a profile as manifests, one file per namespace.</summary>
internal static class GenerateCommand
{
    public static int Run(CommandLine line, TextWriter output, TextWriter error)
    {
        line.Allow("profile", "out", "seed");
        var profile = Profile(line.Required("profile"));
        var outDir = line.Required("out");
        var seed = line.OptionalInt("seed", 1);
        var cluster = ClusterGenerator.Generate(profile, seed);
        Directory.CreateDirectory(outDir);
        var files = ManifestWriter.WriteByNamespace(cluster);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(outDir, name), text);
        }

        output.WriteLine($"{profile.Name}: {cluster.Namespaces.Count} namespaces, {cluster.Workloads.Count} pods, {cluster.NetworkPolicies.Count} policies written to {outDir} ({files.Count} files, seed {seed}).");
        return 0;
    }

    public static GeneratorProfile Profile(string name) =>
        GeneratorProfile.Find(name) ?? throw new UsageException($"unknown profile '{name}'; use one of {string.Join(", ", GeneratorProfile.All.Select(p => p.Name))}.");
}
