using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.Workspace;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Builds the matrix view of an analysis at the grouping level of its graph: one line per graph node that
/// is not a box (collapsed namespaces, workloads, the outside), cells summed over the pairs they stand for.
/// </summary>
/// <remarks>
/// Cells between two collapsed namespaces come from the per-namespace overview the graph already computed
/// per peer class (so REAL's 601 namespaces cost no workload pair loop); only the workloads of open
/// namespaces and the outside are evaluated pair by pair, as the graph does.
/// </remarks>
internal static class MatrixViewBuilder
{
    private const int ChangeLines = 8;
    private const int IntentLines = 8;

    /// <summary>The matrix of <paramref name="analysis"/> as <paramref name="graph"/> groups it, with <paramref name="traffic"/> on it.</summary>
    public static MatrixView Build(WorkspaceAnalysis analysis, GraphModel graph, GraphOptions options, MatrixOverview? overview, FlowClassification traffic) =>
        new Run(analysis, graph, options, overview, traffic).Build();

    /// <summary>A cell as it is summed.</summary>
    private sealed class Sum
    {
        public ConnectionSet Allowed = ConnectionSet.None;
        public int AllowedPairs;
        public int AllPairs;
        public readonly ChangeSummary Changes = new(ChangeLines);

        public void Add(ConnectionSet allowed, int pairs, int allPairs)
        {
            if (allowed.IsEmpty)
            {
                return;
            }

            Allowed = AllowedPairs == 0 || Allowed.IsAll || ReferenceEquals(Allowed, allowed) || Allowed.Equals(allowed) ? (AllowedPairs == 0 ? allowed : Allowed) : Allowed.Union(allowed);
            AllowedPairs += pairs;
            AllPairs += allPairs;
        }
    }

    private sealed class Run(WorkspaceAnalysis analysis, GraphModel graph, GraphOptions options, MatrixOverview? overview, FlowClassification traffic)
    {
        private readonly ReachabilityMatrix _matrix = analysis.Draft;
        private readonly List<MatrixLine> _lines = [];
        private readonly Dictionary<string, int> _lineOfNode = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _lineOfEndpoint = new(StringComparer.Ordinal);
        private readonly Dictionary<(int, int), Sum> _sums = [];
        private int[] _lineOfWorkload = [];
        private int[] _lineOfBlock = [];

        public MatrixView Build()
        {
            AddLines();
            AddClusterTraffic();
            AddOutsideTraffic();
            AddChanges();
            var cells = _sums.ToDictionary(s => s.Key, s => Cell(s.Key, s.Value));
            return new MatrixView(graph, traffic, _lines, cells, Intents(), Observed(), _lineOfEndpoint, LineOfOutside);
        }

        /// <summary>The graph's nodes that are not boxes: the cluster's by namespace (a collapsed namespace before nothing, workloads by name), then the outside.</summary>
        private void AddLines()
        {
            static int Rank(string kind) => kind switch
            {
                GraphIds.ControllerKind => 0,
                GraphIds.InternetKind => 1,
                GraphIds.ExternalsKind => 2,
                GraphIds.ExternalKind => 3,
                GraphIds.SpecialKind => 4,
                _ => 5,
            };

            var blocksOfNode = graph.BlockNodes.GroupBy(b => b.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var cluster = graph.Nodes
                .Where(n => n.Kind == GraphIds.WorkloadKind || (n.Kind == GraphIds.NamespaceKind && n.Classes.Contains("collapsed")))
                .Select(n => (Node: n, Endpoint: graph.EndpointOf(n.Id) as WorkloadEndpoint))
                .Select(x => (x.Node, x.Endpoint, Namespace: x.Endpoint?.Workload.Namespace ?? GraphIds.NamespaceOf(x.Node.Id)!))
                .OrderBy(x => x.Namespace, StringComparer.Ordinal).ThenBy(x => x.Endpoint?.Workload.Name ?? string.Empty, StringComparer.Ordinal).ThenBy(x => x.Node.Id, StringComparer.Ordinal);
            foreach (var (node, endpoint, ns) in cluster)
            {
                var members = endpoint is null ? graph.MembersOf(node.Id).Count : 1;
                Add(new MatrixLine(node.Id, endpoint?.Workload.Name ?? ns, node.Kind, ns, members, endpoint is null ? $"namespace {ns}" : EndpointText.Short(endpoint)));
            }

            var outside = graph.Nodes.Where(n => n.Parent is null && n.Kind is not (GraphIds.NamespaceKind or GraphIds.WorkloadKind or GraphIds.NamespaceGroupKind))
                .OrderBy(n => Rank(n.Kind)).ThenBy(n => n.Id, StringComparer.Ordinal);
            foreach (var node in outside)
            {
                var label = node.Label.Replace('\n', ' ');
                Add(new MatrixLine(node.Id, label, node.Kind, null, blocksOfNode.GetValueOrDefault(node.Id, 1), label));
            }

            _lineOfWorkload = new int[_matrix.Workloads.Count];
            Array.Fill(_lineOfWorkload, -1);
            for (var line = 0; line < _lines.Count; line++)
            {
                foreach (var member in _lines[line].Namespace is null ? Array.Empty<Endpoint>() : graph.MembersOf(_lines[line].NodeId))
                {
                    if (member is WorkloadEndpoint w && _matrix.IndexOf(w.Workload.Id) is var i and >= 0)
                    {
                        _lineOfWorkload[i] = line;
                        _lineOfEndpoint[w.Id] = line;
                    }
                }
            }

            _lineOfBlock = new int[_matrix.External.Blocks.Length];
            foreach (var block in _matrix.External.Blocks)
            {
                _lineOfBlock[block.Index] = graph.BlockNodes.TryGetValue(block.Index, out var node) && _lineOfNode.TryGetValue(node, out var line) ? line : -1;
            }

            if (_lineOfNode.TryGetValue(GraphIds.Controller, out var controller))
            {
                _lineOfEndpoint[Endpoint.IngressController.Id] = controller;
            }

            foreach (var other in _matrix.OtherEndpoints)
            {
                if (_lineOfNode.TryGetValue(GraphIds.Other(other.Id), out var line))
                {
                    _lineOfEndpoint[other.Id] = line;
                }
            }
        }

        private void Add(MatrixLine line)
        {
            _lineOfNode[line.NodeId] = _lines.Count;
            _lines.Add(line);
        }

        private bool IsWorkloadLine(int line) => _lines[line].Kind == GraphIds.WorkloadKind;

        private void AddClusterTraffic()
        {
            if (overview is not null)
            {
                foreach (var c in overview.BetweenNamespaces)
                {
                    if (_lineOfNode.TryGetValue(GraphIds.Namespace(c.SourceNamespace), out var s) && _lineOfNode.TryGetValue(GraphIds.Namespace(c.DestinationNamespace), out var d)
                        && !IsWorkloadLine(s) && !IsWorkloadLine(d))
                    {
                        Get(s, d).Add(c.Allowed, c.WorkloadPairs, c.AllPairs);
                    }
                }
            }

            // The workloads on lines of their own, with every other workload: a pair of two such workloads is met once from each side, so one side adds it.
            var count = _matrix.Workloads.Count;
            for (var s = 0; s < count; s++)
            {
                var sl = _lineOfWorkload[s];
                if (sl < 0 || (overview is not null && !IsWorkloadLine(sl)))
                {
                    continue;
                }

                for (var d = 0; d < count; d++)
                {
                    var dl = _lineOfWorkload[d];
                    if (d == s || dl < 0)
                    {
                        continue;
                    }

                    Pair(sl, dl, _matrix.Between(s, d));
                    if (overview is not null && !IsWorkloadLine(dl))
                    {
                        Pair(dl, sl, _matrix.Between(d, s));
                    }
                }
            }
        }

        private void AddOutsideTraffic()
        {
            _lineOfNode.TryGetValue(GraphIds.Controller, out var controller);
            var hasController = _lineOfNode.ContainsKey(GraphIds.Controller);
            if (overview is not null)
            {
                foreach (var ((ns, block), sum) in overview.ToBlocks)
                {
                    if (NamespaceLine(ns) is { } s && _lineOfBlock[block] is >= 0 and var d)
                    {
                        Get(s, d).Add(sum.Allowed, sum.Pairs, sum.AllPairs);
                    }
                }

                foreach (var ((ns, block), sum) in overview.FromBlocks)
                {
                    if (NamespaceLine(ns) is { } d && _lineOfBlock[block] is >= 0 and var s)
                    {
                        Get(s, d).Add(sum.Allowed, sum.Pairs, sum.AllPairs);
                    }
                }

                foreach (var (ns, sum) in overview.FromController)
                {
                    if (hasController && NamespaceLine(ns) is { } d)
                    {
                        Get(controller, d).Add(sum.Allowed, sum.Pairs, sum.AllPairs);
                    }
                }
            }

            var others = _matrix.OtherEndpoints.Select(o => (Endpoint: o, Line: _lineOfEndpoint.GetValueOrDefault(o.Id, -1))).Where(o => o.Line >= 0).ToList();
            for (var w = 0; w < _matrix.Workloads.Count; w++)
            {
                var line = _lineOfWorkload[w];
                if (line < 0)
                {
                    continue;
                }

                if (overview is null || IsWorkloadLine(line))
                {
                    foreach (var block in _matrix.External.Blocks)
                    {
                        if (_lineOfBlock[block.Index] is >= 0 and var b)
                        {
                            Pair(line, b, _matrix.ToBlock(w, block.Index));
                            Pair(b, line, _matrix.FromBlock(block.Index, w));
                        }
                    }

                    if (hasController)
                    {
                        Pair(controller, line, _matrix.FromIngressController(w));
                    }
                }

                var self = new WorkloadEndpoint(_matrix.Workloads[w]);
                foreach (var (other, o) in others)
                {
                    Pair(line, o, _matrix.Get(self, other));
                    if (other is not DnsEndpoint)
                    {
                        Pair(o, line, _matrix.Get(other, self));
                    }
                }
            }
        }

        private int? NamespaceLine(string ns) => _lineOfNode.TryGetValue(GraphIds.Namespace(ns), out var line) && !IsWorkloadLine(line) ? line : null;

        private void Pair(int source, int destination, ConnectionSet allowed)
        {
            if (!allowed.IsEmpty)
            {
                Get(source, destination).Add(allowed, 1, allowed.IsAll ? 1 : 0);
            }
        }

        private Sum Get(int source, int destination)
        {
            if (!_sums.TryGetValue((source, destination), out var sum))
            {
                _sums[(source, destination)] = sum = new Sum();
            }

            return sum;
        }

        /// <summary>Marks the cells whose connections the draft changes (keeping those it blocks, which allow nothing any more).</summary>
        private void AddChanges()
        {
            foreach (var change in analysis.Impact.Changes)
            {
                var s = LineOf(change.Source);
                var d = LineOf(change.Destination);
                if (s < 0 || d < 0)
                {
                    continue;
                }

                Get(s, d).Changes.Add(change);
            }
        }

        private int LineOf(Endpoint endpoint) => endpoint switch
        {
            WorkloadEndpoint w => _matrix.IndexOf(w.Workload.Id) is var i and >= 0 ? _lineOfWorkload[i] : -1,
            ExternalEndpoint => LineOfOutside(endpoint),
            _ => _lineOfEndpoint.GetValueOrDefault(endpoint.Id, -1),
        };

        /// <summary>The line of an external range: its block's, by its first address (a range of another cut of the address space lies in the draft's block that holds it).</summary>
        private int LineOfOutside(Endpoint endpoint) =>
            endpoint is ExternalEndpoint e && _matrix.External.BlockOf(MatrixView.FirstOf(e)) is { } block ? _lineOfBlock[block.Index] : -1;

        private MatrixCell Cell((int Row, int Column) at, Sum sum)
        {
            var pairs = _lines[at.Row].Members * _lines[at.Column].Members - (at.Row == at.Column ? _lines[at.Row].Members : 0);
            var cell = new MatrixCell(sum.Allowed, Math.Max(pairs, sum.AllowedPairs), sum.AllowedPairs, sum.AllPairs)
            {
                Change = sum.Changes.Mark(sum.AllowedPairs > 0),
                Before = sum.Changes.Before,
                Changes = sum.Changes.Count,
                ChangeLines = sum.Changes.Lines,
            };
            var shown = cell.Level == MatrixLevel.None ? cell.Before : cell.Allowed;
            return cell with { Filtered = !options.Passes(shown) || (options.ChangesOnly && cell.Change is null) };
        }

        private Dictionary<(int, int), MatrixIntentMark> Intents()
        {
            var marks = new Dictionary<(int, int), MatrixIntentMark>();
            if (analysis.State.Draft.Intents.IsEmpty)
            {
                return marks;
            }

            foreach (var group in analysis.Intents.Findings.GroupBy(f => (LineOf(Endpoint.Of(f.Client)), LineOf(f.Target))).Where(g => g.Key.Item1 >= 0 && g.Key.Item2 >= 0))
            {
                var findings = group.ToList();
                marks[group.Key] = new MatrixIntentMark(
                    findings.Count(f => f.Class == IntentClass.IntendedAllowed),
                    findings.Count(f => f.Class == IntentClass.IntendedBlocked),
                    findings.Count(f => f.Class == IntentClass.AllowedNotIntended),
                    [.. findings.OrderBy(f => f.Class == IntentClass.IntendedBlocked ? 0 : 1).Take(IntentLines).Select(f => $"{f.Describe()} — {f.Source}")]);
            }

            return marks;
        }

        private Dictionary<(int, int), MatrixTrafficMark> Observed()
        {
            var marks = new Dictionary<(int, int), MatrixTrafficMark>();
            foreach (var group in traffic.Pairs.GroupBy(p => (LineOf(p.Source), LineOf(p.Destination))).Where(g => g.Key.Item1 >= 0 && g.Key.Item2 >= 0))
            {
                var worst = group.Select(p => p.Class).OrderBy(c => c switch { FlowClass.BlockedByDraft => 0, FlowClass.DroppedToday => 1, _ => 2 }).First();
                marks[group.Key] = new MatrixTrafficMark(group.Sum(p => p.Count), group.Sum(p => p.Flows.Count), worst);
            }

            return marks;
        }
    }
}
