using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.Workspace;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.Explorer;

/// <summary>
/// Turns the engine's analysis of a workspace into the graph the explorer draws: workloads inside
/// their namespaces, external blocks, the internet and the ingress controller outside, and an edge for
/// every allowed connection of the draft, coloured by protocol and marked where the draft changes the
/// baseline (newly blocked edges are kept, drawn red and dashed). Large clusters start collapsed by
/// namespace.
/// </summary>
public static class GraphModelBuilder
{
    public const string InternetId = "x:internet";
    public const string ControllerId = "ic";

    public static string WorkloadId(string workloadId) => $"w:{workloadId}";

    public static string NamespaceId(string ns) => $"ns:{ns}";

    public static GraphModel Build(WorkspaceAnalysis analysis, GraphOptions options)
    {
        var matrix = analysis.Draft;
        var collapsed = matrix.Workloads.Count > GraphOptions.CollapseThreshold;
        var context = new Context(analysis, options, collapsed);
        context.AddNodes();
        if (collapsed)
        {
            context.AddCollapsedEdges();
        }
        else
        {
            context.AddWorkloadEdges();
        }

        context.AddImpactEdges();
        return context.Result();
    }

    /// <summary>The short label of a connection set on an edge.</summary>
    public static string ShortLabel(ConnectionSet allowed)
    {
        if (allowed.IsAll)
        {
            return "all";
        }

        var text = allowed.ToString();
        return text.Length <= 22 ? text : text[..20].TrimEnd(',') + "…";
    }

    /// <summary>The protocol class of an edge: all, tcp, udp, sctp or mixed.</summary>
    public static string ProtocolClass(ConnectionSet allowed)
    {
        if (allowed.IsAll)
        {
            return "all";
        }

        var present = Protocols.All.Where(p => !allowed[p].IsEmpty).ToList();
        return present.Count == 1 ? present[0].ToString().ToLowerInvariant() : "mixed";
    }

    private sealed class Context(WorkspaceAnalysis analysis, GraphOptions options, bool collapsed)
    {
        private readonly ReachabilityMatrix _matrix = analysis.Draft;
        private readonly Dictionary<string, GraphNode> _nodes = [];
        private readonly Dictionary<(string, string), (ConnectionSet Allowed, int Pairs)> _edges = [];
        private readonly Dictionary<(string, string), (string Kind, string Title)> _changes = [];
        private readonly Dictionary<string, string> _blockNode = [];
        private readonly Dictionary<string, string> _nodeOfWorkload = [];

        public void AddNodes()
        {
            var evaluator = _matrix.Evaluator;
            var findings = analysis.Lint.GroupBy(f => f.Policy[..f.Policy.IndexOf('/', StringComparison.Ordinal)]).ToDictionary(g => g.Key, g => g.Count());
            var wholeNamespace = evaluator.Cluster.NetworkPolicies.Where(p => p.PodSelector.IsEmpty).ToLookup(p => p.Namespace, StringComparer.Ordinal);
            foreach (var ns in _matrix.Workloads.Select(w => w.Namespace).Distinct().Order(StringComparer.Ordinal))
            {
                var policies = wholeNamespace[ns].ToList();
                var classes = new List<string> { "namespace" };
                if (policies.Any(p => p.AffectsIngress))
                {
                    classes.Add("deny-ingress");
                }

                if (policies.Any(p => p.AffectsEgress))
                {
                    classes.Add("deny-egress");
                }

                var expanded = !collapsed || options.Expanded.Contains(ns);
                classes.Add(expanded ? "expanded" : "collapsed");
                var count = _matrix.Workloads.Count(w => w.Namespace == ns);
                if (findings.TryGetValue(ns, out var warnings))
                {
                    classes.Add("warning");
                }

                var marks = (classes.Contains("deny-ingress") ? " · default deny in" : string.Empty) + (classes.Contains("deny-egress") ? " · default deny out" : string.Empty);
                var label = expanded ? ns : $"{ns} ({count})";
                _nodes[NamespaceId(ns)] = new GraphNode(NamespaceId(ns), label, "namespace", null, classes,
                    $"Namespace {ns}: {count} workload(s){marks}{(warnings > 0 ? $" · {warnings} policy warning(s)" : string.Empty)}");
            }

            foreach (var w in _matrix.Workloads)
            {
                var nsNode = NamespaceId(w.Namespace);
                if (collapsed && !options.Expanded.Contains(w.Namespace))
                {
                    _nodeOfWorkload[w.Id] = nsNode;
                    continue;
                }

                var classes = new List<string> { "workload" };
                var ingressOpen = !evaluator.IsIsolated(w, TrafficDirection.Ingress);
                var egressOpen = !evaluator.IsIsolated(w, TrafficDirection.Egress);
                if (ingressOpen)
                {
                    classes.Add("open-ingress");
                }

                if (egressOpen)
                {
                    classes.Add("open-egress");
                }

                var state = ingressOpen && egressOpen ? "open: no policy isolates it" : ingressOpen ? "ingress open" : egressOpen ? "egress open" : "isolated both ways";
                _nodes[WorkloadId(w.Id)] = new GraphNode(WorkloadId(w.Id), w.Name, "workload", nsNode, classes, $"{w.Id} · {state}");
                _nodeOfWorkload[w.Id] = WorkloadId(w.Id);
            }

            var policySets = evaluator.AddressSets().ToList();
            foreach (var block in _matrix.External.Blocks)
            {
                var named = policySets.Any(set => set.Contains(block.Representative));
                var id = named ? $"x:{block.Representative}" : InternetId;
                foreach (var range in block.Ranges)
                {
                    _blockNode[new ExternalEndpoint(range).Id] = id;
                }

                if (_nodes.ContainsKey(id))
                {
                    continue;
                }

                var cidrs = block.Ranges.SelectMany(r => r.ToCidrs()).ToList();
                var label = named ? (cidrs.Count == 1 ? cidrs[0] : $"{cidrs[0]} +{cidrs.Count - 1}") : "the internet";
                var title = named ? $"External addresses {string.Join(", ", block.Ranges)}" : "Every address outside the cluster that no policy names";
                _nodes[id] = new GraphNode(id, label, named ? "external" : "internet", null, [named ? "external" : "internet"], title);
            }

            if (_matrix.HasIngressController)
            {
                _nodes[ControllerId] = new GraphNode(ControllerId, "{ingress-controller}", "controller", null, ["controller"], "The ingress controller: reaches workloads exposed by an Ingress or Route");
            }
        }

        public void AddWorkloadEdges()
        {
            var w = _matrix.Workloads;
            for (var s = 0; s < w.Count; s++)
            {
                for (var d = 0; d < w.Count; d++)
                {
                    if (s != d)
                    {
                        Add(_nodeOfWorkload[w[s].Id], _nodeOfWorkload[w[d].Id], _matrix.Between(s, d), 1);
                    }
                }
            }

            AddOutsideEdges();
        }

        public void AddCollapsedEdges()
        {
            var expanded = _matrix.Workloads.Select((x, i) => (x, i)).Where(t => options.Expanded.Contains(t.x.Namespace)).Select(t => t.i).ToList();
            var expandedSet = expanded.ToHashSet();
            foreach (var c in _matrix.NamespaceConnections())
            {
                if (!options.Expanded.Contains(c.SourceNamespace) && !options.Expanded.Contains(c.DestinationNamespace) && c.SourceNamespace != c.DestinationNamespace)
                {
                    Add(NamespaceId(c.SourceNamespace), NamespaceId(c.DestinationNamespace), c.Allowed, c.WorkloadPairs);
                }
            }

            // Workloads of expanded namespaces: their own edges, aggregated towards collapsed namespaces.
            for (var k = 0; k < expanded.Count; k++)
            {
                var s = expanded[k];
                for (var d = 0; d < _matrix.Workloads.Count; d++)
                {
                    if (d == s)
                    {
                        continue;
                    }

                    var source = _nodeOfWorkload[_matrix.Workloads[s].Id];
                    var destination = _nodeOfWorkload[_matrix.Workloads[d].Id];
                    Add(source, destination, _matrix.Between(s, d), 1);
                    if (!expandedSet.Contains(d))
                    {
                        Add(destination, source, _matrix.Between(d, s), 1);
                    }
                }
            }

            AddOutsideEdges();
        }

        private void AddOutsideEdges()
        {
            for (var i = 0; i < _matrix.Workloads.Count; i++)
            {
                var node = _nodeOfWorkload[_matrix.Workloads[i].Id];
                foreach (var block in _matrix.External.Blocks)
                {
                    var blockNode = _blockNode[new ExternalEndpoint(block.Ranges[0]).Id];
                    if (options.ShowEgressToOutside)
                    {
                        Add(node, blockNode, _matrix.ToBlock(i, block.Index), 1);
                    }

                    if (options.ShowIngressFromOutside)
                    {
                        Add(blockNode, node, _matrix.FromBlock(block.Index, i), 1);
                    }
                }

                if (_matrix.HasIngressController && options.ShowIngressFromOutside)
                {
                    Add(ControllerId, node, _matrix.FromIngressController(i), 1);
                }
            }
        }

        /// <summary>Marks edges the draft adds or changes, and keeps edges it blocks (red, dashed).</summary>
        public void AddImpactEdges()
        {
            foreach (var change in analysis.Impact.Changes)
            {
                var source = NodeOf(change.Source);
                var destination = NodeOf(change.Destination);
                if (source is null || destination is null || source == destination)
                {
                    continue;
                }

                var kind = change.Kind switch { ChangeKind.Removed => "blocked", ChangeKind.Added => "added", _ => "changed" };
                var key = (source, destination);
                var title = $"{change.Source} => {change.Destination}: {change.Before} → {change.After}{(change.Causes.Count > 0 ? $" (by {string.Join(", ", change.Causes)})" : string.Empty)}";
                if (_changes.TryGetValue(key, out var existing))
                {
                    // Several pairs behind one edge: a mix is shown as changed.
                    kind = existing.Kind == kind ? kind : "changed";
                    title = existing.Title + "\n" + title;
                }

                _changes[key] = (kind, title);
                if (change.Kind == ChangeKind.Removed && !_edges.ContainsKey(key) && options.Passes(change.Before))
                {
                    _edges[key] = (ConnectionSet.None, 0);
                }
            }
        }

        public GraphModel Result()
        {
            var edges = new List<GraphEdge>();
            foreach (var ((source, target), (allowed, pairs)) in _edges.OrderBy(e => e.Key.Item1, StringComparer.Ordinal).ThenBy(e => e.Key.Item2, StringComparer.Ordinal))
            {
                var changed = _changes.TryGetValue((source, target), out var change);
                if (options.ChangesOnly && !changed)
                {
                    continue;
                }

                if (options.Namespace is { } ns && !Touches(source, ns) && !Touches(target, ns))
                {
                    continue;
                }

                var classes = new List<string> { allowed.IsEmpty ? "none" : ProtocolClass(allowed) };
                if (changed)
                {
                    classes.Add(change.Kind);
                }

                var label = allowed.IsEmpty ? "blocked" : ShortLabel(allowed);
                if (pairs > 1)
                {
                    label = $"{pairs} pairs · {label}";
                }

                var title = allowed.IsEmpty ? change.Title : $"{Describe(source)} → {Describe(target)}: {allowed}{(pairs > 1 ? $" ({pairs} workload pairs)" : string.Empty)}{(changed ? "\n" + change.Title : string.Empty)}";
                edges.Add(new GraphEdge($"{source}->{target}", source, target, label, classes, title));
            }

            var used = edges.SelectMany(e => new[] { e.Source, e.Target }).ToHashSet();
            var nodes = _nodes.Values
                .Where(n => n.Kind is "namespace" or "workload" || used.Contains(n.Id))
                .Where(n => options.Namespace is not { } ns || Touches(n.Id, ns) || used.Contains(n.Id) || (n.Kind == "namespace" && edges.Any(e => _nodes.TryGetValue(e.Source, out var x) && x.Parent == n.Id || _nodes.TryGetValue(e.Target, out var y) && y.Parent == n.Id)))
                .OrderBy(n => n.Id, StringComparer.Ordinal)
                .ToList();
            return new GraphModel(nodes, edges, collapsed);
        }

        private bool Touches(string nodeId, string ns) =>
            nodeId == NamespaceId(ns) || (_nodes.TryGetValue(nodeId, out var n) && n.Parent == NamespaceId(ns));

        private string Describe(string nodeId) => _nodes.TryGetValue(nodeId, out var n) ? n.Kind == "workload" ? n.Title.Split(' ')[0] : n.Label : nodeId;

        private string? NodeOf(string endpointId)
        {
            if (_nodeOfWorkload.TryGetValue(endpointId, out var node))
            {
                return node;
            }

            if (endpointId == Endpoint.IngressController.Id)
            {
                return _nodes.ContainsKey(ControllerId) ? ControllerId : null;
            }

            if (_blockNode.TryGetValue(endpointId, out var block))
            {
                return block;
            }

            // A range of another cut (a removed CIDR): the draft block holding its first address.
            var dash = endpointId.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && System.Net.IPAddress.TryParse(endpointId[..dash], out var first))
            {
                var found = _matrix.External.BlockOf(AddressRange.Of(first));
                return found is null ? null : _blockNode[new ExternalEndpoint(found.Ranges[0]).Id];
            }

            return null;
        }

        private void Add(string source, string target, ConnectionSet allowed, int pairs)
        {
            if (allowed.IsEmpty || source == target || !options.Passes(allowed))
            {
                return;
            }

            _edges[(source, target)] = _edges.TryGetValue((source, target), out var e) ? (e.Allowed.Union(allowed), e.Pairs + pairs) : (allowed, pairs);
        }
    }
}
