using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The program walks one kind of row needs (one selection, direction, isolation and, where named ports
/// resolve against it, subject's ports), each run on first use and kept: one per group of peer groups that
/// the selection's rules treat alike, per group of external blocks, and for the ingress controller. Every
/// row of that kind, whatever its NetworkPolicies allow, is answered from them.
/// </summary>
internal sealed class ProgramRowWalks
{
    private readonly ProgramRows _rows;
    private readonly ProgramSelection _selection;
    private readonly Workload _subject;
    private readonly TrafficDirection _direction;
    private readonly bool _isolated;
    private readonly int[] _localOf;
    private readonly (ConnectionSet None, ConnectionSet Open)?[] _byLocal;
    private readonly (ConnectionSet None, ConnectionSet Open)?[] _byBlockGroup;
    private (ConnectionSet None, ConnectionSet Open)? _controller;

    public ProgramRowWalks(ProgramRows rows, ProgramSelection selection, Workload subject, TrafficDirection direction, bool isolated, int[] localOf)
    {
        _rows = rows;
        _selection = selection;
        _subject = subject;
        _direction = direction;
        _isolated = isolated;
        _localOf = localOf;
        _byLocal = new (ConnectionSet, ConnectionSet)?[localOf.Length];
        _byBlockGroup = new (ConnectionSet, ConnectionSet)?[rows.BlockGroupCount];
    }

    /// <summary>The row's value for peer group <paramref name="group"/> (<paramref name="peer"/> stands for it) when the NetworkPolicies allow <paramref name="allowed"/>.</summary>
    public ConnectionSet ToGroup(int group, Workload peer, ConnectionSet allowed)
    {
        ref var walk = ref _byLocal[_localOf[group]];
        walk ??= _rows.Walk(_selection, _subject, _direction, new WorkloadEndpoint(peer), _isolated);
        return Apply(walk.Value, allowed);
    }

    /// <summary>The row's value for an external block.</summary>
    public ConnectionSet ToBlock(ExternalBlock block, ConnectionSet allowed)
    {
        ref var walk = ref _byBlockGroup[_rows.BlockGroupOf(block)];
        walk ??= _rows.Walk(_selection, _subject, _direction, new ExternalEndpoint(block.Representative), _isolated);
        return Apply(walk.Value, allowed);
    }

    /// <summary>The row's value for the ingress controller.</summary>
    public ConnectionSet ToIngressController(ConnectionSet allowed)
    {
        _controller ??= _rows.Walk(_selection, _subject, _direction, Endpoint.IngressController, _isolated);
        return Apply(_controller.Value, allowed);
    }

    private ConnectionSet Apply((ConnectionSet None, ConnectionSet Open) walk, ConnectionSet allowed) =>
        walk.Open.IsEmpty || allowed.IsEmpty ? walk.None : _rows.Unions.Union(walk.None, allowed.Intersect(walk.Open));
}
