using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// The reachability matrix as the explorer shows it beside the graph: sources as rows, destinations as
/// columns, at the graph's grouping level, each cell what the draft allows, what it changed, and the
/// intents and observed traffic between the two. Built once per graph and observed traffic by
/// <see cref="MatrixViewBuilder"/>; cells where nothing is allowed or marked are not stored.
/// </summary>
public sealed class MatrixView
{
    private readonly IReadOnlyDictionary<(int, int), MatrixCell> _cells;
    private readonly IReadOnlyDictionary<(int, int), MatrixIntentMark> _intents;
    private readonly IReadOnlyDictionary<(int, int), MatrixTrafficMark> _traffic;
    private readonly IReadOnlyDictionary<string, int> _lineOfNode;
    private readonly IReadOnlyDictionary<string, int> _lineOfEndpoint;
    private readonly Func<Endpoint, int> _lineOfOutside;
    private readonly long[] _allowedFrom;
    private readonly long[] _allowedTo;
    private readonly int[] _changesFrom;
    private readonly int[] _changesTo;

    internal MatrixView(
        GraphModel graph,
        FlowClassification traffic,
        IReadOnlyList<MatrixLine> lines,
        IReadOnlyDictionary<(int, int), MatrixCell> cells,
        IReadOnlyDictionary<(int, int), MatrixIntentMark> intents,
        IReadOnlyDictionary<(int, int), MatrixTrafficMark> observed,
        IReadOnlyDictionary<string, int> lineOfEndpoint,
        Func<Endpoint, int> lineOfOutside)
    {
        (Graph, Traffic, Lines, _cells, _intents, _traffic, _lineOfEndpoint, _lineOfOutside) = (graph, traffic, lines, cells, intents, observed, lineOfEndpoint, lineOfOutside);
        _lineOfNode = lines.Select((l, i) => (l.NodeId, i)).ToDictionary(x => x.NodeId, x => x.i, StringComparer.Ordinal);
        Rows = [.. Enumerable.Range(0, lines.Count).Where(i => lines[i].Kind != GraphIds.DnsKind)];
        Columns = [.. Enumerable.Range(0, lines.Count).Where(i => lines[i].Kind != GraphIds.ControllerKind)];
        var marked = cells.Where(c => c.Value.Level != MatrixLevel.None || c.Value.Change is not null).Select(c => c.Key).Concat(intents.Keys).Concat(observed.Keys).ToList();
        ActiveRows = marked.Select(k => k.Item1).ToHashSet();
        ActiveColumns = marked.Select(k => k.Item2).ToHashSet();
        (_allowedFrom, _allowedTo, _changesFrom, _changesTo) = (new long[lines.Count], new long[lines.Count], new int[lines.Count], new int[lines.Count]);
        foreach (var ((row, column), cell) in cells)
        {
            var allowed = cell.Level == MatrixLevel.None ? 0 : cell.AllowedPairs;
            (_allowedFrom[row], _allowedTo[column]) = (_allowedFrom[row] + allowed, _allowedTo[column] + allowed);
            (_changesFrom[row], _changesTo[column]) = (_changesFrom[row] + cell.Changes, _changesTo[column] + cell.Changes);
        }
    }

    /// <summary>Nothing to show.</summary>
    public static MatrixView Empty { get; } = new(GraphModel.Empty, FlowClassification.Empty, [], new Dictionary<(int, int), MatrixCell>(),
        new Dictionary<(int, int), MatrixIntentMark>(), new Dictionary<(int, int), MatrixTrafficMark>(), new Dictionary<string, int>(), _ => -1);

    /// <summary>The graph the matrix was built from (its grouping and filters).</summary>
    public GraphModel Graph { get; }

    /// <summary>The observed traffic drawn on it.</summary>
    public FlowClassification Traffic { get; }

    /// <summary>Every line, rows and columns alike: the cluster's by namespace, then the outside.</summary>
    public IReadOnlyList<MatrixLine> Lines { get; }

    /// <summary>The lines that are rows (sources): all but DNS names, which are only ever destinations.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The lines that are columns (destinations): all but the ingress controller, which is only ever a source.</summary>
    public IReadOnlyList<int> Columns { get; }

    /// <summary>The rows with some cell that allows, changes or marks something.</summary>
    public IReadOnlySet<int> ActiveRows { get; }

    /// <summary>The columns with some cell that allows, changes or marks something.</summary>
    public IReadOnlySet<int> ActiveColumns { get; }

    /// <summary>Whether the rows are namespaces (the graph's overview of a large cluster).</summary>
    public bool Collapsed => Graph.Collapsed;

    /// <summary>Whether observed traffic was imported (cells that allow traffic none was seen on are marked).</summary>
    public bool HasTraffic => Traffic.Pairs.Count > 0;

    /// <summary>Whether any cell has intent findings.</summary>
    public bool HasIntents => _intents.Count > 0;

    /// <summary>How many cells allow something.</summary>
    public int AllowingCells => _cells.Values.Count(c => c.Level != MatrixLevel.None);

    /// <summary>How many endpoint pairs a line's cells let connect: from it as a row (<paramref name="asRow"/>), else to it as a column.</summary>
    public long AllowedPairs(int line, bool asRow) => asRow ? _allowedFrom[line] : _allowedTo[line];

    /// <summary>How many of the draft's changes a line's cells hold, as a row or as a column.</summary>
    public int Changes(int line, bool asRow) => asRow ? _changesFrom[line] : _changesTo[line];

    /// <summary>The cell from line <paramref name="row"/> to line <paramref name="column"/>.</summary>
    public MatrixCell Cell(int row, int column) => _cells.GetValueOrDefault((row, column)) ?? MatrixCell.Empty;

    /// <summary>The intent findings of a cell, if any.</summary>
    public MatrixIntentMark? Intents(int row, int column) => _intents.GetValueOrDefault((row, column));

    /// <summary>The observed traffic of a cell, if any.</summary>
    public MatrixTrafficMark? Observed(int row, int column) => _traffic.GetValueOrDefault((row, column));

    /// <summary>Whether a cell allows traffic on which no flow was observed (only once traffic was imported).</summary>
    public bool NeverObserved(int row, int column) => HasTraffic && Cell(row, column).Level != MatrixLevel.None && !_traffic.ContainsKey((row, column));

    /// <summary>Whether a line is a diagonal cell's: a line to itself (a namespace's traffic within itself is a cell; a single endpoint's is not).</summary>
    public bool IsSelf(int row, int column) => row == column && Lines[row].Members <= 1;

    /// <summary>The cell's tooltip: what is allowed and changed, and the intents and traffic when <paramref name="intents"/> and <paramref name="traffic"/> are shown.</summary>
    public string Describe(int row, int column, bool intents, bool traffic)
    {
        var text = Cell(row, column).Describe(Lines[row].Name, Lines[column].Name);
        if (intents && Intents(row, column) is { } mark)
        {
            text += "\nIntents:\n" + string.Join("\n", mark.Lines);
        }

        if (traffic && Observed(row, column) is { } observed)
        {
            text += "\n" + observed.Describe();
        }
        else if (traffic && NeverObserved(row, column))
        {
            text += "\nAllowed, but no flow was observed";
        }

        return text;
    }

    /// <summary>The line of a graph node, or -1.</summary>
    public int LineOf(string nodeId) => _lineOfNode.GetValueOrDefault(nodeId, -1);

    /// <summary>The line that holds an endpoint (its workload's or namespace's, its block's), or -1.</summary>
    public int LineOf(Endpoint endpoint) =>
        _lineOfEndpoint.TryGetValue(endpoint.Id, out var line) ? line : endpoint is ExternalEndpoint ? _lineOfOutside(endpoint) : -1;

    /// <summary>The cell a selection stands on (a pair, or an edge between two lines), if any.</summary>
    public (int Row, int Column)? CellOf(ExplorerSelection selection) =>
        selection.Pair is { } pair && LineOf(pair.Source) is >= 0 and var s && LineOf(pair.Destination) is >= 0 and var d ? (s, d)
        : selection.Edge is { } edge && LineOf(edge.Source) is >= 0 and var es && LineOf(edge.Target) is >= 0 and var ed ? (es, ed)
        : null;

    /// <summary>The endpoint a line stands for when it stands for exactly one (a workload, a block's first address, the controller).</summary>
    internal Endpoint? EndpointOf(int line) => Graph.EndpointOf(Lines[line].NodeId);

    /// <summary>The first address of an external endpoint, as the explorer explains a range.</summary>
    internal static AddressRange FirstOf(ExternalEndpoint e) => new(e.Range.Family, e.Range.First, e.Range.First);
}
