using Microsoft.AspNetCore.Components;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Components.Explorer;

/// <summary>
/// A component that shows part of the explorer's session: it reads what it shows from the session (whose
/// answers are computed once per state) and is drawn again whenever the session changes.
/// </summary>
public abstract class ExplorerComponent : ComponentBase, IDisposable
{
    /// <summary>The circuit's explorer session.</summary>
    [Inject]
    protected ExplorerSession Session { get; set; } = default!;

    /// <inheritdoc />
    public void Dispose()
    {
        Session.Changed -= Changed;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += Changed;

    /// <summary>Called when the session changed, before the component is drawn again.</summary>
    protected virtual void OnSessionChanged()
    {
    }

    private void Changed() => _ = InvokeAsync(() =>
    {
        OnSessionChanged();
        StateHasChanged();
    });
}
