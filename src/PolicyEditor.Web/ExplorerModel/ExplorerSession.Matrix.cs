using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// The matrix view beside the graph: built off the circuit's thread once per graph and observed traffic
/// (the graph itself is rebuilt only when the workspace, the traffic or the options change), its cells
/// selected through the graph's own selection, so the inspector explains them as it explains edges.
/// </summary>
public sealed partial class ExplorerSession
{
    private Task<MatrixView>? _matrixTask;
    private (GraphModel Graph, FlowClassification Traffic)? _matrixOf;
    private (ReachabilityMatrix Matrix, FlowClassification Traffic)? _unobservedOf;

    /// <summary>Whether the matrix is shown instead of the graph.</summary>
    public bool MatrixShown { get; private set; }

    /// <summary>The matrix of the graph shown, once built (the previous one while a new one is built; null before the first).</summary>
    public MatrixView? Matrix { get; private set; }

    /// <summary>Whether the matrix marks the intent findings of the classes in <see cref="IntentFilter"/>.</summary>
    public bool MatrixIntents { get; private set; }

    /// <summary>Whether the matrix marks the observed traffic.</summary>
    public bool MatrixTraffic { get; private set; } = true;

    /// <summary>How many pairs of distinct workloads the draft allows and no flow was observed between; null until counted (or without traffic).</summary>
    public int? NeverObservedPairs { get; private set; }

    /// <summary>Shows the matrix instead of the graph, or the graph again.</summary>
    public async Task ShowMatrixAsync(bool shown)
    {
        MatrixShown = shown;
        Notify();
        if (shown && MatrixAsync() is { } building)
        {
            await building;
        }
    }

    /// <summary>Marks intent findings on the matrix, or not.</summary>
    public void ShowMatrixIntents(bool shown)
    {
        MatrixIntents = shown;
        Notify();
    }

    /// <summary>Marks observed traffic on the matrix, or not.</summary>
    public void ShowMatrixTraffic(bool shown)
    {
        MatrixTraffic = shown;
        Notify();
    }

    /// <summary>
    /// The matrix of the graph shown: the one built already when the graph and traffic are the same, else one
    /// built off the circuit's thread, shown (with <see cref="Changed"/>) when ready. Null before a workspace is shown.
    /// </summary>
    public Task<MatrixView>? MatrixAsync()
    {
        if (Analysis is not { } analysis)
        {
            return null;
        }

        var (graph, traffic, options) = (Graph, Traffic, Options);
        if (_matrixTask is null || _matrixOf is not { } built || !ReferenceEquals(built.Graph, graph) || !ReferenceEquals(built.Traffic, traffic))
        {
            _matrixOf = (graph, traffic);
            _matrixTask = Task.Run(() =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var view = MatrixViewBuilder.Build(analysis, graph, options, graph.Collapsed ? graphs.Overview(analysis) : null, traffic);
                logger.LogInformation("Built the matrix view of {Lines} lines in {Milliseconds:F0} ms", view.Lines.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return view;
            });
            _ = ShowMatrixWhenBuiltAsync(_matrixTask, graph, traffic);
        }

        return _matrixTask;
    }

    /// <summary>
    /// A cell was picked: a pair of single endpoints is explained as a pair (its edge selected on the graph),
    /// a cell of groups lists its pairs as an edge of the graph does.
    /// </summary>
    public async Task SelectCellAsync(MatrixView view, int row, int column)
    {
        var (from, to) = (view.Lines[row], view.Lines[column]);
        if (view.EndpointOf(row) is { } source && view.EndpointOf(column) is { } destination && row != column)
        {
            await ShowPairAsync(new EndpointPair(source, destination));
            return;
        }

        var id = GraphIds.Edge(from.NodeId, to.NodeId);
        if (Graph.Edge(id) is not null)
        {
            await SelectEdgeAsync(id);
            return;
        }

        // No edge is drawn for the cell (nothing allowed, or the graph bundles it otherwise): one stands in for it, with its pairs.
        var cell = view.Cell(row, column);
        var edge = new GraphEdge(id, from.NodeId, to.NodeId, cell.Text, [cell.Level == MatrixLevel.None ? "none" : GraphModelBuilder.ProtocolClass(cell.Allowed), .. cell.Change is { } c ? [c] : Array.Empty<string>()],
            cell.Describe(from.Name, to.Name), cell.Pairs);
        Selection = new ExplorerSelection(null, edge, null, null, null);
        Tab = ExplorerTab.Inspect;
        Notify();
    }

    /// <summary>A row or column header was picked: its node is inspected, as a click on the graph does.</summary>
    public Task SelectLineAsync(MatrixLine line) => SelectNodeAsync(line.NodeId);

    /// <summary>
    /// Counts the pairs the draft allows that no flow was observed between, once per analysis and traffic,
    /// off the circuit's thread (from the per-namespace sums the graph's overview keeps, so REAL costs no pair loop).
    /// </summary>
    public void CountNeverObserved()
    {
        if (Analysis is not { } analysis || Traffic.Pairs.Count == 0)
        {
            NeverObservedPairs = null;
            return;
        }

        var (matrix, traffic) = (analysis.Draft, Traffic);
        if (_unobservedOf is { } counted && ReferenceEquals(counted.Matrix, matrix) && ReferenceEquals(counted.Traffic, traffic))
        {
            return;
        }

        (_unobservedOf, NeverObservedPairs) = ((matrix, traffic), null);
        _ = ShowNeverObservedAsync(matrix, traffic);
    }

    /// <summary>How many pairs of distinct workloads <paramref name="matrix"/> allows and no flow of <paramref name="traffic"/> was observed between.</summary>
    internal static int NeverObserved(MatrixOverview overview, ReachabilityMatrix matrix, FlowClassification traffic)
    {
        var allowed = overview.BetweenNamespaces.Sum(c => (long)c.WorkloadPairs);
        var observed = traffic.Pairs.Count(p => p.Source is WorkloadEndpoint s && p.Destination is WorkloadEndpoint d && s.Id != d.Id && !matrix.Get(s, d).IsEmpty);
        return (int)Math.Min(int.MaxValue, allowed - observed);
    }

    private async Task ShowNeverObservedAsync(ReachabilityMatrix matrix, FlowClassification traffic)
    {
        try
        {
            var count = await Task.Run(() => NeverObserved(graphs.Overview(matrix), matrix, traffic));
            if (_unobservedOf is { } asked && ReferenceEquals(asked.Matrix, matrix) && ReferenceEquals(asked.Traffic, traffic))
            {
                NeverObservedPairs = count;
                Notify();
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Counting the pairs never observed failed");
        }
    }

    private async Task ShowMatrixWhenBuiltAsync(Task<MatrixView> building, GraphModel graph, FlowClassification traffic)
    {
        try
        {
            var view = await building;
            if (ReferenceEquals(Graph, graph) && ReferenceEquals(Traffic, traffic))
            {
                Matrix = view;
                Notify();
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Building the matrix view failed");
            Notice("The matrix could not be built: " + e.Message, NoticeLevel.Error);
        }
    }
}
