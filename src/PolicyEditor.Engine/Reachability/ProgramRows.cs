using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The program's tiers as the rows of one matrix (or one incremental update) walk them. Subjects that the
/// same program policies select share one <see cref="ProgramSelection"/>; a walk depends only on that
/// selection, the direction, which of the selection's rule peers take in the peer (the peer groups those
/// peers treat alike, or the group of external blocks), what the NetworkPolicies allow, and, for ingress
/// with named ports, the subject's ports. So each distinct walk runs once for all the rows and peer groups
/// that share it, instead of once per row and group.
/// </summary>
internal sealed class ProgramRows
{
    private readonly ClusterEvaluator _evaluator;
    private readonly IPeerUnits _units;
    private readonly Dictionary<CompiledPolicy, int> _indexOf;
    private readonly Dictionary<int[], ProgramSelection> _selections = new(SequenceComparer.Instance);
    private readonly Dictionary<(int Selection, TrafficDirection Direction), GroupMap> _localGroups = [];
    private readonly Dictionary<int, int[]> _groupsOfPeer = [];
    private readonly Dictionary<RowKey, ProgramRowWalks> _rows = [];
    private readonly UnionCache _unions;
    private readonly ExternalSpace _external;
    private readonly Dictionary<(int Selection, TrafficDirection Direction), GroupMap> _localBlocks = [];
    private readonly Dictionary<int, int[]> _blocksOfPeer = [];
    private readonly bool _namedPorts;

    public ProgramRows(ClusterEvaluator evaluator, ExternalSpace external, UnionCache unions, IPeerUnits units)
    {
        _evaluator = evaluator;
        _unions = unions;
        _units = units;
        _external = external;
        _indexOf = evaluator.Program.IndexOf;
        _namedPorts = evaluator.Program.HasNamedPorts;
    }

    /// <summary>The selection of the given policies (in program order), the same object for the same policies.</summary>
    public ProgramSelection? SelectionOf(IReadOnlyList<CompiledPolicy> selecting)
    {
        if (selecting.Count == 0)
        {
            return null;
        }

        var key = new int[selecting.Count];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = _indexOf[selecting[i]];
        }

        if (!_selections.TryGetValue(key, out var selection))
        {
            selection = new ProgramSelection(_selections.Count, _evaluator.Program.For(selecting));
            _selections[key] = selection;
        }

        return selection;
    }

    /// <summary>The walks of one row: <paramref name="subject"/>'s side in <paramref name="direction"/> under <paramref name="selection"/>.</summary>
    public ProgramRowWalks For(ProgramSelection selection, Workload subject, TrafficDirection direction, bool isolated)
    {
        // Named ports resolve against the destination: for ingress that is the subject, whose ports then belong in the key.
        var ports = _namedPorts && direction == TrafficDirection.Ingress ? subject.Ports : ValueArray<ContainerPort>.Empty;
        var key = new RowKey(selection.Id, direction, isolated, ports);
        if (!_rows.TryGetValue(key, out var row))
        {
            row = new ProgramRowWalks(this, selection, subject, direction, isolated, LocalGroups(selection, direction), LocalBlocks(selection, direction));
            _rows[key] = row;
        }

        return row;
    }


    internal UnionCache Unions => _unions;

    /// <summary>
    /// The walk in both forms: W0 when the NetworkPolicies allow nothing, and what they add when they allow
    /// everything. The walk decides each connection on its own, and what the NetworkPolicies allow only counts
    /// for the connections still undecided when the walk reaches them; so the walk for any allowed set A is
    /// W0 + (A within W1 - W0), and two walks serve every value the rows ask with.
    /// </summary>
    internal (ConnectionSet None, ConnectionSet Open) Walk(ProgramSelection selection, Workload subject, TrafficDirection direction, Endpoint peer, bool isolated)
    {
        var none = Walk(selection, subject, direction, peer, isolated, ConnectionSet.None);
        var everything = isolated ? Walk(selection, subject, direction, peer, isolated, ConnectionSet.All) : none;
        return (none, everything.Subtract(none));
    }

    private ConnectionSet Walk(ProgramSelection selection, Workload subject, TrafficDirection direction, Endpoint peer, bool isolated, ConnectionSet allowed) =>
        _evaluator.Program.WalkSelected(selection.Tiers, subject, peer, direction, _evaluator.Namespaces, isolated, allowed);

    /// <summary>
    /// The peer groups as the rules of <paramref name="selection"/> in <paramref name="direction"/> see them: groups
    /// that every one of those rules' workload peers treats alike share a part (groups already tell named ports
    /// apart, so a rule with named ports keeps every group its own).
    /// </summary>
    private GroupMap LocalGroups(ProgramSelection selection, TrafficDirection direction)
    {
        if (_localGroups.TryGetValue((selection.Id, direction), out var local))
        {
            return local;
        }

        var named = new List<int[]>();
        var seen = new HashSet<int[]>(ReferenceEqualityComparer.Instance);
        var namedPorts = false;
        foreach (var rule in selection.Tiers.SelectMany(t => t.Policies).SelectMany(p => p.Rules(direction)))
        {
            namedPorts |= !rule.Matcher.Ports.IsFixed;
            foreach (var peer in rule.Matcher.Peers)
            {
                // A peer that several rules name refines the groups once (GroupsOf gives each peer one array).
                if (peer.SelectsWorkloads && GroupsOf(peer) is var groups && seen.Add(groups))
                {
                    named.Add(groups);
                }
            }
        }

        local = namedPorts && direction == TrafficDirection.Egress ? GroupMap.Identity(_units.GroupCount) : GroupMap.Of(_units.GroupCount, named);
        _localGroups[(selection.Id, direction)] = local;
        return local;
    }

    /// <summary>
    /// The external blocks as the rules of <paramref name="selection"/> in <paramref name="direction"/> see them: blocks
    /// that every one of those rules' address peers treats alike share a part (only addresses tell external blocks apart).
    /// </summary>
    private GroupMap LocalBlocks(ProgramSelection selection, TrafficDirection direction)
    {
        if (_localBlocks.TryGetValue((selection.Id, direction), out var local))
        {
            return local;
        }

        var named = new List<int[]>();
        var seen = new HashSet<int[]>(ReferenceEqualityComparer.Instance);
        foreach (var rule in selection.Tiers.SelectMany(t => t.Policies).SelectMany(p => p.Rules(direction)))
        {
            foreach (var peer in rule.Matcher.Peers)
            {
                if (peer.Addresses is not null)
                {
                    if (!_blocksOfPeer.TryGetValue(peer.Id, out var blocks))
                    {
                        _blocksOfPeer[peer.Id] = blocks = _external.BlocksWithin(peer.Addresses);
                    }

                    if (seen.Add(blocks))
                    {
                        named.Add(blocks);
                    }
                }
            }
        }

        local = GroupMap.Of(_external.Blocks.Length, named);
        _localBlocks[(selection.Id, direction)] = local;
        return local;
    }

    private int[] GroupsOf(PeerMatcher peer)
    {
        if (!_groupsOfPeer.TryGetValue(peer.Id, out var groups))
        {
            var units = _units.UnitsOf(peer);
            var all = new int[units.Length];
            for (var i = 0; i < units.Length; i++)
            {
                all[i] = _units.GroupOf(units[i]);
            }

            groups = all[..Sorting.SortDistinct(all.AsSpan())];
            _groupsOfPeer[peer.Id] = groups;
        }

        return groups;
    }

    private readonly record struct RowKey(int Selection, TrafficDirection Direction, bool Isolated, ValueArray<ContainerPort> Ports);

    private sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public static readonly SequenceComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var h = new HashCode();
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return h.ToHashCode();
        }
    }
}

/// <summary>The program policies that select a subject, as tiers narrowed to them, numbered within one <see cref="ProgramRows"/>.</summary>
internal sealed record ProgramSelection(int Id, CompiledTier[] Tiers);
