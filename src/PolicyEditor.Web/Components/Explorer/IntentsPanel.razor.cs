using MudBlazor;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Components.Explorer;

/// <summary>The Intents tab: renders the session's intent view and asks it for policies from intents and intents from policies.</summary>
public partial class IntentsPanel
{
    private const int MaxRows = 200;

    private IntentSelectorMode _mode = IntentSelectorMode.WorkloadLabels;
    private bool _external = true;
    private bool _busy;
    private IntentPoliciesPreview? _preview;
    private long _previewOf = -1;

    /// <summary>The colour of a class, as the graph draws it.</summary>
    public static Color ColorOf(IntentClass c) => c switch
    {
        IntentClass.IntendedAllowed => Color.Success,
        IntentClass.IntendedBlocked => Color.Error,
        _ => Color.Warning,
    };

    /// <inheritdoc />
    protected override void OnSessionChanged()
    {
        // A proposal belongs to the draft it was made from: another draft needs a new one.
        if (_preview is not null && Session.State?.Revision != _previewOf)
        {
            _preview = null;
        }
    }

    private void ModeChanged(IntentSelectorMode mode) => (_mode, _preview) = (mode, null);

    private void ExternalChanged(bool external) => (_external, _preview) = (external, null);

    private async Task ProposeAsync()
    {
        _busy = true;
        try
        {
            _previewOf = Session.State?.Revision ?? -1;
            _preview = await Session.ProposeFromIntentsAsync(_mode, _external);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ApplyAsync(IntentPoliciesPreview preview)
    {
        _busy = true;
        try
        {
            if (await Session.ApplyIntentPoliciesAsync(preview))
            {
                _preview = null;
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
