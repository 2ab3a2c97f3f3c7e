using Microsoft.JSInterop;

namespace PolicyEditor.Web.Components;

/// <summary>
/// Keeps what is typed into fields marked <c>data-keep="KEY"</c> in the browser until the page has sent
/// it (wwwroot/js/keep-text.js): after a lost connection or a restarted server the next page puts the
/// text back. A page calls <see cref="RestoreAsync"/> once its fields are drawn and <see cref="ForgetAsync"/>
/// when the server has a field's text.
/// </summary>
public sealed class KeptText(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Starts keeping typed text and puts kept text back into empty marked fields; the keys put back.</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync()
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/keep-text.js");
            return await _module.InvokeAsync<string[]>("restore");
        }
        catch (JSDisconnectedException)
        {
            return [];
        }
    }

    /// <summary>The field's text was sent: the browser need not keep it any longer.</summary>
    public async Task ForgetAsync(string key)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/keep-text.js");
            await _module.InvokeVoidAsync("forget", key);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
