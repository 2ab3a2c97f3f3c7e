using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The allowed connections between every ordered pair of endpoints of a cluster: workloads, external
/// address blocks and the ingress controller. Workloads that no selector tells apart share a peer
/// class and one stored row per direction; rows keep explicit values only where rules name peers and
/// hold "all connections" symbolically. A pair's connections are the source class's egress value
/// intersected with the destination class's ingress value.
/// </summary>
public sealed partial class ReachabilityMatrix
{
    private readonly Dictionary<string, int> _indexById;
    private readonly DirectionalRow[] _egress;
    private readonly DirectionalRow[] _ingress;
    private readonly int[] _groupOfClass;
    private readonly RowOverlay? _overlay;
    private IReadOnlyList<Endpoint>? _otherEndpoints;

    private ReachabilityMatrix(ClusterEvaluator evaluator, ExternalSpace external, Parts parts)
    {
        Evaluator = evaluator;
        External = external;
        Workloads = evaluator.Cluster.Workloads.Items;
        ClassOf = parts.ClassOf;
        PeerClassCount = parts.ClassCount;
        _groupOfClass = parts.GroupOf;
        _egress = parts.Egress;
        _ingress = parts.Ingress;
        Membership = parts.Membership;
        _indexById = new Dictionary<string, int>(Workloads.Count, StringComparer.Ordinal);
        for (var i = 0; i < Workloads.Count; i++)
        {
            _indexById[Workloads[i].Id] = i;
        }
    }

    /// <summary>The evaluator (and so the cluster) the matrix describes.</summary>
    public ClusterEvaluator Evaluator { get; }

    /// <summary>The workloads, in the cluster's order; matrix indices refer to this list.</summary>
    public IReadOnlyList<Workload> Workloads { get; }

    /// <summary>The external address blocks.</summary>
    public ExternalSpace External { get; }

    /// <summary>How many peer classes the workloads fell into.</summary>
    public int PeerClassCount { get; }

    /// <summary>True when some Ingress or Route exposes a workload, so the ingress controller is an endpoint.</summary>
    public bool HasIngressController => Evaluator.Exposures.Any;

    /// <summary>The special peers and DNS names the cluster's policies name (Cilium's <c>{host}</c>, <c>api.example.com[DNS]</c>...).</summary>
    public IReadOnlyList<Endpoint> OtherEndpoints => _otherEndpoints ??= OtherEndpointsOf(Evaluator.Cluster);

    /// <summary>The special peers and DNS names the policies of <paramref name="cluster"/> name.</summary>
    internal static IReadOnlyList<Endpoint> OtherEndpointsOf(Cluster cluster) => [.. Program.PolicyDialects.All.SelectMany(d => d.Endpoints(cluster))];

    internal int[] ClassOf { get; }

    /// <summary>Which workloads each selector takes in; shared with incremental updates over the same workloads.</summary>
    internal SelectorMembership Membership { get; }

    /// <summary>The egress value of one workload towards another, before the other's ingress is applied.</summary>
    internal ConnectionSet EgressValue(int source, int destination) => _overlay?.Egress(source, destination) ?? _egress[ClassOf[source]].ForClass(ClassOf[destination], _groupOfClass[ClassOf[destination]]);

    /// <summary>The ingress value of one workload from another, before the other's egress is applied.</summary>
    internal ConnectionSet IngressValue(int destination, int source) => _overlay?.Ingress(destination, source) ?? _ingress[ClassOf[destination]].ForClass(ClassOf[source], _groupOfClass[ClassOf[source]]);

    /// <summary>The peer group of a workload's class.</summary>
    internal int GroupOfWorkload(int workload) => _overlay?.GroupOf[workload] ?? _groupOfClass[ClassOf[workload]];

    /// <summary>The stored rows of a matrix, as the builder hands them over.</summary>
    internal sealed record Parts(int[] ClassOf, int ClassCount, int[] GroupOf, DirectionalRow[] Egress, DirectionalRow[] Ingress, SelectorMembership Membership);

    /// <summary>Builds the matrix; <paramref name="external"/> fixes the cut of the external space (for comparing two versions), else the cluster's own cut is used.</summary>
    public static ReachabilityMatrix Build(ClusterEvaluator evaluator, ExternalSpace? external = null) =>
        Build(evaluator, external, null);

    /// <summary>Builds the matrix, reusing selector results of an earlier matrix over the same workloads.</summary>
    internal static ReachabilityMatrix Build(ClusterEvaluator evaluator, ExternalSpace? external, SelectorMembership? membership)
    {
        external ??= evaluator.ExternalSpace;
        membership ??= new SelectorMembership(evaluator.Cluster.Workloads.Items, evaluator.Namespaces, evaluator.Compilation.PeerCount);
        return new ReachabilityMatrix(evaluator, external, new MatrixBuilder(evaluator, external, membership).Build());
    }

    /// <summary>The index of a workload by its report id, or -1.</summary>
    public int IndexOf(string workloadId) => _indexById.TryGetValue(workloadId, out var i) ? i : -1;

    /// <summary>Connections from workload <paramref name="source"/> to workload <paramref name="destination"/> (indices).</summary>
    public ConnectionSet Between(int source, int destination)
    {
        if (_overlay is { } overlay)
        {
            return overlay.Between(source, destination);
        }

        int cs = ClassOf[source], cd = ClassOf[destination];
        var egress = _egress[cs].ForClass(cd, _groupOfClass[cd]);
        return egress.IsEmpty ? egress : egress.Intersect(_ingress[cd].ForClass(cs, _groupOfClass[cs]));
    }

    /// <summary>Connections from a workload to an external block.</summary>
    public ConnectionSet ToBlock(int source, int block) => _overlay?.ToBlock(source, block) ?? _egress[ClassOf[source]].ForBlock(block);

    /// <summary>Connections from an external block to a workload.</summary>
    public ConnectionSet FromBlock(int block, int destination) => _overlay?.FromBlock(block, destination) ?? _ingress[ClassOf[destination]].ForBlock(block);

    /// <summary>Connections from the ingress controller to a workload (exposed ports the workload's ingress allows).</summary>
    public ConnectionSet FromIngressController(int destination)
    {
        var exposed = Evaluator.Exposures.PortsOf(Workloads[destination]);
        return exposed.IsEmpty ? exposed : exposed.Intersect(IngressControllerValue(destination));
    }

    /// <summary>Whether the workload's egress is restricted to anything less than everything.</summary>
    public bool IsEgressOpen(int workload) => _overlay?.IsEgressOpen(workload) ?? _egress[ClassOf[workload]].AllowsAll(External.Blocks.Length);

    /// <summary>Whether the workload's ingress allows everything from everywhere.</summary>
    public bool IsIngressOpen(int workload) => _overlay?.IsIngressOpen(workload) ?? _ingress[ClassOf[workload]].AllowsAll(External.Blocks.Length);

    /// <summary>Connections between any two endpoints (an external endpoint must lie within one block).</summary>
    public ConnectionSet Get(Endpoint source, Endpoint destination)
    {
        if (!ClusterEvaluator.IsPair(source, destination))
        {
            return ConnectionSet.None;
        }

        return (source, destination) switch
        {
            (WorkloadEndpoint s, WorkloadEndpoint d) => Between(Require(s), Require(d)),
            (WorkloadEndpoint s, ExternalEndpoint e) => ToBlock(Require(s), RequireBlock(e)),
            (ExternalEndpoint e, WorkloadEndpoint d) => FromBlock(RequireBlock(e), Require(d)),
            (IngressControllerEndpoint, WorkloadEndpoint d) => FromIngressController(Require(d)),
            (SpecialEndpoint or DnsEndpoint or HostEndpoint, _) or (_, SpecialEndpoint or DnsEndpoint or HostEndpoint) => Evaluator.Evaluate(source, destination),
            _ => ConnectionSet.None,
        };
    }

    /// <summary>
    /// Every allowed connection: between distinct workloads, between workloads and each range of each
    /// external block, and from the ingress controller.
    /// </summary>
    public IEnumerable<Connection> Connections()
    {
        for (var s = 0; s < Workloads.Count; s++)
        {
            var source = new WorkloadEndpoint(Workloads[s]);
            for (var d = 0; d < Workloads.Count; d++)
            {
                if (s == d)
                {
                    continue;
                }

                var c = Between(s, d);
                if (!c.IsEmpty)
                {
                    yield return new Connection(source, new WorkloadEndpoint(Workloads[d]), c);
                }
            }

            foreach (var block in External.Blocks)
            {
                var c = ToBlock(s, block.Index);
                if (!c.IsEmpty)
                {
                    foreach (var range in block.Ranges)
                    {
                        yield return new Connection(source, new ExternalEndpoint(range), c);
                    }
                }
            }
        }

        for (var d = 0; d < Workloads.Count; d++)
        {
            var destination = new WorkloadEndpoint(Workloads[d]);
            foreach (var block in External.Blocks)
            {
                var c = FromBlock(block.Index, d);
                if (!c.IsEmpty)
                {
                    foreach (var range in block.Ranges)
                    {
                        yield return new Connection(new ExternalEndpoint(range), destination, c);
                    }
                }
            }

            if (HasIngressController)
            {
                var c = FromIngressController(d);
                if (!c.IsEmpty)
                {
                    yield return new Connection(Endpoint.IngressController, destination, c);
                }
            }
        }

        foreach (var other in OtherEndpoints)
        {
            for (var w = 0; w < Workloads.Count; w++)
            {
                var workload = new WorkloadEndpoint(Workloads[w]);
                var to = Evaluator.Evaluate(workload, other);
                if (!to.IsEmpty)
                {
                    yield return new Connection(workload, other, to);
                }

                // A DNS name is only ever a destination.
                var from = other is DnsEndpoint ? ConnectionSet.None : Evaluator.Evaluate(other, workload);
                if (!from.IsEmpty)
                {
                    yield return new Connection(other, workload, from);
                }
            }

            if (other is HostEndpoint)
            {
                foreach (var connection in HostConnections(other))
                {
                    yield return connection;
                }
            }
        }
    }

    /// <summary>A host endpoint's connections with each range of each external block (both ways) and to the other host endpoints: they have policies of their own.</summary>
    private IEnumerable<Connection> HostConnections(Endpoint host)
    {
        foreach (var (source, destination) in HostPairs(host, External, OtherEndpoints))
        {
            var c = Evaluator.Evaluate(source, destination);
            if (!c.IsEmpty)
            {
                yield return new Connection(source, destination, c);
            }
        }
    }

    /// <summary>
    /// The pairs of a host endpoint beside those with workloads, which the rows do not hold: with each range of each
    /// block of <paramref name="space"/> (to it, then from it) and to each other host endpoint among <paramref name="others"/>.
    /// </summary>
    internal static IEnumerable<(Endpoint Source, Endpoint Destination)> HostPairs(Endpoint host, ExternalSpace space, IEnumerable<Endpoint> others)
    {
        foreach (var block in space.Blocks)
        {
            foreach (var range in block.Ranges)
            {
                var external = new ExternalEndpoint(range);
                yield return (host, external);
                yield return (external, host);
            }
        }

        foreach (var other in others)
        {
            if (other is HostEndpoint && other.Id != host.Id)
            {
                yield return (host, other);
            }
        }
    }

    /// <summary>
    /// Traffic summed per ordered pair of namespaces (distinct workloads only), computed per pair of
    /// peer classes rather than per pair of workloads, for overviews of clusters too large to draw.
    /// </summary>
    public IReadOnlyList<NamespaceConnection> NamespaceConnections()
    {
        var members = new List<int>[PeerClassCount];
        for (var c = 0; c < members.Length; c++)
        {
            members[c] = [];
        }

        for (var w = 0; w < Workloads.Count; w++)
        {
            members[ClassOf[w]].Add(w);
        }

        var byNamespace = members.Select(m => m.GroupBy(w => Workloads[w].Namespace, StringComparer.Ordinal).Select(g => (Namespace: g.Key, Count: g.Count())).ToArray()).ToArray();
        var totals = new Dictionary<(string, string), (int Pairs, ConnectionSet Allowed, int AllPairs)>();
        for (var s = 0; s < members.Length; s++)
        {
            for (var d = 0; d < members.Length; d++)
            {
                var (rs, rd) = (members[s][0], members[d][0]);
                if (s == d && members[s].Count == 1)
                {
                    continue;
                }

                var allowed = Between(rs, rd);
                if (allowed.IsEmpty)
                {
                    continue;
                }

                foreach (var (ns1, n1) in byNamespace[s])
                {
                    foreach (var (ns2, n2) in byNamespace[d])
                    {
                        // Within one class and namespace, a workload's pairs with itself do not count.
                        var pairs = s == d && ns1 == ns2 ? n1 * (n1 - 1) : n1 * n2;
                        if (pairs == 0)
                        {
                            continue;
                        }

                        var all = allowed.IsAll ? pairs : 0;
                        totals[(ns1, ns2)] = totals.TryGetValue((ns1, ns2), out var t) ? (t.Pairs + pairs, t.Allowed.Union(allowed), t.AllPairs + all) : (pairs, allowed, all);
                    }
                }
            }
        }

        return [.. totals.Select(t => new NamespaceConnection(t.Key.Item1, t.Key.Item2, t.Value.Pairs, t.Value.Allowed) { AllPairs = t.Value.AllPairs })
            .OrderBy(t => t.SourceNamespace, StringComparer.Ordinal).ThenBy(t => t.DestinationNamespace, StringComparer.Ordinal)];
    }

    private int Require(WorkloadEndpoint endpoint) =>
        IndexOf(endpoint.Workload.Id) is var i and >= 0 ? i : throw new ArgumentException($"{endpoint.Id} is not a workload of this cluster.", nameof(endpoint));

    private int RequireBlock(ExternalEndpoint endpoint) =>
        External.BlockOf(endpoint.Range)?.Index ?? throw new ArgumentException($"{endpoint.Id} spans several address blocks; ask about a smaller range.", nameof(endpoint));
}
