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
public sealed class ImportService(WorkspaceService workspaces, WorkspaceAnalyzer analyzer, IOptions<ImportOptions> options)
{
    /// <summary>The limits imports are read with.</summary>
    public LoadOptions Limits => options.Value.ToLoadOptions();

    /// <summary>Reads uploads; <paramref name="into"/> is the workspace to preview against, or null for a new one.</summary>
    public Task<ImportPreview> PreviewAsync(IReadOnlyList<UploadedFile> files, WorkspaceState? into, ImportMode mode, CancellationToken cancellationToken = default) =>
        Task.Run(async () =>
        {
            var upload = Uploads.Load(files, Limits);
            if (upload.Refused)
            {
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
        workspaces.ExecuteAsync(workspace, new ReplaceDraft(preview.Result ?? throw new InvalidOperationException("Nothing to import."), $"Imported {what}"), actor, cancellationToken);

    /// <summary>Makes a new workspace of a preview, named after what was imported (<paramref name="what"/>, e.g. a file name).</summary>
    public Task<WorkspaceState> CreateAsync(ImportPreview preview, Actor actor, string what, CancellationToken cancellationToken = default) =>
        workspaces.CreateAsync(what.Length > 60 ? "Imported workspace" : $"Imported {what}", preview.Result ?? throw new InvalidOperationException("Nothing to import."), actor, $"Imported {what}", cancellationToken);
}

/// <summary>Import limits (configuration section <c>Import</c>).</summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Import";

    /// <summary>Largest file, in megabytes (default 20).</summary>
    public double MaxFileMegabytes { get; set; } = 20;

    /// <summary>Most an archive may expand to, in megabytes (default 100).</summary>
    public double MaxArchiveMegabytes { get; set; } = 100;

    /// <summary>Most documents in one import (default 20,000).</summary>
    public int MaxDocuments { get; set; } = 20_000;

    /// <summary>The loader's limits.</summary>
    public LoadOptions ToLoadOptions() => new()
    {
        MaxFileBytes = (long)(MaxFileMegabytes * 1024 * 1024),
        MaxArchiveBytes = (long)(MaxArchiveMegabytes * 1024 * 1024),
        MaxDocuments = MaxDocuments,
    };
}
