using Microsoft.AspNetCore.Components;
using MudBlazor;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Components.Drawing;

/// <summary>The allow/deny dialog; its result is the chosen option (the caller applies its changes as one edit).</summary>
public sealed partial class IntentDialog
{
    private string? _source;
    private string? _destination;
    private string? _connections;
    private IntentProposal? _result;
    private string? _error;
    private bool _busy;
    private int _chosen;
    private ExplorerAnswers _answers = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The explorer whose draft the policies are proposed for.</summary>
    [Inject]
    private ExplorerSession Session { get; set; } = default!;

    /// <summary>True to deny (revoke) traffic, false to allow it.</summary>
    [Parameter]
    public bool Revoke { get; set; }

    /// <summary>Where the traffic comes from: an endpoint, or a whole namespace (allow only).</summary>
    [Parameter]
    public SynthesisPeer? Source { get; set; }

    /// <summary>Where the traffic goes: an endpoint, or a whole namespace (allow only).</summary>
    [Parameter]
    public SynthesisPeer? Destination { get; set; }

    /// <summary>The connections proposed at first (default: the destination's container ports, or what the pair has now for a denial).</summary>
    [Parameter]
    public ConnectionSet? Connections { get; set; }

    /// <summary>The title of the review the chosen option is suggested in (instead of applied to the draft), or null.</summary>
    [Parameter]
    public string? SuggestingIn { get; set; }

    /// <summary>Shows the dialog; the chosen option and its intent, or null when cancelled.</summary>
    public static async Task<(IntentOption Option, string Intent)?> ShowAsync(IDialogService dialogs, bool revoke, SynthesisPeer? source, SynthesisPeer? destination, ConnectionSet? connections = null, string? suggestingIn = null)
    {
        var parameters = new DialogParameters<IntentDialog>
        {
            { x => x.Revoke, revoke }, { x => x.Source, source }, { x => x.Destination, destination }, { x => x.Connections, connections },
            { x => x.SuggestingIn, suggestingIn },
        };
        var dialog = await dialogs.ShowAsync<IntentDialog>(revoke ? "Deny traffic" : "Allow traffic", parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ValueTuple<IntentOption, string> chosen } ? chosen : null;
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        // The dialog proposes against the draft it was opened on, whatever happens to the workspace meanwhile.
        var answers = _answers = Session.Answers;
        _source = Source is null ? null : answers.TextOf(Source);
        _destination = Destination is null ? null : answers.TextOf(Destination);
        _connections = (Connections ?? answers.DefaultConnections(Source, Destination, Revoke)).ToString();
        if (Source is not null && Destination is not null)
        {
            await Propose();
        }
    }

    private async Task Propose()
    {
        _error = null;
        _result = null;
        _chosen = 0;
        var answers = _answers;
        var source = answers.ParsePeer(_source, out var sourceError);
        var destination = answers.ParsePeer(_destination, out var destinationError);
        if (source is null || destination is null)
        {
            _error = sourceError ?? destinationError ?? "Name a source and a destination.";
            return;
        }

        if (Revoke && !(IsOnePeer(source) && IsOnePeer(destination)))
        {
            _error = "Deny works on one pair: name a workload, one address or {ingress-controller} on each side (select an edge between two workloads to deny it).";
            return;
        }

        if (!ConnectionSet.TryParse(_connections ?? string.Empty, out var connections, out var connectionError))
        {
            _error = $"Connections: {connectionError}";
            return;
        }

        _busy = true;
        StateHasChanged();
        try
        {
            _result = await answers.ProposeAsync(Revoke, source, destination, connections);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The draft the changes are proposed for.</summary>
    private Engine.Model.Cluster Draft => _answers.Analysis.State.Draft;

    /// <summary>One endpoint: not a namespace, and not a range of addresses.</summary>
    private static bool IsOnePeer(SynthesisPeer peer) => peer.Endpoint switch
    {
        null => false,
        ExternalEndpoint e => e.Range.First == e.Range.Last,
        _ => true,
    };

    private void Apply()
    {
        if (_result is { Options.Count: > 0 } result)
        {
            Dialog.Close(DialogResult.Ok((result.Options[Math.Min(_chosen, result.Options.Count - 1)], result.Intent)));
        }
    }
}
