namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// The part of the matrix on screen: rows and columns filtered by name (and, if asked, to those with
/// traffic), then a page of each, so that REAL's 601 x 601 namespaces draw as a few thousand cells.
/// </summary>
/// <param name="RowFilter">Text a row's name must contain.</param>
/// <param name="ColumnFilter">Text a column's name must contain.</param>
/// <param name="ActiveOnly">Only rows and columns where something is allowed, changed or marked.</param>
/// <param name="RowStart">The first row shown, among those filtered.</param>
/// <param name="ColumnStart">The first column shown, among those filtered.</param>
/// <param name="Sort">How rows and columns are ordered: by name, or the most allowed or most changed first.</param>
public sealed record MatrixWindow(string? RowFilter = null, string? ColumnFilter = null, bool ActiveOnly = false, int RowStart = 0, int ColumnStart = 0, MatrixSort Sort = MatrixSort.Name)
{
    /// <summary>How many rows a page shows.</summary>
    public const int RowPage = 30;

    /// <summary>Above this many columns the cells are drawn compact (colour and marks, the text in the tooltip).</summary>
    public const int DetailedColumns = 14;

    /// <summary>How many columns a page shows: fewer when the cells carry their text.</summary>
    public static int ColumnPage(bool compact) => compact ? 32 : DetailedColumns;

    /// <summary>The rows that pass the filters, in the order asked (line indices).</summary>
    public IReadOnlyList<int> Rows(MatrixView view) => Sorted(view, view.Rows.Where(r => view.Lines[r].Matches(RowFilter) && (!ActiveOnly || view.ActiveRows.Contains(r))), asRows: true);

    /// <summary>The columns that pass the filters, in the order asked (line indices).</summary>
    public IReadOnlyList<int> Columns(MatrixView view) => Sorted(view, view.Columns.Where(c => view.Lines[c].Matches(ColumnFilter) && (!ActiveOnly || view.ActiveColumns.Contains(c))), asRows: false);

    /// <summary>Lines in the order asked; lines that tie keep their order by name.</summary>
    private IReadOnlyList<int> Sorted(MatrixView view, IEnumerable<int> lines, bool asRows) => Sort switch
    {
        MatrixSort.Allowed => [.. lines.OrderByDescending(l => view.AllowedPairs(l, asRows))],
        MatrixSort.Changes => [.. lines.OrderByDescending(l => view.Changes(l, asRows))],
        _ => [.. lines],
    };

    /// <summary>Whether cells are drawn compact for this many columns.</summary>
    public static bool Compact(int columns) => columns > DetailedColumns;

    /// <summary>This window moved so that the cell at filtered positions (<paramref name="row"/>, <paramref name="column"/>) is on the page.</summary>
    public MatrixWindow Showing(int row, int column, int columnPage) => this with
    {
        RowStart = row < RowStart ? row / RowPage * RowPage : row >= RowStart + RowPage ? row / RowPage * RowPage : RowStart,
        ColumnStart = column < ColumnStart ? column / columnPage * columnPage : column >= ColumnStart + columnPage ? column / columnPage * columnPage : ColumnStart,
    };

    /// <summary>The start of a page kept within <paramref name="count"/> lines.</summary>
    public static int Clamp(int start, int count, int page) => Math.Max(0, Math.Min(start, (count - 1) / page * page));
}
