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
    private int[]?[] _groupsOfPeer;
    private readonly Dictionary<RowKey, ProgramRowWalks> _rows = [];
    private readonly UnionCache _unions;
    private readonly ExternalSpace _external;
    private readonly Dictionary<(int Selection, TrafficDirection Direction), GroupMap> _localBlocks = [];
    private int[]?[] _blocksOfPeer;

    // LocalGroups' and LocalBlocks' working space: the sets they refine by, and which peers this round has met.
    private readonly List<int[]> _named = [];
    private int[] _peerSeen;
    private int _peerRound;
    private GroupMapBuilder? _groupMaps;
    private GroupMapBuilder? _blockMaps;
    private readonly bool _namedPorts;

    public ProgramRows(ClusterEvaluator evaluator, ExternalSpace external, UnionCache unions, IPeerUnits units)
    {
        _evaluator = evaluator;
        _unions = unions;
        _units = units;
        _external = external;
        _indexOf = evaluator.Program.IndexOf;
        _namedPorts = evaluator.Program.HasNamedPorts;
        var peers = evaluator.Compilation.PeerCount;
        _groupsOfPeer = new int[]?[peers];
        _blocksOfPeer = new int[]?[peers];
        _peerSeen = new int[peers];
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
        _evaluator.Program.WalkSelected(selection.Tiers, subject, peer, direction, _evaluator.Namespaces, isolated, allowed, _unions);

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

        var named = _named;
        named.Clear();
        var namedPorts = false;
        _peerRound++;
        foreach (var tier in selection.Tiers)
        {
            foreach (var policy in tier.Policies)
            {
                foreach (var rule in policy.Rules(direction))
                {
                    namedPorts |= !rule.Matcher.Ports.IsFixed;
                    foreach (var peer in rule.Matcher.Peers)
                    {
                        // A peer that several rules name refines the groups once.
                        if (peer.SelectsWorkloads && FirstInRound(peer))
                        {
                            named.Add(GroupsOf(peer));
                        }
                    }
                }
            }
        }

        local = namedPorts && direction == TrafficDirection.Egress
            ? GroupMap.Identity(_units.GroupCount)
            : (_groupMaps ??= new GroupMapBuilder(_units.GroupCount)).Of(named);
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

        var named = _named;
        named.Clear();
        _peerRound++;
        foreach (var tier in selection.Tiers)
        {
            foreach (var policy in tier.Policies)
            {
                foreach (var rule in policy.Rules(direction))
                {
                    foreach (var peer in rule.Matcher.Peers)
                    {
                        if (peer.Addresses is not null && FirstInRound(peer))
                        {
                            named.Add(BlocksOf(peer));
                        }
                    }
                }
            }
        }

        local = (_blockMaps ??= new GroupMapBuilder(_external.Blocks.Length)).Of(named);
        _localBlocks[(selection.Id, direction)] = local;
        return local;
    }

    /// <summary>True the first time <paramref name="peer"/> is met since <see cref="_peerRound"/> last moved on.</summary>
    private bool FirstInRound(PeerMatcher peer)
    {
        if (peer.Id >= _peerSeen.Length)
        {
            Array.Resize(ref _peerSeen, Math.Max(peer.Id + 1, _peerSeen.Length * 2));
        }

        if (_peerSeen[peer.Id] == _peerRound)
        {
            return false;
        }

        _peerSeen[peer.Id] = _peerRound;
        return true;
    }

    /// <summary>The peer groups (ascending) that a workload peer takes in, one array per peer.</summary>
    private int[] GroupsOf(PeerMatcher peer)
    {
        ref var groups = ref PerPeer(ref _groupsOfPeer, peer);
        if (groups is null)
        {
            var units = _units.UnitsOf(peer);
            var all = new int[units.Length];
            for (var i = 0; i < units.Length; i++)
            {
                all[i] = _units.GroupOf(units[i]);
            }

            var distinct = Sorting.SortDistinct(all.AsSpan());
            groups = distinct == all.Length ? all : all[..distinct];
        }

        return groups;
    }

    /// <summary>The external blocks (ascending) that an address peer takes in, one array per peer.</summary>
    private int[] BlocksOf(PeerMatcher peer) => PerPeer(ref _blocksOfPeer, peer) ??= _external.BlocksWithin(peer.Addresses!);

    private static ref int[]? PerPeer(ref int[]?[] byPeer, PeerMatcher peer)
    {
        if (peer.Id >= byPeer.Length)
        {
            Array.Resize(ref byPeer, Math.Max(peer.Id + 1, byPeer.Length * 2));
        }

        return ref byPeer[peer.Id];
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
