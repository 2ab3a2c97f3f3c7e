using Microsoft.Extensions.Options;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// Loads the bundled sample (the <c>samples/shop</c> manifests copied beside the app) once, and hands
/// the same immutable result to every circuit.
/// </summary>
public sealed class SampleClusterProvider
{
    private readonly Lazy<LoadedCluster> _sample;

    /// <summary>Creates the provider; nothing is read until <see cref="GetSample"/> is first called.</summary>
    public SampleClusterProvider(IOptions<WorkspaceOptions> options, ILogger<SampleClusterProvider> logger)
    {
        var settings = options.Value;
        var directory = Path.GetFullPath(settings.SampleDirectory, AppContext.BaseDirectory);
        var source = settings.SampleDirectory.Replace('\\', '/');
        _sample = new Lazy<LoadedCluster>(() => Load(settings.SampleName, source, directory, logger));
    }

    /// <summary>The bundled sample; problems with it are in its diagnostics, never thrown.</summary>
    public LoadedCluster GetSample() => _sample.Value;

    private static LoadedCluster Load(string name, string source, string directory, ILogger logger)
    {
        var result = ManifestLoader.LoadDirectory(directory);
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
        {
            logger.LogWarning("Sample {Sample}: {Diagnostic}", name, diagnostic);
        }

        logger.LogInformation(
            "Loaded sample {Sample} from {Directory}: {Namespaces} namespaces, {Workloads} workloads, {Policies} network policies",
            name, directory, result.Cluster.Namespaces.Count, result.Cluster.Workloads.Count, result.Cluster.NetworkPolicies.Count);
        return new LoadedCluster(name, source, directory, result);
    }
}
