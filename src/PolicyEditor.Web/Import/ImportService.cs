using Microsoft.Extensions.Options;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Import;

/// <summary>
/// Reads what a user imports (files, archives, pasted text) off the request thread, previews it against a
/// workspace with the engine's change impact, and applies it as one undoable edit or as a new workspace.
/// </summary>
public sealed class ImportService(WorkspaceService workspaces, WorkspaceAnalyzer analyzer, IOptions<ImportOptions> options, ILogger<ImportService>? logger = null)
{
    /// <summary>The limits imports are read with.</summary>
    public LoadOptions Limits => options.Value.ToLoadOptions();

    /// <summary>
    /// Reads uploads off the caller's thread, within one request's budget; <paramref name="into"/> is the
    /// workspace to preview against, or null for a new one. Cancelling stops the reading (the dialog closed).
    /// </summary>
    public Task<ImportPreview> PreviewAsync(IReadOnlyList<UploadedFile> files, WorkspaceState? into, ImportMode mode, CancellationToken cancellationToken = default) =>
        PreviewAsync(() => Uploads.Load(files, new LoadBudget(Limits, cancellationToken)), into, mode, cancellationToken, files.Count, files.Sum(f => f.Content.LongLength));

    /// <summary>Previews what was read already (a live cluster) against <paramref name="into"/>, or for a new workspace when null.</summary>
    public Task<ImportPreview> PreviewAsync(UploadResult read, WorkspaceState? into, ImportMode mode, CancellationToken cancellationToken = default) =>
        PreviewAsync(() => read, into, mode, cancellationToken, 0, 0);

    private Task<ImportPreview> PreviewAsync(Func<UploadResult> read, WorkspaceState? into, ImportMode mode, CancellationToken cancellationToken, int fileCount, long byteCount) =>
        Task.Run(async () =>
        {
            var upload = read();
            if (upload.Refused)
            {
                // Which limit an import hit, for the operator deciding whether to raise it (never the content).
                logger?.LogInformation("An import of {Files} file(s), {Bytes} bytes, was refused: {Refusal}", fileCount, byteCount, upload.Refusal);
                return new ImportPreview(upload, null, null, mode);
            }

            if (into is null)
            {
                return new ImportPreview(upload, upload.Result.Cluster, null, mode);
            }

            var analysis = await analyzer.AnalyzeAsync(into);
            var result = ClusterMerge.Combine(into.Draft, upload.Result, mode);
            cancellationToken.ThrowIfCancellationRequested();
            return new ImportPreview(upload, result, ChangeImpact.Compute(analysis.Draft, result).Changes, mode);
        }, cancellationToken);

    /// <summary>Applies a preview to the workspace as one edit (undoable, and saved at once).</summary>
    public Task<CommandResult> ApplyAsync(Guid workspace, ImportPreview preview, Actor actor, string what, CancellationToken cancellationToken = default) =>
        workspaces.ExecuteAsync(workspace, new ReplaceDraft(preview.Result ?? throw new InvalidOperationException("Nothing to import."), preview.Description(what)), actor, cancellationToken);

    /// <summary>Makes a new workspace of a preview, named after what was imported (<paramref name="what"/>, e.g. a file name).</summary>
    public Task<WorkspaceState> CreateAsync(ImportPreview preview, Actor actor, string what, CancellationToken cancellationToken = default) =>
        workspaces.CreateAsync(what.Length > 60 ? "Imported workspace" : $"Imported {what}", preview.Result ?? throw new InvalidOperationException("Nothing to import."), actor, preview.Description(what), cancellationToken);
}
