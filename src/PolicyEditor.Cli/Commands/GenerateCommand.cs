using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Cli.Commands;

/// <summary><c>policyeditor generate</c>: writes a synthetic cluster of a profile as manifests, one file per namespace.</summary>
internal static class GenerateCommand
{
    public static readonly CommandSpec Spec = new("generate", "generate --profile S0|MED|OCP|REAL|REAL-ADMIN|REAL-CILIUM|XL --out DIR [--seed N]", "write a synthetic cluster as manifests",
        [Option.Value("profile", "NAME", "the generator profile"), Option.Value("out", "DIR", "where to write the manifests"), Option.Value("seed", "N", "the random seed (default 1)")], Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var output = context.Output;
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

        output.WriteLine($"{profile.Name}: {cluster.Namespaces.Count} namespaces, {cluster.Workloads.Count} pods, {cluster.NetworkPolicies.Count} NetworkPolicies, {cluster.Policies.Count() - cluster.NetworkPolicies.Count} admin policies written to {outDir} ({files.Count} files, seed {seed}).");
        return ExitCodes.Success;
    }

    public static GeneratorProfile Profile(string name) =>
        GeneratorProfile.Find(name) ?? throw new UsageException($"unknown profile '{name}'; use one of {string.Join(", ", GeneratorProfile.All.Select(p => p.Name))}.");
}
