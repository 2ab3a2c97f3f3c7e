using Microsoft.AspNetCore.Components;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Components.Explorer;

/// <summary>
/// A component that shows part of the explorer's session: it reads what it shows from the session (whose
/// answers are computed once per state) and is drawn again whenever the session changes. In the page
/// that hosts the explorer, the session's <see cref="ExplorerSession.Version"/> cascades down as
/// <see cref="VersionName"/>, so every panel is drawn again in the page's own render; a panel used on
/// its own (a test, another page) listens to the session instead.
/// </summary>
public abstract class ExplorerComponent : ComponentBase, IDisposable
{
    /// <summary>The name the session's version cascades under.</summary>
    public const string VersionName = "ExplorerVersion";

    private bool _listening;

    /// <summary>The circuit's explorer session.</summary>
    [Inject]
    protected ExplorerSession Session { get; set; } = default!;

    /// <summary>The session's version as the hosting page cascades it; null when the component is used on its own.</summary>
    [CascadingParameter(Name = VersionName)]
    public long? Version { get; set; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_listening)
        {
            Session.Changed -= Changed;
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        if (Version is null)
        {
            _listening = true;
            Session.Changed += Changed;
        }
    }

    /// <inheritdoc />
    protected override void OnParametersSet() => OnSessionChanged();

    /// <summary>Called before the component is drawn for a new version of the session (and on every new parameter): what it derives from the session, again.</summary>
    protected virtual void OnSessionChanged()
    {
    }

    private void Changed() => _ = InvokeAsync(() =>
    {
        OnSessionChanged();
        StateHasChanged();
    });
}
