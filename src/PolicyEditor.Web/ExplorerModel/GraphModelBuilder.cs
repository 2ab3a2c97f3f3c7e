using System.Runtime.CompilerServices;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.Workspace;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Turns the engine's analysis of a workspace into the graph the explorer draws: workloads inside their
/// namespaces; external blocks, the internet and the ingress controller outside; an edge for every
/// allowed connection of the draft, coloured by protocol and marked where the draft changes the baseline
/// (edges the draft blocks are kept, to be drawn red and dashed).
/// </summary>
/// <remarks>
/// Two things keep the picture readable. Edges that every workload of a namespace shares are drawn
/// once, from or to the namespace's box ("every pod of shop may reach kube-dns"). And a cluster of
/// more than <see cref="GraphOptions.CollapseThreshold"/> workloads starts with each namespace as one
/// node and edges summed per namespace, computed per peer class and once per matrix (see
/// <see cref="MatrixOverview"/>), so expanding a namespace or changing a filter costs milliseconds.
/// </remarks>
public sealed partial class GraphModelBuilder
{
    private static readonly ConditionalWeakTable<ConnectionSet, Description> Descriptions = [];
    private readonly ConditionalWeakTable<ReachabilityMatrix, MatrixOverview> _overviews = [];
    private readonly ConditionalWeakTable<ReachabilityMatrix, LatestOverview> _latest = [];

    /// <summary>Builds the graph off the caller's thread.</summary>
    public Task<GraphModel> BuildAsync(WorkspaceAnalysis analysis, GraphOptions options) => Task.Run(() => Build(analysis, options));

    /// <summary>Builds the graph of an analysis as the options ask.</summary>
    public GraphModel Build(WorkspaceAnalysis analysis, GraphOptions options)
    {
        var matrix = analysis.Draft;
        var collapsed = matrix.Workloads.Count > GraphOptions.CollapseThreshold;
        var overview = collapsed ? Overview(analysis) : null;
        var model = new Builder(analysis, options, overview).Run();
        return options.IntentClasses is { } classes ? IntentGraph.Overlay(model, analysis.Intents, classes) : model;
    }

    /// <summary>A matrix summed per namespace, computed once per matrix and shared by the graph and the matrix view.</summary>
    internal MatrixOverview Overview(ReachabilityMatrix matrix) => _overviews.GetValue(matrix, m => new MatrixOverview(m));

    /// <summary>
    /// The overview of an analysis's draft. After an edit it is updated from the last overview of a draft of the same
    /// baseline: the two drafts differ at most in the pairs either changes against the baseline.
    /// </summary>
    internal MatrixOverview Overview(WorkspaceAnalysis analysis)
    {
        var draft = analysis.Draft;
        var changes = analysis.Impact.Changes;
        var overview = _overviews.GetValue(draft, m =>
            _latest.TryGetValue(analysis.Baseline, out var last) && MatrixOverview.Update(last.Overview, m, last.Changes.Concat(changes)) is { } updated
                ? updated
                : new MatrixOverview(m));
        _latest.AddOrUpdate(analysis.Baseline, new LatestOverview(changes, overview));
        return overview;
    }

    /// <summary>A set's description, kept beside the set.</summary>
    private sealed record Description(string Text);

    /// <summary>The overview of the draft shown last for a baseline, and what that draft changed.</summary>
    private sealed record LatestOverview(IReadOnlyList<ConnectionChange> Changes, MatrixOverview Overview);

    /// <summary>The short label of a connection set on an edge.</summary>
    public static string ShortLabel(ConnectionSet allowed)
    {
        if (allowed.IsAll)
        {
            return "all";
        }

        var text = Describe(allowed).Replace("All Connections except ", "all but ", StringComparison.Ordinal).Replace(",", ", ", StringComparison.Ordinal);
        return text.Length <= 26 ? text : text[..24].TrimEnd(',', ' ') + "…";
    }

    /// <summary>
    /// A connection set in words, worked out once per set: an edit leaves most of an overview's sets as they were, and
    /// describing a set that allows almost everything computes its complement.
    /// </summary>
    public static string Describe(ConnectionSet allowed) => Descriptions.GetValue(allowed, set => new Description(set.Describe())).Text;

    /// <summary>The protocol class of an edge: all, tcp, udp, sctp, udplite, icmp, icmpv6, other (a protocol by number) or mixed.</summary>
    public static string ProtocolClass(ConnectionSet allowed)
    {
        if (allowed.IsAll)
        {
            return "all";
        }

        var present = allowed.Protocols.Take(2).ToList();
        return present.Count == 1 ? present[0].Name?.ToLowerInvariant() ?? "other" : "mixed";
    }

    /// <summary>The value that decides whether pairs can share one edge: what is allowed, and what the draft changed.</summary>
    private readonly record struct PairValue(ConnectionSet Allowed, string? Mark, ConnectionSet? Before);

    /// <summary>How many changed pairs an edge's tooltip lists.</summary>
    private const int TitleLines = 12;

    private sealed class Pair
    {
        public ConnectionSet Allowed = ConnectionSet.None;
        public int Count;
        public bool Folded;
        public readonly ChangeSummary Changes = new(TitleLines);

        public PairValue Value => new(Allowed, Mark, Mark is null ? null : Changes.Before);

        public string? Mark => Changes.Mark(!Allowed.IsEmpty);
    }

    private sealed partial class Builder(WorkspaceAnalysis analysis, GraphOptions options, MatrixOverview? overview)
    {

        private readonly ReachabilityMatrix _matrix = analysis.Draft;
        private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Source, string Target), Pair> _pairs = [];
        private readonly Dictionary<string, List<string>> _members = new(StringComparer.Ordinal);
        private readonly string[] _nodeOfWorkload = new string[analysis.Draft.Workloads.Count];
        private readonly Dictionary<int, string> _nodeOfBlock = [];
        private readonly Dictionary<AddressRange, string> _nodeOfRange = [];
        private readonly Dictionary<string, Endpoint> _endpoints = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<Endpoint>> _groups = new(StringComparer.Ordinal);

        private bool Collapsed => overview is not null;

        private bool IsExpanded(string ns) => !Collapsed || options.Expanded.Contains(ns);

        public GraphModel Run()
        {
            AddNamespacesAndWorkloads();
            AddOutsideNodes();
            if (Collapsed)
            {
                AddCollapsedTraffic();
            }
            else
            {
                AddWorkloadTraffic();
            }

            AddChanges();
            // The intent view draws declared calls, not what is allowed: nothing to fold there.
            if (!Collapsed && options.IntentClasses is null)
            {
                FoldOpenTraffic();
            }

            return Result();
        }

        private void AddNamespacesAndWorkloads()
        {
            var evaluator = _matrix.Evaluator;
            var cluster = evaluator.Cluster;
            var warnings = analysis.Lint.GroupBy(f => f.Policy[..Math.Max(f.Policy.IndexOf('/', StringComparison.Ordinal), 0)], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var wholeNamespace = cluster.NetworkPolicies.Where(p => p.PodSelector.IsEmpty).ToLookup(p => p.Namespace, StringComparer.Ordinal);
            var byNamespace = _matrix.Workloads.Select((w, i) => (w, i)).GroupBy(x => x.w.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var groupOf = GroupNamespaces([.. byNamespace.Select(g => g.Key)]);
            foreach (var group in byNamespace)
            {
                var ns = group.Key;
                var id = GraphIds.Namespace(ns);
                var expanded = IsExpanded(ns);
                var denyIn = wholeNamespace[ns].Any(p => p.AffectsIngress);
                var denyOut = wholeNamespace[ns].Any(p => p.AffectsEgress);
                var count = group.Count();
                warnings.TryGetValue(ns, out var warningCount);
                var classes = new List<string> { "namespace", expanded ? "expanded" : "collapsed" };
                if (denyIn)
                {
                    classes.Add("deny-ingress");
                }

                if (denyOut)
                {
                    classes.Add("deny-egress");
                }

                if (warningCount > 0)
                {
                    classes.Add("warning");
                }

                var deny = (denyIn, denyOut) switch { (true, true) => "deny in & out", (true, false) => "deny in", (false, true) => "deny out", _ => null };
                var marks = string.Join("  ·  ", new[] { deny, warningCount > 0 ? $"⚠ {warningCount}" : null }.Where(m => m is not null));
                var label = expanded ? (marks.Length > 0 ? $"{ns}  ·  {marks}" : ns) : $"{ns} ({count})" + (marks.Length > 0 ? $"\n{marks}" : string.Empty);
                var title = $"Namespace {ns}: {count} workload(s)"
                    + (deny is null ? ", no default deny" : $", default {deny}")
                    + (warningCount > 0 ? $", {warningCount} policy warning(s)" : string.Empty)
                    + (expanded ? string.Empty : ". Double-click to show its workloads.");
                _nodes[id] = new GraphNode(id, label, GraphIds.NamespaceKind, groupOf.GetValueOrDefault(ns), classes, title);
                _groups[id] = [.. group.Select(x => Endpoint.Of(x.w))];
                var members = new List<string>();
                _members[id] = members;
                foreach (var (w, i) in group)
                {
                    if (!expanded)
                    {
                        _nodeOfWorkload[i] = id;
                        continue;
                    }

                    var node = GraphIds.Workload(w.Id);
                    var openIn = _matrix.IsIngressOpen(i);
                    var openOut = _matrix.IsEgressOpen(i);
                    var wClasses = new List<string> { "workload" };
                    if (openIn)
                    {
                        wClasses.Add("open-ingress");
                    }

                    if (openOut)
                    {
                        wClasses.Add("open-egress");
                    }

                    var state = (openIn, openOut) switch
                    {
                        (true, true) => "open both ways: no policy restricts what reaches it or what it reaches",
                        (true, false) => "ingress open: no policy restricts what reaches it",
                        (false, true) => "egress open: no policy restricts what it reaches",
                        _ => "restricted both ways",
                    };
                    _nodes[node] = new GraphNode(node, openIn && Collapsed ? $"{w.Name}\nopen" : w.Name, GraphIds.WorkloadKind, id, wClasses, $"{w.Kind} {w.Namespace}/{w.Name}: {state}");
                    _endpoints[node] = Endpoint.Of(w);
                    _nodeOfWorkload[i] = node;
                    members.Add(node);
                }
            }
        }

        private void AddOutsideNodes()
        {
            var policySets = _matrix.Evaluator.AddressSets().ToList();
            var blocks = _matrix.External.Blocks;
            var named = blocks.Where(b => policySets.Any(set => set.Contains(b.Representative))).ToHashSet();
            var grouped = named.Count > GraphOptions.ExternalGroupThreshold && !options.ExternalsExpanded;
            var group = new List<Endpoint>();
            foreach (var block in blocks)
            {
                var id = !named.Contains(block) ? GraphIds.Internet : grouped ? GraphIds.Externals : GraphIds.External(block.Representative);
                _nodeOfBlock[block.Index] = id;
                foreach (var range in block.Ranges)
                {
                    _nodeOfRange[range] = id;
                }

                // A block is explained by one of its addresses; the internet by the first of its blocks.
                var address = EndpointText.FirstAddress(block.Representative);
                if (id == GraphIds.Externals)
                {
                    group.Add(address);
                }
                else
                {
                    _endpoints.TryAdd(id, address);
                }

                if (_nodes.ContainsKey(id))
                {
                    continue;
                }

                _nodes[id] = id switch
                {
                    GraphIds.Internet => new GraphNode(id, "the internet", GraphIds.InternetKind, null, ["outside", "internet"], "Every address outside the cluster that no policy names"),
                    GraphIds.Externals => new GraphNode(id, $"{named.Count} external blocks", GraphIds.ExternalsKind, null, ["outside", "externals", "collapsed"],
                        $"{named.Count} blocks of external addresses that policies name. Double-click to show them one by one."),
                    _ => ExternalNode(id, block),
                };
            }

            if (group.Count > 0)
            {
                _groups[GraphIds.Externals] = group;
            }

            if (_matrix.HasIngressController)
            {
                _endpoints[GraphIds.Controller] = Endpoint.IngressController;
                _nodes[GraphIds.Controller] = new GraphNode(GraphIds.Controller, "{ingress-controller}", GraphIds.ControllerKind, null, ["outside", "controller"],
                    "The ingress controller: reaches workloads that an Ingress or Route exposes");
            }

            foreach (var other in _matrix.OtherEndpoints)
            {
                var id = GraphIds.Other(other.Id);
                var kind = other switch { DnsEndpoint => GraphIds.DnsKind, HostEndpoint => GraphIds.HostEndpointKind, _ => GraphIds.SpecialKind };
                _endpoints[id] = other;
                _nodes[id] = new GraphNode(id, other.Id, kind, null, ["outside", kind],
                    other switch
                    {
                        DnsEndpoint => $"The DNS name {other.Id}: workloads reach it where a toFQDNs rule allows and the DNS proxy shows them its addresses",
                        HostEndpoint h => HostEndpointText.Describe(h),
                        _ => $"The special peer {other.Id} (a Cilium entity)",
                    });
            }

            foreach (var outside in _nodes.Values.Where(n => n.Parent is null && n.Kind is not (GraphIds.NamespaceKind or GraphIds.NamespaceGroupKind)))
            {
                _members[outside.Id] = [outside.Id];
            }
        }

        private static GraphNode ExternalNode(string id, ExternalBlock block)
        {
            var cidrs = block.Ranges.SelectMany(r => r.ToCidrs()).ToList();
            var label = cidrs.Count <= 2 ? string.Join("\n", cidrs) : $"{cidrs[0]}\n+{cidrs.Count - 1} more";
            return new GraphNode(id, label, GraphIds.ExternalKind, null, ["outside", "external"], $"External addresses {string.Join(", ", cidrs)}");
        }

        private void AddWorkloadTraffic()
        {
            var count = _matrix.Workloads.Count;
            for (var s = 0; s < count; s++)
            {
                for (var d = 0; d < count; d++)
                {
                    if (s != d)
                    {
                        Add(_nodeOfWorkload[s], _nodeOfWorkload[d], _matrix.Between(s, d), 1);
                    }
                }
            }

            for (var i = 0; i < count; i++)
            {
                AddOutsideTraffic(i);
            }
        }

        private void AddOutsideTraffic(int workload)
        {
            var node = _nodeOfWorkload[workload];
            foreach (var block in _matrix.External.Blocks)
            {
                Add(node, _nodeOfBlock[block.Index], _matrix.ToBlock(workload, block.Index), 1);
                Add(_nodeOfBlock[block.Index], node, _matrix.FromBlock(block.Index, workload), 1);
            }

            if (_matrix.HasIngressController)
            {
                Add(GraphIds.Controller, node, _matrix.FromIngressController(workload), 1);
            }

            var self = new WorkloadEndpoint(_matrix.Workloads[workload]);
            foreach (var other in _matrix.OtherEndpoints)
            {
                var id = GraphIds.Other(other.Id);
                Add(node, id, _matrix.Get(self, other), 1);
                if (other is not DnsEndpoint)
                {
                    Add(id, node, _matrix.Get(other, self), 1);
                }
            }
        }

        private void AddCollapsedTraffic()
        {
            var summary = overview!;
            foreach (var c in summary.BetweenNamespaces)
            {
                if (c.SourceNamespace != c.DestinationNamespace && !IsExpanded(c.SourceNamespace) && !IsExpanded(c.DestinationNamespace))
                {
                    Add(GraphIds.Namespace(c.SourceNamespace), GraphIds.Namespace(c.DestinationNamespace), c.Allowed, c.WorkloadPairs);
                }
            }

            foreach (var ((ns, block), sum) in summary.ToBlocks.Where(x => !IsExpanded(x.Key.Namespace)))
            {
                Add(GraphIds.Namespace(ns), _nodeOfBlock[block], sum.Allowed, sum.Pairs);
            }

            foreach (var ((ns, block), sum) in summary.FromBlocks.Where(x => !IsExpanded(x.Key.Namespace)))
            {
                Add(_nodeOfBlock[block], GraphIds.Namespace(ns), sum.Allowed, sum.Pairs);
            }

            foreach (var (ns, sum) in summary.FromController.Where(x => !IsExpanded(x.Key)))
            {
                Add(GraphIds.Controller, GraphIds.Namespace(ns), sum.Allowed, sum.Pairs);
            }

            foreach (var ((ns, other), sum) in summary.ToOthers.Where(x => !IsExpanded(x.Key.Namespace)))
            {
                Add(GraphIds.Namespace(ns), GraphIds.Other(other), sum.Allowed, sum.Pairs);
            }

            foreach (var ((ns, other), sum) in summary.FromOthers.Where(x => !IsExpanded(x.Key.Namespace)))
            {
                Add(GraphIds.Other(other), GraphIds.Namespace(ns), sum.Allowed, sum.Pairs);
            }

            // The workloads of expanded namespaces, with every other workload; pairs of two expanded
            // workloads are met once from each side, so only one side adds them.
            var expanded = options.Expanded.Where(summary.Members.ContainsKey).SelectMany(ns => summary.Members[ns]).ToList();
            var isExpanded = expanded.ToHashSet();
            var count = _matrix.Workloads.Count;
            foreach (var s in expanded)
            {
                for (var d = 0; d < count; d++)
                {
                    if (d == s)
                    {
                        continue;
                    }

                    Add(_nodeOfWorkload[s], _nodeOfWorkload[d], _matrix.Between(s, d), 1);
                    if (!isExpanded.Contains(d))
                    {
                        Add(_nodeOfWorkload[d], _nodeOfWorkload[s], _matrix.Between(d, s), 1);
                    }
                }

                AddOutsideTraffic(s);
            }
        }

        private void Add(string source, string target, ConnectionSet allowed, int pairs)
        {
            if (allowed.IsEmpty || source == target)
            {
                return;
            }

            var pair = Get(source, target);
            pair.Allowed = pair.Count == 0 ? allowed : pair.Allowed.IsAll || pair.Allowed.Equals(allowed) ? pair.Allowed : pair.Allowed.Union(allowed);
            pair.Count += pairs;
        }

        private Pair Get(string source, string target)
        {
            if (!_pairs.TryGetValue((source, target), out var pair))
            {
                pair = new Pair();
                _pairs[(source, target)] = pair;
            }

            return pair;
        }

        /// <summary>Marks the pairs whose connections the draft changes (keeping pairs it blocks, which have no traffic left).</summary>
        private void AddChanges()
        {
            foreach (var change in analysis.Impact.Changes)
            {
                var source = NodeOf(change.Source);
                var target = NodeOf(change.Destination);
                if (source is null || target is null || source == target)
                {
                    continue;
                }

                Get(source, target).Changes.Add(change);
            }
        }

        /// <summary>The node drawing an end of a change; a range of another cut of the address space (the baseline named a CIDR the draft does not) is drawn by the draft's block holding its first address.</summary>
        private string? NodeOf(Endpoint endpoint) => endpoint switch
        {
            WorkloadEndpoint w => _matrix.IndexOf(w.Workload.Id) is var i and >= 0 ? _nodeOfWorkload[i] : null,
            IngressControllerEndpoint => _nodes.ContainsKey(GraphIds.Controller) ? GraphIds.Controller : null,
            SpecialEndpoint or DnsEndpoint or HostEndpoint => _nodes.ContainsKey(GraphIds.Other(endpoint.Id)) ? GraphIds.Other(endpoint.Id) : null,
            ExternalEndpoint e when _nodeOfRange.TryGetValue(e.Range, out var block) => block,
            ExternalEndpoint e => _matrix.External.BlockOf(new AddressRange(e.Range.Family, e.Range.First, e.Range.First)) is { } found ? _nodeOfBlock[found.Index] : null,
            _ => null,
        };

        /// <summary>The namespace box a workload is drawn in; any other node stands for itself.</summary>
        private string? GroupOf(string node) => _nodes.TryGetValue(node, out var n) ? (n.Kind == GraphIds.WorkloadKind ? n.Parent : null) ?? n.Id : null;

        private bool InNamespace(string node, string nsNode) => node == nsNode || (_nodes.TryGetValue(node, out var n) && n.Parent == nsNode);

        private bool Keep((string Source, string Target) key, Pair pair)
        {
            var value = pair.Value;
            if (pair.Folded || (value.Allowed.IsEmpty && value.Mark is null))
            {
                return false;
            }

            if (!options.Passes(value.Allowed.IsEmpty ? pair.Changes.Before : value.Allowed))
            {
                return false;
            }

            if (options.ChangesOnly && value.Mark is null)
            {
                return false;
            }

            if (!options.ShowOutside && (IsOutside(key.Source) || IsOutside(key.Target)))
            {
                return false;
            }

            if (options.Namespace is { } ns)
            {
                var nsNode = GraphIds.Namespace(ns);
                var into = InNamespace(key.Target, nsNode);
                var from = InNamespace(key.Source, nsNode);
                return options.Direction switch
                {
                    EdgeDirection.Ingress => into,
                    EdgeDirection.Egress => from,
                    _ => into || from,
                };
            }

            return true;
        }

        private bool IsOutside(string node) => _nodes.TryGetValue(node, out var n) && n.Classes.Contains("outside");

        public GraphModel Result()
        {
            var kept = _pairs.Where(p => Keep(p.Key, p.Value)).ToDictionary(p => p.Key, p => p.Value);
            var edges = Bundle(kept);
            if (_nodes.Values.Any(n => n.Kind == GraphIds.NamespaceGroupKind))
            {
                edges.AddRange(GroupEdges(edges));
            }

            var used = edges.SelectMany(e => new[] { e.Source, e.Target }).ToHashSet(StringComparer.Ordinal);

            // The outside nodes whose traffic a badge stands for stay: "anywhere" includes them.
            used.UnionWith(_pairs.Where(p => p.Value.Folded).SelectMany(p => new[] { p.Key.Source, p.Key.Target }));
            IEnumerable<GraphNode> nodes = _nodes.Values;
            if (options.Namespace is { } ns)
            {
                var nsNode = GraphIds.Namespace(ns);
                var shown = used.Where(_nodes.ContainsKey).ToHashSet(StringComparer.Ordinal);
                shown.UnionWith(_nodes.Values.Where(n => InNamespace(n.Id, nsNode)).Select(n => n.Id));

                // Every box around a node shown is shown: its namespace's, and that namespace's group.
                foreach (var id in shown.ToList())
                {
                    for (var parent = _nodes[id].Parent; parent is not null && shown.Add(parent); parent = _nodes[parent].Parent)
                    {
                    }
                }

                nodes = nodes.Where(n => shown.Contains(n.Id));
            }
            else
            {
                nodes = nodes.Where(n => !n.Classes.Contains("outside") || used.Contains(n.Id));
            }

            return new GraphModel([.. nodes.OrderBy(n => n.Id, StringComparer.Ordinal)], edges, Collapsed) { Endpoints = _endpoints, Groups = _groups, FoldedEdges = _folded, BlockNodes = _nodeOfBlock };
        }

        /// <summary>
        /// Draws pairs that every workload of a namespace shares as one edge from or to its box: first a
        /// whole namespace to a whole group, then one workload to a whole group, then a whole namespace to
        /// one node; what is left is drawn pair by pair.
        /// </summary>
        private List<GraphEdge> Bundle(Dictionary<(string Source, string Target), Pair> kept)
        {
            var edges = new List<GraphEdge>();
            var byGroups = kept.GroupBy(p => (Source: GroupOf(p.Key.Source) ?? p.Key.Source, Target: GroupOf(p.Key.Target) ?? p.Key.Target))
                .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Target, StringComparer.Ordinal);
            foreach (var group in byGroups)
            {
                var (g1, g2) = group.Key;
                var sources = _members.TryGetValue(g1, out var s) && s.Count > 0 ? s : [g1];
                var targets = _members.TryGetValue(g2, out var t) && t.Count > 0 ? t : [g2];
                var pairs = group.ToDictionary(p => p.Key, p => p.Value);
                if (g1 == g2 || sources.Count * targets.Count == 1)
                {
                    edges.AddRange(pairs.OrderBy(p => p.Key.Source, StringComparer.Ordinal).ThenBy(p => p.Key.Target, StringComparer.Ordinal).Select(p => Edge(p.Key.Source, p.Key.Target, [p.Value], false)));
                    continue;
                }

                // A namespace of one workload is drawn as that workload: it says more.
                var (e1, e2) = (sources.Count == 1 ? sources[0] : g1, targets.Count == 1 ? targets[0] : g2);
                if (Uniform(sources.SelectMany(x => targets.Select(y => (x, y))), pairs) is { } all)
                {
                    edges.Add(Edge(e1, e2, all, true));
                    continue;
                }

                var claimed = new HashSet<(string, string)>();
                if (targets.Count > 1)
                {
                    foreach (var x in sources)
                    {
                        var row = targets.Select(y => (x, y)).ToList();
                        if (Uniform(row, pairs) is { } same)
                        {
                            edges.Add(Edge(x, e2, same, true));
                            claimed.UnionWith(row);
                        }
                    }
                }

                if (sources.Count > 1)
                {
                    foreach (var y in targets)
                    {
                        var column = sources.Select(x => (x, y)).ToList();
                        if (!column.Any(claimed.Contains) && Uniform(column, pairs) is { } same)
                        {
                            edges.Add(Edge(e1, y, same, true));
                            claimed.UnionWith(column);
                        }
                    }
                }

                edges.AddRange(pairs.Where(p => !claimed.Contains(p.Key)).OrderBy(p => p.Key.Source, StringComparer.Ordinal).ThenBy(p => p.Key.Target, StringComparer.Ordinal)
                    .Select(p => Edge(p.Key.Source, p.Key.Target, [p.Value], false)));
            }

            return edges;
        }

        /// <summary>The pairs, when every one of them is present with the same value; else null.</summary>
        private static List<Pair>? Uniform(IEnumerable<(string, string)> keys, Dictionary<(string Source, string Target), Pair> pairs)
        {
            var found = new List<Pair>();
            foreach (var key in keys)
            {
                if (!pairs.TryGetValue(key, out var pair) || (found.Count > 0 && pair.Value != found[0].Value))
                {
                    return null;
                }

                found.Add(pair);
            }

            return found.Count > 1 ? found : null;
        }

        private GraphEdge Edge(string source, string target, List<Pair> pairs, bool bundle)
        {
            var first = pairs[0];
            var value = first.Value;
            var count = pairs.Sum(p => p.Count);
            var classes = new List<string> { value.Allowed.IsEmpty ? "none" : ProtocolClass(value.Allowed) };
            if (value.Mark is { } mark)
            {
                classes.Add(mark);
            }

            if (bundle)
            {
                classes.Add("bundle");
            }

            var summed = count > 1 && !bundle;
            var label = value.Allowed.IsEmpty ? $"✕ {ShortLabel(first.Changes.Before)}" : ShortLabel(value.Allowed);
            if (summed)
            {
                label = $"{count} pairs · {label}";
            }

            var subject = $"{Name(source, bundle)} → {Name(target, bundle)}";
            var title = value.Allowed.IsEmpty ? $"{subject}: blocked by the draft (allowed before: {Describe(first.Changes.Before)})" : $"{subject}: {Describe(value.Allowed)}";
            if (summed)
            {
                title += $" ({count} workload pairs)";
            }

            // L7 rules (Cilium's http, kafka, dns) on one pair's traffic: a marker on the edge, the rules in its tooltip.
            if (!summed && !bundle && !value.Allowed.IsEmpty && _endpoints.TryGetValue(source, out var from) && _endpoints.TryGetValue(target, out var to)
                && ProxyFilter.Between(_matrix.Evaluator, from, to) is { Count: > 0 } filters)
            {
                classes.Add("l7");
                label += " · L7";
                title += "\n" + string.Join("\n", filters.Select(f => f.ToString()));
            }

            if (value.Mark is not null)
            {
                var lines = pairs.SelectMany(p => p.Changes.Lines).Take(TitleLines).ToList();
                var changes = pairs.Sum(p => p.Changes.Count);
                var causes = pairs.SelectMany(p => p.Changes.Causes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                title += "\nChanged by the draft:\n" + string.Join("\n", lines) + (changes > lines.Count ? $"\n… and {changes - lines.Count} more" : string.Empty)
                    + (causes.Count > 0 ? $"\nBy: {string.Join(", ", causes)}" : string.Empty);
            }

            return new GraphEdge(GraphIds.Edge(source, target), source, target, label, classes, title, count);
        }

        private string Name(string node, bool bundle)
        {
            if (!_nodes.TryGetValue(node, out var n))
            {
                return node;
            }

            return n.Kind switch
            {
                GraphIds.WorkloadKind => EndpointText.Short(_endpoints[node]),
                GraphIds.NamespaceKind => bundle && IsExpanded(GraphIds.NamespaceOf(node)!) ? $"every workload of {GraphIds.NamespaceOf(node)}" : $"namespace {GraphIds.NamespaceOf(node)}",
                GraphIds.ExternalKind => n.Label.Replace('\n', ' '),
                _ => n.Label,
            };
        }
    }
}
