using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// A matrix after an edit, made of the matrix before it and the rows the edit recomputed: a pair's value comes from
/// the recomputed row of its source or destination where there is one, else from the earlier matrix, exactly as the
/// change impact compared them. Building it costs the size of the edit, not of the cluster.
/// </summary>
public sealed partial class ReachabilityMatrix
{
    private ReachabilityMatrix(ClusterEvaluator evaluator, ExternalSpace external, RowOverlay overlay, (int[] ClassOf, int Count) classes)
    {
        Evaluator = evaluator;
        External = external;
        Workloads = overlay.Before.Workloads;
        ClassOf = classes.ClassOf;
        PeerClassCount = classes.Count;
        Membership = overlay.Before.Membership;
        _indexById = overlay.Before._indexById;
        _overlay = overlay;
        (_egress, _ingress, _groupOfClass) = ([], [], []);
    }

    /// <summary>The value the ingress controller gets from a workload's ingress, before the exposed ports are applied.</summary>
    internal ConnectionSet IngressControllerValue(int destination) => _overlay?.IngressController(destination) ?? _ingress[ClassOf[destination]].IngressController;

    /// <summary>
    /// The stored row that gives <paramref name="workload"/>'s values in <paramref name="direction"/>: the matrix that holds it
    /// (this one, or one under the rows an edit recomputed) and whether its explicit entries are that matrix's peer classes (a
    /// built row) or workloads (a recomputed row). A peer's group in it is the holder's <see cref="GroupOfWorkload"/>.
    /// </summary>
    internal (DirectionalRow Row, ReachabilityMatrix Holder, bool ByClass) StoredRow(int workload, TrafficDirection direction)
    {
        if (_overlay is null)
        {
            return ((direction == TrafficDirection.Egress ? _egress : _ingress)[ClassOf[workload]], this, true);
        }

        return _overlay.Row(workload, direction) is { } row ? (row, this, false) : _overlay.Before.StoredRow(workload, direction);
    }

    /// <summary>
    /// The matrix of <paramref name="after"/>: <paramref name="before"/> with the egress rows <paramref name="rowOut"/> and
    /// ingress rows <paramref name="rowIn"/> (by workload, over <paramref name="units"/>) put in; null when the rows cannot
    /// stand in for a new build (an edit naming new port names, or addresses outside the old blocks).
    /// </summary>
    internal static ReachabilityMatrix? WithRows(ReachabilityMatrix before, ClusterEvaluator after, ExternalSpace space, IPeerUnits units,
        IReadOnlyDictionary<int, DirectionalRow> rowOut, IReadOnlyDictionary<int, DirectionalRow> rowIn)
    {
        var n = before.Workloads.Count;
        if (units.GroupCount == n && n > 1)
        {
            // One group per workload: every workload would be a class of its own, and summing by class would cost n².
            return null;
        }

        int[]? oldBlock = null;
        if (!ReferenceEquals(space, before.External))
        {
            oldBlock = [.. space.Blocks.Select(b => before.External.BlockOf(b.Representative)?.Index ?? -1)];
            if (oldBlock.Any(b => b < 0))
            {
                return null;
            }
        }

        var groupOf = new int[n];
        for (var w = 0; w < n; w++)
        {
            groupOf[w] = units.GroupOf(w);
        }

        var overlay = new RowOverlay(before, Spread(rowOut, n), Spread(rowIn, n), groupOf, space.Blocks.Length, oldBlock);
        return new ReachabilityMatrix(after, space, overlay, Classes(before, groupOf, rowOut, rowIn));
    }

    private static DirectionalRow?[] Spread(IReadOnlyDictionary<int, DirectionalRow> rows, int n)
    {
        var spread = new DirectionalRow?[n];
        foreach (var (w, row) in rows)
        {
            spread[w] = row;
        }

        return spread;
    }

    /// <summary>
    /// Peer classes of the new matrix: the old classes split by the new groups, by the values each recomputed row
    /// gives its named workloads, and with every workload that has a recomputed row in a class of its own.
    /// </summary>
    private static (int[] ClassOf, int Count) Classes(ReachabilityMatrix before, int[] groupOf, IReadOnlyDictionary<int, DirectionalRow> rowOut, IReadOnlyDictionary<int, DirectionalRow> rowIn)
    {
        var partition = new PeerPartition(before.Workloads.Count);
        partition.RefineByKey(w => (before.ClassOf[w], groupOf[w]));
        foreach (var row in rowOut.Values.Concat(rowIn.Values))
        {
            var byValue = new Dictionary<ConnectionSet, List<int>>();
            for (var i = 0; i < row.ExplicitClasses.Length; i++)
            {
                if (!byValue.TryGetValue(row.ExplicitValues[i], out var members))
                {
                    byValue[row.ExplicitValues[i]] = members = [];
                }

                members.Add(row.ExplicitClasses[i]);
            }

            foreach (var members in byValue.Values)
            {
                partition.Refine(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members));
            }
        }

        foreach (var w in rowOut.Keys.Concat(rowIn.Keys).Distinct())
        {
            partition.Refine([w]);
        }

        return partition.Compact();
    }

    /// <summary>The recomputed rows by workload, over the matrix before the edit.</summary>
    private sealed class RowOverlay(ReachabilityMatrix before, DirectionalRow?[] egress, DirectionalRow?[] ingress, int[] groupOf, int blocks, int[]? oldBlock)
    {
        public ReachabilityMatrix Before { get; } = before;

        /// <summary>The new peer group of each workload (the rows' units are workloads).</summary>
        public int[] GroupOf { get; } = groupOf;

        /// <summary>The recomputed row of a workload in one direction, if the edit recomputed it.</summary>
        public DirectionalRow? Row(int workload, TrafficDirection direction) => (direction == TrafficDirection.Egress ? egress : ingress)[workload];

        public ConnectionSet Egress(int source, int destination) =>
            egress[source] is { } row ? row.ForClass(destination, GroupOf[destination]) : Before.EgressValue(source, destination);

        public ConnectionSet Ingress(int destination, int source) =>
            ingress[destination] is { } row ? row.ForClass(source, GroupOf[source]) : Before.IngressValue(destination, source);

        public ConnectionSet Between(int source, int destination)
        {
            var e = Egress(source, destination);
            return e.IsEmpty ? e : e.Intersect(Ingress(destination, source));
        }

        public ConnectionSet ToBlock(int source, int block) =>
            egress[source] is { } row ? row.ForBlock(block) : Before.ToBlock(source, Old(block));

        public ConnectionSet FromBlock(int block, int destination) =>
            ingress[destination] is { } row ? row.ForBlock(block) : Before.FromBlock(Old(block), destination);

        public ConnectionSet IngressController(int destination) =>
            ingress[destination] is { } row ? row.IngressController : Before.IngressControllerValue(destination);

        public bool IsEgressOpen(int workload) => egress[workload] is { } row ? row.AllowsAll(blocks) : Before.IsEgressOpen(workload);

        public bool IsIngressOpen(int workload) => ingress[workload] is { } row ? row.AllowsAll(blocks) : Before.IsIngressOpen(workload);

        /// <summary>A block of the new cut lies inside one block of the old.</summary>
        private int Old(int block) => oldBlock is null ? block : oldBlock[block];
    }
}
