using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// What a large cluster's graph needs of one reachability matrix, summed per namespace: traffic between
/// namespaces, and between each namespace and each external block, the ingress controller and the special peers and DNS names. Computed
/// once per matrix (the graph is rebuilt for every filter or expansion, the matrix is not), and after an edit
/// updated from the overview before it for the namespaces the edit touches (see <see cref="Update"/>).
/// </summary>
internal sealed class MatrixOverview
{
    private readonly IReadOnlyList<Workload> _workloads;
    private readonly ExternalSpace _external;

    public MatrixOverview(ReachabilityMatrix matrix)
    {
        _workloads = matrix.Workloads;
        _external = matrix.External;
        Members = matrix.Workloads.Select((w, i) => (w.Namespace, i)).GroupBy(x => x.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(x => x.i)], StringComparer.Ordinal);
        Namespaces = [.. Members.Keys.Order(StringComparer.Ordinal)];
        BetweenNamespaces = matrix.NamespaceConnections();
        var outside = new OutsideSums();
        foreach (var (ns, members) in Members)
        {
            outside.Sum(matrix, ns, members);
        }

        (ToBlocks, FromBlocks, FromController) = (outside.ToBlocks, outside.FromBlocks, outside.FromController);
        (ToOthers, FromOthers) = SumOthers(matrix);
    }

    private MatrixOverview(ReachabilityMatrix matrix, MatrixOverview earlier, IReadOnlyList<NamespaceConnection> between, OutsideSums outside)
    {
        (_workloads, _external, Members, Namespaces) = (matrix.Workloads, matrix.External, earlier.Members, earlier.Namespaces);
        BetweenNamespaces = between;
        (ToBlocks, FromBlocks, FromController) = (outside.ToBlocks, outside.FromBlocks, outside.FromController);
        (ToOthers, FromOthers) = matrix.OtherEndpoints.Count == 0 ? (earlier.ToOthers, earlier.FromOthers) : SumOthers(matrix);
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

    /// <summary>Traffic from a namespace's workloads to an endpoint the dialects' policies name (Cilium's entities, DNS names), by its id.</summary>
    public IReadOnlyDictionary<(string Namespace, string Other), Sum> ToOthers { get; }

    /// <summary>Traffic from such an endpoint (never a DNS name: it is only a destination) to a namespace's workloads.</summary>
    public IReadOnlyDictionary<(string Namespace, string Other), Sum> FromOthers { get; }

    /// <summary>
    /// The overview of <paramref name="matrix"/> from <paramref name="earlier"/>, the overview of a matrix that differs
    /// from it only in the pairs <paramref name="differing"/> names (two drafts of one baseline differ at most in the
    /// pairs either changes): only the namespace pairs and the namespaces those pairs touch are summed again, so an
    /// edit costs what it touches. Null when the two matrices do not share their workloads and external blocks,
    /// or the edit touches so much that summing everything again is as quick.
    /// </summary>
    public static MatrixOverview? Update(MatrixOverview earlier, ReachabilityMatrix matrix, IEnumerable<ConnectionChange> differing)
    {
        if (!ReferenceEquals(earlier._workloads, matrix.Workloads)
            && !earlier._workloads.Select(w => w.Id).SequenceEqual(matrix.Workloads.Select(w => w.Id), StringComparer.Ordinal))
        {
            return null;
        }

        var pairs = new HashSet<(string Source, string Destination)>();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in differing)
        {
            var (source, destination) = (NamespaceOf(change.Source), NamespaceOf(change.Destination));
            if (source is not null && destination is not null)
            {
                pairs.Add((source, destination));
            }
            else if ((source ?? destination) is { } ns)
            {
                touched.Add(ns);
            }
        }

        // Beyond a quarter of the namespace pairs, one pass over the peer classes is quicker than pair by pair.
        if (pairs.Count * 4L > (long)earlier.Namespaces.Count * earlier.Namespaces.Count)
        {
            return null;
        }

        var between = earlier.BetweenNamespaces.Where(c => !pairs.Contains((c.SourceNamespace, c.DestinationNamespace))).ToList();
        foreach (var (source, destination) in pairs)
        {
            if (earlier.Members.TryGetValue(source, out var from) && earlier.Members.TryGetValue(destination, out var to) && Between(matrix, from, to) is { } sum)
            {
                between.Add(new NamespaceConnection(source, destination, sum.Pairs, sum.Allowed) { AllPairs = sum.AllPairs });
            }
        }

        between.Sort((a, b) => string.CompareOrdinal(a.SourceNamespace, b.SourceNamespace) is var c and not 0 ? c : string.CompareOrdinal(a.DestinationNamespace, b.DestinationNamespace));
        // A new address block (an edit naming a new CIDR) cuts the outside anew: its sums are all summed again.
        var sameBlocks = earlier.HasBlocksOf(matrix);
        var outside = sameBlocks ? new OutsideSums(earlier, touched) : new OutsideSums();
        foreach (var ns in sameBlocks ? touched.Where(earlier.Members.ContainsKey) : earlier.Namespaces)
        {
            outside.Sum(matrix, ns, earlier.Members[ns]);
        }

        return new MatrixOverview(matrix, earlier, between, outside);
    }

    /// <summary>Whether this overview's matrix cut the outside into the same external blocks as <paramref name="matrix"/>.</summary>
    private bool HasBlocksOf(ReachabilityMatrix matrix)
    {
        var (before, after) = (_external.Blocks, matrix.External.Blocks);
        return ReferenceEquals(_external, matrix.External)
            || (before.Length == after.Length && before.Zip(after).All(b => b.First.Ranges.SequenceEqual(b.Second.Ranges)));
    }

    private static string? NamespaceOf(Endpoint endpoint) => (endpoint as WorkloadEndpoint)?.Workload.Namespace;

    /// <summary>Traffic from one namespace's workloads to another's (distinct workloads), pair by pair; null when none.</summary>
    private static Sum? Between(ReachabilityMatrix matrix, IReadOnlyList<int> sources, IReadOnlyList<int> destinations)
    {
        var sum = default(Sum);
        foreach (var s in sources)
        {
            foreach (var d in destinations)
            {
                if (s != d)
                {
                    Add(ref sum, matrix.Between(s, d));
                }
            }
        }

        return sum.Pairs > 0 ? sum : null;
    }

    private static (Dictionary<(string, string), Sum> To, Dictionary<(string, string), Sum> From) SumOthers(ReachabilityMatrix matrix)
    {
        var to = new Dictionary<(string, string), Sum>();
        var from = new Dictionary<(string, string), Sum>();
        foreach (var other in matrix.OtherEndpoints)
        {
            foreach (var workload in matrix.Workloads)
            {
                var self = new WorkloadEndpoint(workload);
                Add(to, (workload.Namespace, other.Id), matrix.Get(self, other));
                if (other is not DnsEndpoint)
                {
                    Add(from, (workload.Namespace, other.Id), matrix.Get(other, self));
                }
            }
        }

        return (to, from);
    }

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
            sum = sum.Pairs == 0 ? new Sum(allowed, 1) { AllPairs = allowed.IsAll ? 1 : 0 } : sum.Add(allowed, 1);
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

    /// <summary>Each namespace's traffic with the external blocks and from the ingress controller, summed namespace by namespace.</summary>
    private sealed class OutsideSums
    {
        private Sum[] _out = [];
        private Sum[] _in = [];

        public OutsideSums()
        {
        }

        /// <summary>The sums of <paramref name="earlier"/> but those of the namespaces <paramref name="except"/>.</summary>
        public OutsideSums(MatrixOverview earlier, IReadOnlySet<string> except)
        {
            foreach (var (key, sum) in earlier.ToBlocks.Where(x => !except.Contains(x.Key.Namespace)))
            {
                ToBlocks[key] = sum;
            }

            foreach (var (key, sum) in earlier.FromBlocks.Where(x => !except.Contains(x.Key.Namespace)))
            {
                FromBlocks[key] = sum;
            }

            foreach (var (key, sum) in earlier.FromController.Where(x => !except.Contains(x.Key)))
            {
                FromController[key] = sum;
            }
        }

        public Dictionary<(string Namespace, int Block), Sum> ToBlocks { get; } = [];

        public Dictionary<(string Namespace, int Block), Sum> FromBlocks { get; } = [];

        public Dictionary<string, Sum> FromController { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Sums one namespace, in arrays indexed by block, so that a workload costs no dictionary look-up per block
        /// (REAL: 5,402 workloads x about 130 blocks, twice).
        /// </summary>
        public void Sum(ReachabilityMatrix matrix, string ns, IReadOnlyList<int> members)
        {
            var blocks = matrix.External.Blocks;
            if (_out.Length != blocks.Length)
            {
                (_out, _in) = (new Sum[blocks.Length], new Sum[blocks.Length]);
            }

            Array.Clear(_out);
            Array.Clear(_in);
            foreach (var i in members)
            {
                for (var b = 0; b < blocks.Length; b++)
                {
                    Add(ref _out[b], matrix.ToBlock(i, blocks[b].Index));
                    Add(ref _in[b], matrix.FromBlock(blocks[b].Index, i));
                }

                if (matrix.HasIngressController)
                {
                    Add(FromController, ns, matrix.FromIngressController(i));
                }
            }

            for (var b = 0; b < blocks.Length; b++)
            {
                if (_out[b].Pairs > 0)
                {
                    ToBlocks[(ns, blocks[b].Index)] = _out[b];
                }

                if (_in[b].Pairs > 0)
                {
                    FromBlocks[(ns, blocks[b].Index)] = _in[b];
                }
            }
        }
    }
}
