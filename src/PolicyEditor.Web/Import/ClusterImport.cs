using Microsoft.Extensions.Options;
using PolicyEditor.LiveCluster;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Web.Import;

/// <summary>What reading the configured cluster gave: what was read (or why nothing was), notes about kinds it lacks, and the cluster in words.</summary>
public sealed record ClusterImportResult(UploadResult Read, IReadOnlyList<string> Notes, string Description);

/// <summary>
/// "Import from a cluster": reads the cluster of the kubeconfig the operator configured
/// (<c>Import:Kubeconfig</c>), read-only, for the import dialog, which previews it like any import (summary
/// and change impact) before anything is applied. Only the cluster's description (context and server) is
/// logged, never a credential.
/// </summary>
public sealed class ClusterImport(IOptions<ImportOptions> options, ILogger<ClusterImport> logger)
{
    /// <summary>Whether the operator configured a cluster to import from.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Kubeconfig);

    /// <summary>Reads the cluster, reporting each page read to <paramref name="progress"/>; a cluster that cannot be read gives a refusal that says why.</summary>
    public async Task<ClusterImportResult> ReadAsync(IProgress<ReadProgress>? progress, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!IsConfigured)
        {
            throw new InvalidOperationException("No cluster is configured to import from (Import:Kubeconfig).");
        }

        var source = new ClusterSource(settings.Kubeconfig, settings.Context, settings.Namespace, TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
        try
        {
            var read = await Task.Run(() => ClusterReader.ReadAsync(source, settings.ToLoadOptions(), progress, cancellationToken), cancellationToken);
            logger.LogInformation("Read {Objects} objects from the {Cluster} for an import.", read.Result.LoadedKinds.Values.Sum(), read.Description);
            return new ClusterImportResult(new UploadResult(read.Result, null, 0, []), read.Notes, read.Description);
        }
        catch (ClusterReadException e)
        {
            logger.LogWarning("Reading the configured cluster for an import failed: {Reason}", e.Message);
            return new ClusterImportResult(new UploadResult(ManifestLoader.LoadText(string.Empty), $"{char.ToUpperInvariant(e.Message[0])}{e.Message[1..]} Nothing was imported.", 0, []), [], "the cluster");
        }
    }
}
