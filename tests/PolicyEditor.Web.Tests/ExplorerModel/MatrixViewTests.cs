using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>The matrix view: lines at the graph's grouping level, what each cell says, the draft's changes, intents and observed traffic on it.</summary>
public sealed class MatrixViewTests
{
    private const string Frontend = "w:shop/frontend[Deployment]";
    private const string Catalog = "w:shop/catalog[Deployment]";
    private const string Cart = "w:shop/cart[Deployment]";
    private const string Prometheus = "w:monitoring/prometheus[Deployment]";
    private const string KubeDns = "w:kube-system/kube-dns[Deployment]";

    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private static readonly Cluster Boutique = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "boutique")).Cluster;

    private readonly GraphModelBuilder _graphs = new();

    [Fact]
    public void ASmallCluster_HasAWorkloadPerLine_ThenTheOutside()
    {
        var view = Build(Shop);

        Assert.False(view.Collapsed);
        Assert.Equal(8, view.Lines.Count(l => l.Kind == GraphIds.WorkloadKind));
        Assert.DoesNotContain(view.Lines, l => l.Kind == GraphIds.NamespaceKind);
        Assert.Contains(view.Lines, l => l.NodeId == GraphIds.Internet);
        Assert.True(view.Lines.TakeWhile(l => !l.IsOutside).Count() == 8, "The cluster's lines come first, the outside after.");
        Assert.Equal("shop/frontend", view.Lines[view.LineOf(Frontend)].Name);
    }

    [Theory]
    [InlineData(Frontend, Catalog, MatrixLevel.Some, "TCP 8080")]
    [InlineData(Prometheus, KubeDns, MatrixLevel.All, "all")]
    [InlineData(Catalog, Cart, MatrixLevel.None, "")]
    public void ACell_SaysWhatIsAllowed(string from, string to, MatrixLevel level, string text)
    {
        var view = Build(Shop);

        var cell = view.Cell(view.LineOf(from), view.LineOf(to));

        Assert.Equal(level, cell.Level);
        Assert.Equal(text, cell.Text);
    }

    [Fact]
    public void ACellsTooltip_NamesBothEnds_AndTheConnectionsInFull()
    {
        var view = Build(Shop);

        var title = view.Describe(view.LineOf(Frontend), view.LineOf(Catalog), intents: false, traffic: false);

        Assert.StartsWith("shop/frontend → shop/catalog: TCP 8080", title, StringComparison.Ordinal);
    }

    [Fact]
    public void ALargeCluster_IsOneLinePerNamespace_WithCellsSummedOverPairs()
    {
        var cluster = Large(namespaces: 4, perNamespace: 80) with
        {
            NetworkPolicies = ValueArray.Create(new NetworkPolicy("ns-1", "deny", LabelSelector.Everything, PolicyTypes.Ingress,
                ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty)),
        };

        var view = Build(cluster);

        Assert.True(view.Collapsed);
        Assert.Equal(["ns-0", "ns-1", "ns-2", "ns-3"], view.Lines.Where(l => l.IsNamespace).Select(l => l.Label));
        var open = view.Cell(view.LineOf("ns:ns-0"), view.LineOf("ns:ns-2"));
        Assert.Equal((MatrixLevel.All, 80 * 80, 80 * 80), (open.Level, open.Pairs, open.AllPairs));
        var within = view.Cell(view.LineOf("ns:ns-0"), view.LineOf("ns:ns-0"));
        Assert.Equal((MatrixLevel.All, 80 * 79), (within.Level, within.Pairs));
        Assert.Equal(MatrixLevel.None, view.Cell(view.LineOf("ns:ns-0"), view.LineOf("ns:ns-1")).Level);
    }

    [Fact]
    public void AnOpenedNamespace_ShowsItsWorkloads_AmongTheOtherNamespaces()
    {
        var cluster = Large(namespaces: 4, perNamespace: 80);

        var view = Build(cluster, new GraphOptions().Toggle("ns-3"));

        Assert.Equal(80, view.Lines.Count(l => l.Kind == GraphIds.WorkloadKind && l.Namespace == "ns-3"));
        Assert.Equal(3, view.Lines.Count(l => l.IsNamespace));
        var cell = view.Cell(view.LineOf("w:ns-3/app-0[Deployment]"), view.LineOf("ns:ns-0"));
        Assert.Equal((MatrixLevel.All, 80), (cell.Level, cell.Pairs));
        Assert.Equal(MatrixLevel.All, view.Cell(view.LineOf("ns:ns-0"), view.LineOf("w:ns-3/app-0[Deployment]")).Level);
    }

    [Fact]
    public void ACellTheDraftBlocks_IsMarked_AndSaysWhatItAllowedBefore()
    {
        var draft = Shop with
        {
            NetworkPolicies = ValueArray.Create([.. Shop.NetworkPolicies.Where(p => p.Namespace != "shop" || p.Name.Contains("deny", StringComparison.Ordinal))]),
        };
        var analysis = Analyze(Shop, draft);

        var view = Build(analysis, new GraphOptions());
        var cell = view.Cell(view.LineOf(Frontend), view.LineOf(Catalog));

        Assert.Equal("blocked", cell.Change);
        Assert.Equal(MatrixLevel.None, cell.Level);
        Assert.Equal("✕ TCP 8080", cell.Text);
        Assert.Contains("Changed by the draft", cell.Describe("a", "b"), StringComparison.Ordinal);
    }

    [Fact]
    public void Intents_MarkTheirCells_ByClass()
    {
        var view = Build(Boutique);

        var mark = view.Intents(view.LineOf("w:boutique/frontend[Deployment]"), view.LineOf("w:boutique/cart[Deployment]"));

        Assert.NotNull(mark);
        Assert.Equal(1, mark.Blocked);
        Assert.Equal(IntentClass.IntendedBlocked, mark.Worst(ExplorerSession.AllIntentClasses));
        Assert.Null(mark.Worst(new HashSet<IntentClass> { IntentClass.IntendedAllowed }));
        Assert.Contains(view.Lines.Select((_, i) => i).SelectMany(r => view.Lines.Select((_, c) => view.Intents(r, c))), m => m?.Allowed > 0);
    }

    [Fact]
    public void ObservedTraffic_MarksItsCells_AndAllowedCellsWithoutFlows()
    {
        var analysis = Analyze(Shop, Shop);
        var traffic = Observe(analysis.Draft, (Frontend, Catalog, 8080, 5_000));

        var view = MatrixViewBuilder.Build(analysis, _graphs.Build(analysis, new GraphOptions()), new GraphOptions(), null, traffic);

        var observed = view.Observed(view.LineOf(Frontend), view.LineOf(Catalog));
        Assert.Equal((5_000L, FlowClass.ObservedAllowed, 3), (observed?.Flows, observed?.Class, observed?.Volume));
        Assert.False(view.NeverObserved(view.LineOf(Frontend), view.LineOf(Catalog)));
        Assert.True(view.NeverObserved(view.LineOf(Prometheus), view.LineOf(KubeDns)));
        Assert.False(view.NeverObserved(view.LineOf(Catalog), view.LineOf(Cart)));
    }

    [Fact]
    public void NeverObserved_CountsWhatTheEnginesListHas_FromTheNamespaceSums()
    {
        var analysis = Analyze(Shop, Shop);
        var matrix = analysis.Draft;
        var traffic = FlowClassifier.Classify(Fold(FlowGenerator.Generate(matrix, seed: 3, maxAllowed: 12)), new FlowMatcher(matrix.Evaluator.Cluster), matrix);

        var count = ExplorerSession.NeverObserved(_graphs.Overview(matrix), matrix, traffic);

        Assert.Equal(traffic.NeverObserved(matrix).Count(), count);
        Assert.True(count > 0);
    }

    [Fact]
    public void AWindow_FiltersByName_AndPagesToTheActiveCell()
    {
        var view = Build(Large(namespaces: 90, perNamespace: 4));
        var window = new MatrixWindow(RowFilter: "ns-1");

        var rows = window.Rows(view);
        var moved = new MatrixWindow().Showing(row: 75, column: 50, columnPage: 32);

        Assert.Equal(11, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("ns-1", view.Lines[r].Label, StringComparison.Ordinal));
        Assert.Equal((75 / MatrixWindow.RowPage * MatrixWindow.RowPage, 32), (moved.RowStart, moved.ColumnStart));
        Assert.True(MatrixWindow.Compact(window.Columns(view).Count));
        Assert.Equal(0, MatrixWindow.Clamp(120, 30, MatrixWindow.RowPage));
    }

    [Theory]
    [InlineData(MatrixSort.Allowed)]
    [InlineData(MatrixSort.Changes)]
    public void AWindowSortedByAMeasure_PutsTheLinesWithMostFirst_RowsAndColumnsEach(MatrixSort sort)
    {
        var draft = Shop with
        {
            NetworkPolicies = ValueArray.Create([.. Shop.NetworkPolicies.Where(p => p.Namespace != "shop" || p.Name.Contains("deny", StringComparison.Ordinal))]),
        };
        var view = Build(Analyze(Shop, draft), new GraphOptions());
        long Measure(int line, bool asRow) => sort == MatrixSort.Allowed ? view.AllowedPairs(line, asRow) : view.Changes(line, asRow);

        var window = new MatrixWindow(Sort: sort);
        var rows = window.Rows(view);
        var columns = window.Columns(view);

        Assert.Equal(view.Rows.Order(), rows.Order());
        Assert.Equal(rows.Select(r => Measure(r, true)).OrderDescending(), rows.Select(r => Measure(r, true)));
        Assert.Equal(columns.Select(c => Measure(c, false)).OrderDescending(), columns.Select(c => Measure(c, false)));
        Assert.True(Measure(rows[0], true) > Measure(rows[^1], true), "Some lines have more than others.");
        Assert.Equal(view.Rows, new MatrixWindow().Rows(view));
    }

    /// <summary>A cluster of many workloads (so its graph starts collapsed), no policies: every pair may talk.</summary>
    internal static Cluster Large(int namespaces, int perNamespace) => Cluster.Empty with
    {
        Namespaces = ValueArray.Create([.. Enumerable.Range(0, namespaces).Select(n => new Namespace($"ns-{n}"))]),
        Workloads = ValueArray.Create([.. Enumerable.Range(0, namespaces).SelectMany(n => Enumerable.Range(0, perNamespace)
            .Select(w => new Workload($"ns-{n}", $"app-{w}", "Deployment", LabelSet.Of(("app", $"app-{w}")), ValueArray<ContainerPort>.Empty)))]),
    };

    private MatrixView Build(Cluster cluster, GraphOptions? options = null) => Build(Analyze(cluster, cluster), options ?? new GraphOptions());

    private MatrixView Build(WorkspaceAnalysis analysis, GraphOptions options)
    {
        var graph = _graphs.Build(analysis, options);
        return MatrixViewBuilder.Build(analysis, graph, options, graph.Collapsed ? _graphs.Overview(analysis.Draft) : null, FlowClassification.Empty);
    }

    private static WorkspaceAnalysis Analyze(Cluster baseline, Cluster draft)
    {
        var state = new WorkspaceState(Guid.NewGuid(), "test", 1, DateTimeOffset.UnixEpoch, new WorkspaceVersion(1, baseline, "test", DateTimeOffset.UnixEpoch, "base"), draft, [], 0);
        var before = ReachabilityMatrix.Build(new ClusterEvaluator(baseline));
        return new WorkspaceAnalysis(state, before, ChangeImpact.Compute(before, draft));
    }

    private static FlowClassification Observe(ReachabilityMatrix matrix, params (string From, string To, int Port, long Count)[] flows)
    {
        static FlowPeer Peer(string node) => FlowPeer.OfWorkload(node[2..node.IndexOf('/', StringComparison.Ordinal)], node[(node.IndexOf('/', StringComparison.Ordinal) + 1)..node.IndexOf('[', StringComparison.Ordinal)]);
        var records = flows.Select(f => new FlowRecord(Peer(f.From), Peer(f.To), FlowProtocol.Tcp, f.Port, FlowVerdict.Forwarded, f.Count));
        return FlowClassifier.Classify(Fold(records), new FlowMatcher(matrix.Evaluator.Cluster), matrix);
    }

    private static ObservedTraffic Fold(IEnumerable<FlowRecord> records)
    {
        var aggregator = new FlowAggregator();
        foreach (var record in records)
        {
            aggregator.Add(record);
        }

        return aggregator.Build();
    }
}
