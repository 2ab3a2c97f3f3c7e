using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Components.Import;

/// <summary>
/// The import dialog; its result is an <see cref="ImportDecision"/> (the caller applies it). Reading runs off
/// the circuit and stops when the dialog closes, the circuit ends, or a newer read replaces it.
/// </summary>
public sealed partial class ImportDialog : IDisposable
{
    private Target _target = Target.Merge;
    private int _source;
    private string? _pasted;
    private bool _reading;
    private bool _dragging;
    private string _what = string.Empty;
    private IReadOnlyList<UploadedFile> _files = [];
    private UploadResult? _clusterRead;
    private IReadOnlyList<string> _notes = [];
    private string? _progress;
    private ImportPreview? _preview;
    private bool _warningsAccepted;
    private CancellationTokenSource? _readingCancel;

    private enum Target
    {
        Merge,
        Replace,
        New,
    }

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The workspace imported into, or null when the import can only make a new one.</summary>
    [Parameter]
    public WorkspaceState? Into { get; set; }

    /// <summary>Files handed over already (dropped on the page), read when the dialog opens.</summary>
    [Parameter]
    public IReadOnlyList<UploadedFile>? Initial { get; set; }

    /// <summary>Why some of <see cref="Initial"/> could not be read (too large), shown as the refusal.</summary>
    [Parameter]
    public string? InitialRefusal { get; set; }

    /// <summary>Opens on the Paste tab (the empty workspace's "Paste YAML").</summary>
    [Parameter]
    public bool StartWithPaste { get; set; }

    private LoadOptions Limits => Imports.Limits;

    /// <summary>Whether the preview may be applied: something to import, not reading, and any warnings accepted by the user.</summary>
    private bool CanApply => _preview is { CanApply: true } preview && !_reading && (preview.Warnings.Count == 0 || _warningsAccepted);

    private string ApplyText => _target == Target.New || Into is null ? "Create workspace" : "Apply to draft";

    /// <summary>Shows the dialog; the decision, or null when cancelled.</summary>
    public static async Task<ImportDecision?> ShowAsync(IDialogService dialogs, WorkspaceState? into, IReadOnlyList<UploadedFile>? files = null, string? refusal = null, bool paste = false)
    {
        var parameters = new DialogParameters<ImportDialog> { { x => x.Into, into }, { x => x.Initial, files }, { x => x.InitialRefusal, refusal }, { x => x.StartWithPaste, paste } };
        var dialog = await dialogs.ShowAsync<ImportDialog>("Import", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ImportDecision decision } ? decision : null;
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        if (Into is null)
        {
            _target = Target.New;
        }

        if (StartWithPaste)
        {
            _source = 1;
        }

        if (InitialRefusal is not null)
        {
            _what = "the dropped files";
            _preview = Refusal(InitialRefusal);
        }
        else if (Initial is { Count: > 0 })
        {
            await ReadAsync(Initial, Describe(Initial));
        }
    }

    /// <summary>
    /// Reads uploaded browser files within the limits; files over them (one too large, too many, too much in
    /// all) refuse the import before any byte of them is read.
    /// </summary>
    public static async Task<(IReadOnlyList<UploadedFile> Files, string? Refusal)> ReadBrowserFilesAsync(IReadOnlyList<IBrowserFile> files, LoadOptions limits)
    {
        if (LoadBudget.RefusalBeforeReading(limits, files.Select(f => (f.Name, f.Size))) is { } refusal)
        {
            return ([], $"{refusal} Nothing was imported.");
        }

        var read = new List<UploadedFile>(files.Count);
        foreach (var file in files)
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(limits.MaxFileBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            read.Add(new UploadedFile(file.Name, buffer.ToArray()));
        }

        return (read, null);
    }

    private async Task FilesChosen(InputFileChangeEventArgs e)
    {
        _dragging = false;
        var chosen = e.GetMultipleFiles(500);
        _what = Describe(chosen.Select(f => f.Name).ToList());
        _reading = true;
        StateHasChanged();
        var (files, refusal) = await ReadBrowserFilesAsync(chosen, Limits);
        if (refusal is not null)
        {
            _reading = false;
            _preview = Refusal(refusal);
            return;
        }

        await ReadAsync(files, _what);
    }

    private Task ReadPasted() => ReadAsync([new UploadedFile("pasted text", System.Text.Encoding.UTF8.GetBytes(_pasted ?? string.Empty))], "the pasted text");

    private async Task ReadAsync(IReadOnlyList<UploadedFile> files, string what)
    {
        _files = files;
        _clusterRead = null;
        _notes = [];
        _what = what;
        _reading = true;
        _readingCancel?.Cancel();
        _readingCancel?.Dispose();
        var cancel = _readingCancel = new CancellationTokenSource();
        StateHasChanged();
        try
        {
            _warningsAccepted = false;
            _preview = await Imports.PreviewAsync(files, Workspace(), Mode(), cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // A newer read replaced this one, or the dialog is gone.
        }
        finally
        {
            if (ReferenceEquals(cancel, _readingCancel))
            {
                _reading = false;
            }
        }
    }

    /// <summary>Reads the configured cluster with its progress shown, then previews it like any import.</summary>
    private async Task ReadClusterAsync()
    {
        _what = "the cluster";
        _progress = null;
        _reading = true;
        _readingCancel?.Cancel();
        _readingCancel?.Dispose();
        var cancel = _readingCancel = new CancellationTokenSource();
        StateHasChanged();
        try
        {
            var progress = new Progress<LiveCluster.ReadProgress>(p => _ = InvokeAsync(() =>
            {
                _progress = p.ToString();
                StateHasChanged();
            }));
            var read = await Cluster.ReadAsync(progress, cancel.Token);
            _files = [];
            _clusterRead = read.Read;
            _notes = read.Notes;
            _what = read.Description;
            _warningsAccepted = false;
            _preview = await Imports.PreviewAsync(read.Read, Workspace(), Mode(), cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The dialog is gone, or another read replaced this one.
        }
        finally
        {
            _reading = false;
            _progress = null;
        }
    }

    /// <summary>Stops a read still going on: the dialog closed or the circuit ended.</summary>
    public void Dispose()
    {
        _readingCancel?.Cancel();
        _readingCancel?.Dispose();
        _readingCancel = null;
    }

    private async Task TargetChanged(Target target)
    {
        _target = target;
        if (_clusterRead is not null)
        {
            _preview = await Imports.PreviewAsync(_clusterRead, Workspace(), Mode());
        }
        else if (_files.Count > 0)
        {
            await ReadAsync(_files, _what);
        }
    }

    /// <summary>The workspace the preview is against: none for a new workspace.</summary>
    private WorkspaceState? Workspace() => _target == Target.New ? null : Into;

    private ImportMode Mode() => _target == Target.Replace ? ImportMode.Replace : ImportMode.Merge;

    private void Apply()
    {
        if (CanApply && _preview is { } preview)
        {
            Dialog.Close(DialogResult.Ok(new ImportDecision(preview, _target == Target.New || Into is null, _what)));
        }
    }

    private ImportPreview Refusal(string message) =>
        new(new UploadResult(ManifestLoader.LoadText(string.Empty), message, 0, []), null, null, ImportMode.Merge);

    private static string Describe(IReadOnlyList<UploadedFile> files) => Describe(files.Select(f => f.Name).ToList());

    private static string Describe(IReadOnlyList<string> names) => names.Count == 1 ? names[0] : $"{names.Count} files";
}

/// <summary>What the user chose in the import dialog: the preview to apply, and whether as a new workspace.</summary>
public sealed record ImportDecision(ImportPreview Preview, bool AsNewWorkspace, string What);
