using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The program walks one kind of row needs (one selection, direction, isolation and, where named ports
/// resolve against it, subject's ports), each run on first use and kept: one per group of peer groups that
/// the selection's rules treat alike, per group of external blocks they treat alike, and for the ingress controller. Every
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
    private readonly int[] _localBlockOf;
    private readonly (ConnectionSet None, ConnectionSet Open)?[] _byLocal;
    private readonly (ConnectionSet None, ConnectionSet Open)?[] _byBlockGroup;
    private (ConnectionSet None, ConnectionSet Open)? _controller;
    private readonly Dictionary<ConnectionSet, ConnectionSet[]> _groupValues = [];
    private readonly Dictionary<ConnectionSet, ConnectionSet[]> _blockValues = [];

    public ProgramRowWalks(ProgramRows rows, ProgramSelection selection, Workload subject, TrafficDirection direction, bool isolated, int[] localOf, (int[] Of, int Count) localBlocks)
    {
        _rows = rows;
        _selection = selection;
        _subject = subject;
        _direction = direction;
        _isolated = isolated;
        _localOf = localOf;
        _byLocal = new (ConnectionSet, ConnectionSet)?[localOf.Length];
        _localBlockOf = localBlocks.Of;
        _byBlockGroup = new (ConnectionSet, ConnectionSet)?[localBlocks.Count];
    }

    /// <summary>The row's value for peer group <paramref name="group"/> (<paramref name="peer"/> stands for it) when the NetworkPolicies allow <paramref name="allowed"/>.</summary>
    public ConnectionSet ToGroup(int group, Workload peer, ConnectionSet allowed)
    {
        ref var walk = ref _byLocal[_localOf[group]];
        walk ??= _rows.Walk(_selection, _subject, _direction, new WorkloadEndpoint(peer), _isolated);
        return Apply(walk.Value, allowed);
    }

    /// <summary>
    /// The row's values for every peer group when the NetworkPolicies allow <paramref name="allowed"/> towards each: one
    /// array, walked once per group of groups, for every row of this kind that asks with the same set (rows only read it).
    /// </summary>
    public ConnectionSet[] ToGroups(IPeerUnits units, ConnectionSet allowed)
    {
        if (!_groupValues.TryGetValue(allowed, out var values))
        {
            values = new ConnectionSet[_localOf.Length];
            var byLocal = new ConnectionSet?[_localOf.Length];
            for (var g = 0; g < values.Length; g++)
            {
                values[g] = byLocal[_localOf[g]] ??= ToGroup(g, units.RepresentativeOf(units.GroupRepresentative(g)), allowed);
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

    /// <summary>The row's values for every external block (by index) when the NetworkPolicies allow <paramref name="allowed"/> towards each; shared like <see cref="ToGroups(IPeerUnits, ConnectionSet)"/>.</summary>
    public ConnectionSet[] ToBlocks(ExternalSpace external, ConnectionSet allowed)
    {
        if (!_blockValues.TryGetValue(allowed, out var values))
        {
            values = new ConnectionSet[external.Blocks.Length];
            foreach (var block in external.Blocks)
            {
                values[block.Index] = ToBlock(block, allowed);
            }

            _blockValues[allowed] = values;
        }

        return values;
    }

    /// <summary>The row's value for an external block.</summary>
    public ConnectionSet ToBlock(ExternalBlock block, ConnectionSet allowed)
    {
        ref var walk = ref _byBlockGroup[_localBlockOf[block.Index]];
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
