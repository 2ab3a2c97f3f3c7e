using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// What a change to a cluster does to its reachability: every pair newly blocked, newly allowed or
/// changed, with the policies that caused it. When only NetworkPolicies changed, only the rows of
/// the workloads those policies select (in either version) are recomputed, so the cost follows the
/// size of the edit, not of the cluster.
/// </summary>
public sealed class ChangeImpact
{
    private readonly Lazy<ReachabilityMatrix> _after;

    private ChangeImpact(ReachabilityMatrix before, ClusterEvaluator after, IReadOnlyList<ConnectionChange> changes, IReadOnlyList<string> changedPolicies, bool incremental, Func<ReachabilityMatrix> afterMatrix)
    {
        Before = before;
        AfterEvaluator = after;
        Changes = changes;
        ChangedPolicies = changedPolicies;
        WasIncremental = incremental;
        _after = new Lazy<ReachabilityMatrix>(afterMatrix);
    }

    /// <summary>The reachability before the change.</summary>
    public ReachabilityMatrix Before { get; }

    /// <summary>The evaluator of the cluster after the change.</summary>
    public ClusterEvaluator AfterEvaluator { get; }

    /// <summary>The reachability after the change, made on first use: the earlier matrix with the recomputed rows put in when the change was incremental.</summary>
    public ReachabilityMatrix After => _after.Value;

    /// <summary>Every pair whose connections changed.</summary>
    public IReadOnlyList<ConnectionChange> Changes { get; }

    /// <summary>The policies added, edited or deleted (<see cref="PolicyKey.Id"/>: <c>namespace/name</c> for a NetworkPolicy).</summary>
    public IReadOnlyList<string> ChangedPolicies { get; }

    /// <summary>True when only the rows the change touches were recomputed.</summary>
    public bool WasIncremental { get; }

    /// <summary>The namespaces of the workloads whose rows were recomputed; null when the whole matrix was.</summary>
    public IReadOnlySet<string>? RecomputedNamespaces { get; private init; }

    /// <summary>Pairs that lose all traffic.</summary>
    public IEnumerable<ConnectionChange> NewlyBlocked => Changes.Where(c => c.Kind == ChangeKind.Removed);

    /// <summary>Pairs that gain traffic where they had none.</summary>
    public IEnumerable<ConnectionChange> NewlyAllowed => Changes.Where(c => c.Kind == ChangeKind.Added);

    /// <summary>The impact of going from <paramref name="before"/>'s cluster to <paramref name="after"/>.</summary>
    public static ChangeImpact Compute(ReachabilityMatrix before, Cluster after)
    {
        var oldCluster = before.Evaluator.Cluster;
        var changed = PolicyDifference.Between(oldCluster, after);
        var ids = changed.Select(c => c.Id).ToList();
        var onlyNetworkPolicies = before.Evaluator.DiffersOnlyInNetworkPolicies(after);
        if (!onlyNetworkPolicies && !(before.Evaluator.DiffersOnlyInPolicies(after) && changed.All(c => IsBounded(c.Before) && IsBounded(c.After))
            && Dialects.Cilium.CiliumDialect.IsUsedBy(oldCluster) == Dialects.Cilium.CiliumDialect.IsUsedBy(after)))
        {
            var evaluator = new ClusterEvaluator(after);
            var (m1, m2) = ConnectivityDiff.BuildPair(before.Evaluator, evaluator);
            var changes = ConnectivityDiff.Compare(m1, m2).Select(c => c with { Causes = CausesOf(c, changed, oldCluster, after) }).ToList();
            return new ChangeImpact(before, evaluator, changes, ids, false, () => m2);
        }

        var afterEvaluator = onlyNetworkPolicies ? before.Evaluator.WithNetworkPolicies(after) : before.Evaluator.WithPolicies(after);
        if (changed.Count == 0)
        {
            return new ChangeImpact(before, afterEvaluator, [], ids, true, () => before) { RecomputedNamespaces = new HashSet<string>() };
        }

        return Incremental(before, afterEvaluator, changed);
    }

    /// <summary>The impact of one policy change.</summary>
    public static ChangeImpact Compute(ReachabilityMatrix before, PolicyChange change) => Compute(before, before.Evaluator.Cluster.Apply(change));

    private static ChangeImpact Incremental(ReachabilityMatrix before, ClusterEvaluator after, IReadOnlyList<PolicyDifference> changed)
    {
        var workloads = before.Workloads;
        var membership = before.Membership;

        // Only rows of workloads selected by a changed policy (either version) can change: a program walk for a
        // subject involves only the policies that select it, and none of the policy kinds here changes another's.
        var causesOut = new Dictionary<int, List<string>>();
        var causesIn = new Dictionary<int, List<string>>();
        void AddCauses(int[] members, bool egress, bool ingress, string id)
        {
            foreach (var w in members)
            {
                if (egress)
                {
                    AddCause(causesOut, w, id);
                }

                if (ingress)
                {
                    AddCause(causesIn, w, id);
                }
            }
        }

        var changedKeys = changed.Select(c => c.Key).ToHashSet();
        foreach (var difference in changed)
        {
            foreach (var version in new[] { difference.Before, difference.After }.OfType<NetworkPolicy>())
            {
                AddCauses(membership.Members(version), version.AffectsEgress, version.AffectsIngress, difference.Id);
            }
        }

        // An edit of NetworkPolicies alone keeps the program (the same object): none of its policies changed.
        var newPeers = new List<PeerMatcher>();
        var programs = ReferenceEquals(before.Evaluator.Program, after.Program) ? [] : new[] { (before.Evaluator.Program, false), (after.Program, true) };
        foreach (var (program, isAfter) in programs)
        {
            foreach (var policy in program.Policies.Where(p => changedKeys.Contains(p.Source.Source)))
            {
                AddCauses(membership.Members(policy.Subject), policy.Egress.Length > 0 || policy.Isolates(TrafficDirection.Egress),
                    policy.Ingress.Length > 0 || policy.Isolates(TrafficDirection.Ingress), policy.Source.Source.Id);
                if (isAfter)
                {
                    newPeers.AddRange(policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Matcher.Peers));
                }
            }
        }

        var space = AlignedSpace(before, changed, newPeers);
        var units = new WorkloadUnits(before, after, space, newPeers);
        var unions = new UnionCache();
        var scratch = new RowScratch();
        var programRows = new ProgramRows(after, space, unions, units);

        // The program policies selecting each recomputed workload, asked once per workload and version (an edit of
        // NetworkPolicies alone keeps the program, so one answer serves both versions).
        var selectingNow = new Dictionary<int, Program.CompiledPolicy[]>();
        var selectingWas = ReferenceEquals(before.Evaluator.Program, after.Program) ? selectingNow : [];
        Program.CompiledPolicy[] Selecting(ClusterEvaluator evaluator, Dictionary<int, Program.CompiledPolicy[]> known, int w) =>
            known.TryGetValue(w, out var s) ? s : known[w] = evaluator.ProgramSelecting(workloads[w]);
        Program.CompiledPolicy[] SelectingNow(int w) => Selecting(after, selectingNow, w);
        Program.CompiledPolicy[] SelectingWas(int w) => Selecting(before.Evaluator, selectingWas, w);

        var rowOut = causesOut.Keys.ToDictionary(w => w, w => Row(after, space, units, unions, scratch, programRows, workloads[w], TrafficDirection.Egress, SelectingNow(w)));
        var rowIn = causesIn.Keys.ToDictionary(w => w, w => Row(after, space, units, unions, scratch, programRows, workloads[w], TrafficDirection.Ingress, SelectingNow(w)));
        // A block of the new cut lies inside one old block, unless it is of a family the old cut did not cover (-1).
        int OldBlock(ExternalBlock block) => ReferenceEquals(space, before.External) ? block.Index : before.External.BlockOf(block.Representative)?.Index ?? -1;
        ConnectionSet OldTo(int source, ExternalBlock block) => OldBlock(block) is var b and >= 0
            ? before.ToBlock(source, b) : before.Evaluator.Evaluate(Endpoint.Of(workloads[source]), new ExternalEndpoint(block.Representative));
        ConnectionSet OldFrom(ExternalBlock block, int destination) => OldBlock(block) is var b and >= 0
            ? before.FromBlock(b, destination) : before.Evaluator.Evaluate(new ExternalEndpoint(block.Representative), Endpoint.Of(workloads[destination]));

        var endpoints = workloads.Select(Endpoint.Of).ToArray();
        var changes = new List<ConnectionChange>();
        void Add(Endpoint source, Endpoint destination, ConnectionSet was, ConnectionSet now, IEnumerable<string> causes)
        {
            if (!was.Equals(now))
            {
                var kind = was.IsEmpty ? ChangeKind.Added : now.IsEmpty ? ChangeKind.Removed : ChangeKind.Changed;
                changes.Add(new ConnectionChange(source, destination, kind, was, now, null) { Causes = [.. causes.Distinct().Order(StringComparer.Ordinal)] });
            }
        }

        IEnumerable<string> Causes(int source, int destination) =>
            (causesOut.TryGetValue(source, out var o) ? o : []).Concat(causesIn.TryGetValue(destination, out var i) ? i : []);

        // The endpoints the dialects' policies name (Cilium's entities and DNS names), in either version: the new version
        // names those of the old one or of the changed policies (asking only these spares a walk over every policy).
        var changedPolicies = after.Cluster with { OtherPolicies = changed.Select(c => c.After).OfType<IPolicyResource>().Where(p => p is not NetworkPolicy).ToValueArray() };
        var others = before.OtherEndpoints.Concat(ReachabilityMatrix.OtherEndpointsOf(changedPolicies)).DistinctBy(e => e.Id).ToList();
        var peers = new ChangedRowPeers(before, units, rowOut, rowIn);
        var othersIn = others.Where(o => o is not DnsEndpoint).ToList();
        foreach (var (s, egress) in rowOut)
        {
            var wasOut = before.Evaluator.EvaluateWithOthers(workloads[s], SelectingWas(s), TrafficDirection.Egress, others);
            var nowOut = after.EvaluateWithOthers(workloads[s], SelectingNow(s), TrafficDirection.Egress, others);
            for (var i = 0; i < others.Count; i++)
            {
                Add(endpoints[s], others[i], wasOut[i], nowOut[i], Causes(s, -1));
            }

            ConnectionSet Now(int d)
            {
                var e = egress.ForClass(d, units.GroupOf(d));
                return e.IsEmpty ? e : e.Intersect(rowIn.TryGetValue(d, out var ri) ? ri.ForClass(s, units.GroupOf(s)) : before.IngressValue(d, s));
            }

            peers.CompareEgress(s, Now, d => before.Between(s, d), d => Add(endpoints[s], endpoints[d], before.Between(s, d), Now(d), Causes(s, d)));

            foreach (var block in space.Blocks)
            {
                var was = OldTo(s, block);
                var now = egress.ForBlock(block.Index);
                if (was.Equals(now))
                {
                    continue;
                }

                foreach (var range in block.Ranges)
                {
                    Add(endpoints[s], new ExternalEndpoint(range), was, now, Causes(s, -1));
                }
            }
        }

        foreach (var (d, ingress) in rowIn)
        {
            ConnectionSet Now(int s)
            {
                var e = before.EgressValue(s, d);
                return e.IsEmpty ? e : e.Intersect(ingress.ForClass(s, units.GroupOf(s)));
            }

            // Sources with a recomputed egress row were compared with this row above.
            peers.CompareIngress(d, Now, s => before.Between(s, d), s => Add(endpoints[s], endpoints[d], before.Between(s, d), Now(s), Causes(s, d)));

            foreach (var block in space.Blocks)
            {
                var was = OldFrom(block, d);
                var now = ingress.ForBlock(block.Index);
                if (was.Equals(now))
                {
                    continue;
                }

                foreach (var range in block.Ranges)
                {
                    Add(new ExternalEndpoint(range), endpoints[d], was, now, Causes(-1, d));
                }
            }

            // Entities reach the workload through its ingress; a DNS name is only a destination.
            var wasIn = before.Evaluator.EvaluateWithOthers(workloads[d], SelectingWas(d), TrafficDirection.Ingress, othersIn);
            var nowIn = after.EvaluateWithOthers(workloads[d], SelectingNow(d), TrafficDirection.Ingress, othersIn);
            for (var i = 0; i < othersIn.Count; i++)
            {
                Add(othersIn[i], endpoints[d], wasIn[i], nowIn[i], Causes(-1, d));
            }

            var exposed = after.Exposures.PortsOf(workloads[d]);
            if (!exposed.IsEmpty)
            {
                Add(Endpoint.IngressController, endpoints[d], before.FromIngressController(d), exposed.Intersect(ingress.IngressController), Causes(-1, d));
            }
        }

        CompareHostSides(before.Evaluator, after, changedKeys, others, endpoints, space, rowOut, rowIn, Add);

        var ids = changed.Select(c => c.Id).ToList();
        return new ChangeImpact(before, after, changes, ids, true,
            () => ReachabilityMatrix.WithRows(before, after, space, units, rowOut, rowIn) ?? ReachabilityMatrix.Build(after, null, membership))
        {
            RecomputedNamespaces = rowOut.Keys.Concat(rowIn.Keys).Select(w => workloads[w].Namespace).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// A host endpoint's own side changes when a changed policy selects it (in either version), which no workload row
    /// shows: every pair with such a host endpoint (workloads, external ranges, other host endpoints, both ways) is
    /// compared again, except those a recomputed workload row compared already. A cluster has few host endpoints.
    /// </summary>
    private static void CompareHostSides(ClusterEvaluator before, ClusterEvaluator after, HashSet<PolicyKey> changedKeys, List<Endpoint> others,
        Endpoint[] endpoints, ExternalSpace space, Dictionary<int, DirectionalRow> rowOut, Dictionary<int, DirectionalRow> rowIn,
        Action<Endpoint, Endpoint, ConnectionSet, ConnectionSet, IEnumerable<string>> add)
    {
        List<string> ChangedSelecting(HostEndpoint host) =>
        [
            .. new[] { before.Program, after.Program }
                .SelectMany(program => program.Policies)
                .Where(p => changedKeys.Contains(p.Source.Source) && p.Source.Hosts?.Invoke(host.AsWorkload) == true)
                .Select(p => p.Source.Source.Id)
                .Distinct(StringComparer.Ordinal),
        ];

        var hosts = others.OfType<HostEndpoint>().Select(h => (Host: h, Causes: ChangedSelecting(h))).Where(h => h.Causes.Count > 0).ToList();
        var compared = new HashSet<(string, string)>();
        void Compare(Endpoint source, Endpoint destination, IEnumerable<string> causes)
        {
            if (compared.Add((source.Id, destination.Id)))
            {
                add(source, destination, before.Evaluate(source, destination), after.Evaluate(source, destination), causes);
            }
        }

        foreach (var (host, causes) in hosts)
        {
            for (var w = 0; w < endpoints.Length; w++)
            {
                if (!rowIn.ContainsKey(w))
                {
                    Compare(host, endpoints[w], causes);
                }

                if (!rowOut.ContainsKey(w))
                {
                    Compare(endpoints[w], host, causes);
                }
            }

            foreach (var (source, destination) in ReachabilityMatrix.HostPairs(host, space, others))
            {
                Compare(source, destination, causes);
                if (destination is HostEndpoint)
                {
                    // The other host endpoint's traffic to this one meets this one's changed ingress.
                    Compare(destination, source, causes);
                }
            }
        }
    }

    private static DirectionalRow Row(ClusterEvaluator evaluator, ExternalSpace space, IPeerUnits units, UnionCache unions, RowScratch scratch, ProgramRows programRows, Workload subject, TrafficDirection direction, Program.CompiledPolicy[] selecting) =>
        RowBuilder.Build(space, units, unions, scratch, programRows, subject, direction, [.. evaluator.PoliciesIn(subject.Namespace).Where(p => p.Selects(subject))], programRows.SelectionOf(selecting));

    /// <summary>The old cut when every new address set respects it; otherwise a cut of old and new sets together.</summary>
    private static ExternalSpace AlignedSpace(ReachabilityMatrix before, IReadOnlyList<PolicyDifference> changed, IEnumerable<PeerMatcher> programPeers)
    {
        var added = changed.Select(c => c.After).OfType<NetworkPolicy>()
            .SelectMany(p => p.Ingress.Concat(p.Egress))
            .SelectMany(r => r.Peers)
            .Where(p => p.IpBlock is not null)
            .Select(p => p.IpBlock!.Addresses)
            .Concat(programPeers.Where(p => p.Addresses is not null).Select(p => p.Addresses!))
            .ToList();
        var aligned = added.All(set => AddressSet.FromRanges(before.External.BlocksWithin(set).SelectMany(b => before.External.Blocks[b].Ranges)).Equals(set));
        return aligned ? before.External : ExternalSpace.Cut(before.Evaluator.AddressSets().Concat(added));
    }

    /// <summary>
    /// Whether a changed policy's effect is bounded by the workloads it selects: a NetworkPolicy, an admin policy or
    /// ClusterNetworkPolicy, a Calico policy, a Cilium policy (the names its DNS rules let endpoints learn change only
    /// what the endpoints it selects may reach; the first Cilium policy or the last one gone changes what the local host
    /// may reach everywhere, which the caller checks). Other kinds can change what other policies mean (a Calico network
    /// set or tier, a profile's labels, a CiliumCIDRGroup, Cilium's enforcement mode).
    /// </summary>
    private static bool IsBounded(IPolicyResource? policy) =>
        policy is null or NetworkPolicy or AdminNetworkPolicy or BaselineAdminNetworkPolicy or ClusterNetworkPolicy or Model.Calico.CalicoPolicy or Dialects.Cilium.CiliumPolicy;

    private static void AddCause(Dictionary<int, List<string>> causes, int workload, string id)
    {
        if (!causes.TryGetValue(workload, out var list))
        {
            causes[workload] = list = [];
        }

        list.Add(id);
    }

    /// <summary>The changed policies that select the change's source for egress or its destination for ingress, in either version.</summary>
    private static IReadOnlyList<string> CausesOf(ConnectionChange change, IReadOnlyList<PolicyDifference> changed, Cluster before, Cluster after)
    {
        var sources = new[] { before.FindWorkload(change.Source.Id), after.FindWorkload(change.Source.Id) }.OfType<Workload>().ToList();
        var destinations = new[] { before.FindWorkload(change.Destination.Id), after.FindWorkload(change.Destination.Id) }.OfType<Workload>().ToList();
        static bool Selects(NetworkPolicy p, Workload w) => p.Namespace == w.Namespace && p.PodSelector.Matches(w.Labels);
        bool Causes(IPolicyResource? policy) => policy switch
        {
            null => false,
            NetworkPolicy p => (p.AffectsEgress && sources.Any(w => Selects(p, w))) || (p.AffectsIngress && destinations.Any(w => Selects(p, w))),

            // A policy of another kind is named whenever it changed: its subjects and peers both decide.
            _ => true,
        };
        return [.. changed.Where(c => Causes(c.Before) || Causes(c.After)).Select(c => c.Id).Order(StringComparer.Ordinal)];
    }
}
