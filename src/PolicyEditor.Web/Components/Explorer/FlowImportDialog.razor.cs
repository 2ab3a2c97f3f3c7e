using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using PolicyEditor.Manifests.Flows;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Traffic;

namespace PolicyEditor.Web.Components.Explorer;

/// <summary>The dialog that imports a flow file into the workspace shown, with progress and cancel.</summary>
public sealed partial class FlowImportDialog
{
    private CancellationTokenSource? _cancel;
    private bool _reading;
    private string _name = string.Empty;
    private long _bytes;
    private long _total;
    private double _percent;
    private string? _error;
    private FlowImportResult? _result;

    [Inject]
    private ExplorerSession Session { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>Opens the dialog; returns what was imported, or null when nothing was.</summary>
    public static async Task<FlowImportResult?> ShowAsync(IDialogService dialogs)
    {
        var dialog = await dialogs.ShowAsync<FlowImportDialog>("Import observed traffic", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: FlowImportResult imported } ? imported : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
    }

    private async Task ChosenAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        (_name, _total, _bytes, _percent, _error, _reading) = (file.Name, file.Size, 0, 0, null, true);
        _cancel = new CancellationTokenSource();
        StateHasChanged();
        var progress = new Progress<FlowReadProgress>(p =>
        {
            var percent = _total == 0 ? 100 : Math.Floor(100.0 * p.Bytes / _total);
            _bytes = p.Bytes;
            if (percent != _percent)
            {
                _percent = percent;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            await using var stream = file.OpenReadStream(FlowReadOptions.Default.MaxBytes, _cancel.Token);
            _result = await Session.ImportFlowsAsync(stream, file.Name, progress, _cancel.Token);
        }
        catch (FlowReadException refused)
        {
            _error = refused.Message;
        }
        catch (OperationCanceledException)
        {
            _error = $"The import of {file.Name} was cancelled.";
        }
        catch (IOException io)
        {
            _error = $"{file.Name}: {io.Message}";
        }
        finally
        {
            _reading = false;
        }
    }

    private void Cancel() => _cancel?.Cancel();

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:F1} MB" : $"{bytes / 1024.0:F0} KB";
}
