using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The program's tiers as the rows of one matrix (or one incremental update) walk them. Subjects that the
/// same program policies select share one <see cref="ProgramSelection"/>; a walk depends only on that
/// selection, the direction, which program peers take in the peer (its peer group, or its group of
/// external blocks), what the NetworkPolicies allow, and, for ingress with named ports, the subject's
/// ports. So each distinct walk runs once for all the rows that share it, instead of once per row.
/// </summary>
internal sealed class ProgramRows
{
    private readonly ClusterEvaluator _evaluator;
    private readonly Dictionary<CompiledPolicy, int> _indexOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int[], ProgramSelection> _selections = new(SequenceComparer.Instance);
    private readonly Dictionary<WalkKey, (ConnectionSet None, ConnectionSet Open)> _walks = [];
    private readonly UnionCache _unions;
    private readonly int[] _blockGroupOf;
    private readonly bool _namedPorts;

    public ProgramRows(ClusterEvaluator evaluator, ExternalSpace external, UnionCache unions)
    {
        _evaluator = evaluator;
        _unions = unions;
        var policies = evaluator.Program.Policies;
        for (var i = 0; i < policies.Length; i++)
        {
            _indexOf[policies[i]] = i;
        }

        // External blocks that every program peer with addresses treats alike.
        var blocks = new PeerPartition(external.Blocks.Length);
        var rules = evaluator.ProgramRules().ToList();
        foreach (var peer in rules.SelectMany(r => r.Matcher.Peers).Where(p => p.Addresses is not null).DistinctBy(p => p.Id))
        {
            blocks.Refine(external.BlocksWithin(peer.Addresses!));
        }

        (_blockGroupOf, _) = blocks.Compact();
        _namedPorts = rules.Any(r => !r.Matcher.Ports.IsFixed);
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

    /// <summary>The selection of the program policies that select <paramref name="subject"/>.</summary>
    public ProgramSelection? SelectionOf(Workload subject) => SelectionOf(_evaluator.ProgramSelecting(subject));

    /// <summary>The walk for a workload peer standing for peer group <paramref name="group"/>.</summary>
    public ConnectionSet ToWorkload(ProgramSelection selection, Workload subject, TrafficDirection direction, int group, Workload peer, bool isolated, ConnectionSet allowed) =>
        Walk(selection, subject, direction, group, new WorkloadEndpoint(peer), isolated, allowed);

    /// <summary>The walk for an external block.</summary>
    public ConnectionSet ToBlock(ProgramSelection selection, Workload subject, TrafficDirection direction, ExternalBlock block, bool isolated, ConnectionSet allowed) =>
        Walk(selection, subject, direction, -2 - _blockGroupOf[block.Index], new ExternalEndpoint(block.Representative), isolated, allowed);

    /// <summary>The walk for the ingress controller.</summary>
    public ConnectionSet ToIngressController(ProgramSelection selection, Workload subject, TrafficDirection direction, bool isolated, ConnectionSet allowed) =>
        Walk(selection, subject, direction, -1, Endpoint.IngressController, isolated, allowed);

    private ConnectionSet Walk(ProgramSelection selection, Workload subject, TrafficDirection direction, int peerKey, Endpoint peer, bool isolated, ConnectionSet allowed)
    {
        // Named ports resolve against the destination: for ingress that is the subject, whose ports then belong in the key.
        var ports = _namedPorts && direction == TrafficDirection.Ingress ? subject.Ports : ValueArray<ContainerPort>.Empty;
        var key = new WalkKey(selection.Id, direction, peerKey, isolated, ports);
        if (!_walks.TryGetValue(key, out var walk))
        {
            // The walk decides each connection on its own, and what the NetworkPolicies allow only counts for the
            // connections still undecided when the walk reaches them. So with W0 the walk when they allow nothing
            // and W1 when they allow everything, the walk for any allowed set A is W0 + (A within W1 - W0): two
            // walks per key serve every value the rows ask with.
            var none = Walk(selection, subject, direction, peer, isolated, ConnectionSet.None);
            var everything = isolated ? Walk(selection, subject, direction, peer, isolated, ConnectionSet.All) : none;
            walk = (none, everything.Subtract(none));
            _walks[key] = walk;
        }

        return walk.Open.IsEmpty || allowed.IsEmpty ? walk.None : _unions.Union(walk.None, allowed.Intersect(walk.Open));
    }

    private ConnectionSet Walk(ProgramSelection selection, Workload subject, TrafficDirection direction, Endpoint peer, bool isolated, ConnectionSet allowed) =>
        _evaluator.Program.WalkSelected(selection.Tiers, subject, peer, direction, _evaluator.Namespaces, isolated, allowed);

    private readonly record struct WalkKey(int Selection, TrafficDirection Direction, int Peer, bool Isolated, ValueArray<ContainerPort> Ports);

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
