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
    private readonly (ConnectionSet None, ConnectionSet Open)?[] _byPart;
    private readonly (ConnectionSet None, ConnectionSet Open)?[] _byBlockPart;
    private (ConnectionSet None, ConnectionSet Open)? _controller;
    private Dictionary<ConnectionSet, ConnectionSet[]>? _groupValues;
    private Dictionary<ConnectionSet, ConnectionSet[]>? _blockValues;

    public ProgramRowWalks(ProgramRows rows, ProgramSelection selection, Workload subject, TrafficDirection direction, bool isolated, GroupMap parts, GroupMap blockParts)
    {
        _rows = rows;
        _selection = selection;
        _subject = subject;
        _direction = direction;
        _isolated = isolated;
        Parts = parts;
        _byPart = new (ConnectionSet, ConnectionSet)?[parts.Count];
        BlockParts = blockParts;
        _byBlockPart = new (ConnectionSet, ConnectionSet)?[blockParts.Count];
    }

    /// <summary>The parts of the peer groups that the selection's rules treat alike: one walk serves each part.</summary>
    public GroupMap Parts { get; }

    /// <summary>The parts of the external blocks that the selection's rules treat alike: one walk serves each part.</summary>
    public GroupMap BlockParts { get; }

    /// <summary>The row's value for peer group <paramref name="group"/> (<paramref name="peer"/> stands for it) when the NetworkPolicies allow <paramref name="allowed"/>.</summary>
    public ConnectionSet ToGroup(int group, Workload peer, ConnectionSet allowed)
    {
        ref var walk = ref _byPart[Parts.PartOf(group)];
        walk ??= _rows.Walk(_selection, _subject, _direction, new WorkloadEndpoint(peer), _isolated);
        return Apply(walk.Value, allowed);
    }

    /// <summary>
    /// The row's values for every part of the peer groups (<see cref="Parts"/>) when the NetworkPolicies allow
    /// <paramref name="allowed"/> towards each group: one array, walked once per part, for every row of this kind that
    /// asks with the same set (rows only read it).
    /// </summary>
    public ConnectionSet[] ToParts(IPeerUnits units, ConnectionSet allowed)
    {
        _groupValues ??= [];
        if (!_groupValues.TryGetValue(allowed, out var values))
        {
            values = new ConnectionSet[Parts.Count];
            for (var p = 0; p < values.Length; p++)
            {
                var g = Parts.Representatives[p];
                values[p] = ToGroup(g, units.RepresentativeOf(units.GroupRepresentative(g)), allowed);
            }

            _groupValues[allowed] = values;
        }

        return values;
    }

    /// <summary>The row's values for every peer group when the NetworkPolicies allow each group its own set.</summary>
    public ConnectionSet[] ToGroups(IPeerUnits units, ConnectionSet[] allowed)
    {
        var values = new ConnectionSet[allowed.Length];
        for (var g = 0; g < values.Length; g++)
        {
            values[g] = ToGroup(g, units.RepresentativeOf(units.GroupRepresentative(g)), allowed[g]);
        }

        return values;
    }

    /// <summary>
    /// The row's values for every part of the external blocks (<see cref="BlockParts"/>) when the NetworkPolicies allow
    /// <paramref name="allowed"/> towards each block; shared like <see cref="ToParts"/>.
    /// </summary>
    public ConnectionSet[] ToBlocks(ExternalSpace external, ConnectionSet allowed)
    {
        _blockValues ??= [];
        if (!_blockValues.TryGetValue(allowed, out var values))
        {
            values = new ConnectionSet[BlockParts.Count];
            for (var p = 0; p < values.Length; p++)
            {
                values[p] = ToBlock(external.Blocks[BlockParts.Representatives[p]], allowed);
            }

            _blockValues[allowed] = values;
        }

        return values;
    }

    /// <summary>The row's value for an external block.</summary>
    public ConnectionSet ToBlock(ExternalBlock block, ConnectionSet allowed)
    {
        ref var walk = ref _byBlockPart[BlockParts.PartOf(block.Index)];
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
        walk.Open.IsEmpty || allowed.IsEmpty ? walk.None : _rows.Unions.Union(walk.None, _rows.Unions.Intersect(allowed, walk.Open));
}
