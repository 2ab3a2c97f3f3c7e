using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// What a large cluster's graph needs of one reachability matrix, summed per namespace: traffic between
/// namespaces, and between each namespace and each external block, the ingress controller and the special peers and DNS names. Computed
/// once per matrix (the graph is rebuilt for every filter or expansion, the matrix is not).
/// </summary>
internal sealed class MatrixOverview
{
    public MatrixOverview(ReachabilityMatrix matrix)
    {
        var workloads = matrix.Workloads;
        Members = workloads.Select((w, i) => (w.Namespace, i)).GroupBy(x => x.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(x => x.i)], StringComparer.Ordinal);
        Namespaces = [.. workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        BetweenNamespaces = matrix.NamespaceConnections();

        // Summed per namespace in arrays indexed by block, so that a workload costs no dictionary look-up per block
        // (REAL: 5,402 workloads x about 130 blocks, twice, after every edit).
        var blocks = matrix.External.Blocks;
        var outbound = new Dictionary<(string, int), Sum>();
        var inbound = new Dictionary<(string, int), Sum>();
        var controller = new Dictionary<string, Sum>(StringComparer.Ordinal);
        var outSums = new Sum[blocks.Length];
        var inSums = new Sum[blocks.Length];
        foreach (var (ns, members) in Members)
        {
            Array.Clear(outSums);
            Array.Clear(inSums);
            foreach (var i in members)
            {
                for (var b = 0; b < blocks.Length; b++)
                {
                    Add(ref outSums[b], matrix.ToBlock(i, blocks[b].Index));
                    Add(ref inSums[b], matrix.FromBlock(blocks[b].Index, i));
                }

                if (matrix.HasIngressController)
                {
                    Add(controller, ns, matrix.FromIngressController(i));
                }
            }

            for (var b = 0; b < blocks.Length; b++)
            {
                if (outSums[b].Pairs > 0)
                {
                    outbound[(ns, blocks[b].Index)] = outSums[b];
                }

                if (inSums[b].Pairs > 0)
                {
                    inbound[(ns, blocks[b].Index)] = inSums[b];
                }
            }
        }

        ToBlocks = outbound;
        FromBlocks = inbound;
        FromController = controller;
        (ToOthers, FromOthers) = SumOthers(matrix);
    }

    /// <summary>Traffic from a namespace's workloads to an endpoint the dialects' policies name (Cilium's entities, DNS names), by its id.</summary>
    public IReadOnlyDictionary<(string Namespace, string Other), Sum> ToOthers { get; }

    /// <summary>Traffic from such an endpoint (never a DNS name: it is only a destination) to a namespace's workloads.</summary>
    public IReadOnlyDictionary<(string Namespace, string Other), Sum> FromOthers { get; }

    private static (Dictionary<(string, string), Sum> To, Dictionary<(string, string), Sum> From) SumOthers(ReachabilityMatrix matrix)
    {
        var to = new Dictionary<(string, string), Sum>();
        var from = new Dictionary<(string, string), Sum>();
        foreach (var other in matrix.OtherEndpoints)
        {
            foreach (var workload in matrix.Workloads)
            {
                var self = new Engine.Evaluation.WorkloadEndpoint(workload);
                Add(to, (workload.Namespace, other.Id), matrix.Get(self, other));
                if (other is not Engine.Evaluation.DnsEndpoint)
                {
                    Add(from, (workload.Namespace, other.Id), matrix.Get(other, self));
                }
            }
        }

        return (to, from);
    }

    /// <summary>The namespaces that have workloads, in order.</summary>
    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>The matrix indices of each namespace's workloads.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Members { get; }

    /// <summary>Traffic between namespaces (and within one, between distinct workloads).</summary>
    public IReadOnlyList<NamespaceConnection> BetweenNamespaces { get; }

    /// <summary>Traffic from a namespace's workloads to an external block (by block index).</summary>
    public IReadOnlyDictionary<(string Namespace, int Block), Sum> ToBlocks { get; }

    /// <summary>Traffic from an external block to a namespace's workloads.</summary>
    public IReadOnlyDictionary<(string Namespace, int Block), Sum> FromBlocks { get; }

    /// <summary>Traffic from the ingress controller to a namespace's workloads.</summary>
    public IReadOnlyDictionary<string, Sum> FromController { get; }

    private static void Add<TKey>(Dictionary<TKey, Sum> sums, TKey key, ConnectionSet allowed)
        where TKey : notnull
    {
        if (!allowed.IsEmpty)
        {
            sums[key] = sums.TryGetValue(key, out var sum) ? sum.Add(allowed, 1) : new Sum(allowed, 1) { AllPairs = allowed.IsAll ? 1 : 0 };
        }
    }

    private static void Add(ref Sum sum, ConnectionSet allowed)
    {
        if (!allowed.IsEmpty)
        {
            sum = sum.Pairs == 0 ? new Sum(allowed, 1) : sum.Add(allowed, 1);
        }
    }

    /// <summary>Connections summed over workload pairs, and how many pairs had any.</summary>
    public readonly record struct Sum(ConnectionSet Allowed, int Pairs)
    {
        /// <summary>How many of the pairs may exchange every connection.</summary>
        public int AllPairs { get; init; }

        /// <summary>This sum with more pairs; the same set again costs no union.</summary>
        public Sum Add(ConnectionSet allowed, int pairs) =>
            new(Allowed.IsAll || ReferenceEquals(Allowed, allowed) || Allowed.Equals(allowed) ? Allowed : Allowed.Union(allowed), Pairs + pairs)
            {
                AllPairs = AllPairs + (allowed.IsAll ? pairs : 0),
            };
    }
}
