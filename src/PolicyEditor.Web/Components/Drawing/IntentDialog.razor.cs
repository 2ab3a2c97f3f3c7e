using Microsoft.AspNetCore.Components;
using MudBlazor;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Reviews;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.Components.Drawing;

/// <summary>The allow/deny dialog; its result is the chosen option (the caller applies its changes as one edit).</summary>
public sealed partial class IntentDialog
{
    private string? _source;
    private string? _destination;
    private string? _connections;
    private SynthesisResult? _result;
    private string? _error;
    private bool _busy;
    private int _chosen;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The draft's reachability the synthesizer works from.</summary>
    [Parameter, EditorRequired]
    public ReachabilityMatrix Matrix { get; set; } = default!;

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
    public static async Task<(SynthesisOption Option, string Intent)?> ShowAsync(IDialogService dialogs, ReachabilityMatrix matrix, bool revoke, SynthesisPeer? source, SynthesisPeer? destination, ConnectionSet? connections = null, string? suggestingIn = null)
    {
        var parameters = new DialogParameters<IntentDialog>
        {
            { x => x.Matrix, matrix }, { x => x.Revoke, revoke }, { x => x.Source, source }, { x => x.Destination, destination }, { x => x.Connections, connections },
            { x => x.SuggestingIn, suggestingIn },
        };
        var dialog = await dialogs.ShowAsync<IntentDialog>(revoke ? "Deny traffic" : "Allow traffic", parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ValueTuple<SynthesisOption, string> chosen } ? chosen : null;
    }

    /// <summary>
    /// What to propose first: for a denial, what the pair has now; else the destination's container ports
    /// (a namespace's when it has a few), or TCP 443 to an outside address.
    /// </summary>
    public static ConnectionSet DefaultConnections(ReachabilityMatrix matrix, SynthesisPeer? source, SynthesisPeer? destination, bool revoke)
    {
        if (revoke && source?.Endpoint is { } from && destination?.Endpoint is { } to)
        {
            var now = matrix.Get(from, to);
            if (!now.IsEmpty)
            {
                return now;
            }
        }

        var ports = destination?.Members(matrix).OfType<WorkloadEndpoint>().SelectMany(w => w.Workload.Ports).Select(p => (p.Protocol, p.Number)).Distinct().ToList() ?? [];
        if (ports.Count is > 0 and <= 8)
        {
            return ports.Aggregate(ConnectionSet.None, (set, p) => set.Union(ConnectionSet.Of(p.Protocol, p.Number)));
        }

        return destination?.Endpoint is ExternalEndpoint ? ConnectionSet.Of(Protocol.TCP, 443) : ConnectionSet.Of(Protocol.TCP, 80);
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _source = Source is null ? null : NodeEndpoints.TextOf(Source, Matrix);
        _destination = Destination is null ? null : NodeEndpoints.TextOf(Destination, Matrix);
        _connections = (Connections ?? DefaultConnections(Matrix, Source, Destination, Revoke)).ToString();
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
        var source = NodeEndpoints.ParsePeer(_source, Matrix, out var sourceError);
        var destination = NodeEndpoints.ParsePeer(_destination, Matrix, out var destinationError);
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
            _result = await Task.Run(() => Revoke
                ? PolicySynthesizer.Revoke(Matrix, source.Endpoint!, destination.Endpoint!, connections)
                : PolicySynthesizer.Allow(Matrix, source, destination, connections));
        }
        finally
        {
            _busy = false;
        }
    }

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
