using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Components.Matrix;

/// <summary>
/// The matrix view: renders the session's <see cref="MatrixView"/> (built by the session once per graph),
/// a page of rows and columns at a time with sticky headers, filtered by name; a cell click selects it
/// through the session as the graph does. Arrow keys move between cells, Enter selects, Page Up/Down page.
/// </summary>
public sealed partial class MatrixPanel
{
    private const string OutsideBand = "outside the cluster";

    private static readonly IntentClass[] IntentClasses = [IntentClass.IntendedBlocked, IntentClass.AllowedNotIntended, IntentClass.IntendedAllowed];

    private MatrixView? _view;
    private MatrixWindow _window = new();
    private IReadOnlyList<int> _rows = [];
    private IReadOnlyList<int> _columns = [];
    private Dictionary<int, int> _rowPosition = [];
    private Dictionary<int, int> _columnPosition = [];
    private (int Row, int Column) _active;
    private ElementReference _activeCell;
    private readonly Dictionary<(int Row, int Column), string> _titles = [];
    private (MatrixView? View, bool Intents, bool Traffic) _titlesOf;
    private bool _manyNamespaces;
    private bool _moveFocus;

    /// <inheritdoc />
    protected override void OnSessionChanged()
    {
        Session.MatrixAsync();
        if (Session.Matrix is { } view && !ReferenceEquals(view, _view))
        {
            _view = view;
            Filter();
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_moveFocus && _activeCell.Context is not null)
        {
            _moveFocus = false;
            await _activeCell.FocusAsync();
        }
    }

    private void Filter()
    {
        if (_view is not { } view)
        {
            return;
        }

        _manyNamespaces = view.Lines.Select(l => l.Namespace).Distinct().Count() > 1;
        _rows = _window.Rows(view);
        _columns = _window.Columns(view);
        _rowPosition = _rows.Select((line, i) => (line, i)).ToDictionary(x => x.line, x => x.i);
        _columnPosition = _columns.Select((line, i) => (line, i)).ToDictionary(x => x.line, x => x.i);
        var columnPage = MatrixWindow.ColumnPage(MatrixWindow.Compact(_columns.Count));
        _window = _window with
        {
            RowStart = MatrixWindow.Clamp(_window.RowStart, _rows.Count, MatrixWindow.RowPage),
            ColumnStart = MatrixWindow.Clamp(_window.ColumnStart, _columns.Count, columnPage),
        };
        _active = (Math.Clamp(_active.Row, _window.RowStart, Math.Max(_window.RowStart, Math.Min(_rows.Count, _window.RowStart + MatrixWindow.RowPage) - 1)),
            Math.Clamp(_active.Column, _window.ColumnStart, Math.Max(_window.ColumnStart, Math.Min(_columns.Count, _window.ColumnStart + columnPage) - 1)));
    }

    private void RowFilterChanged(string? text)
    {
        _window = _window with { RowFilter = text, RowStart = 0 };
        Filter();
    }

    private void ColumnFilterChanged(string? text)
    {
        _window = _window with { ColumnFilter = text, ColumnStart = 0 };
        Filter();
    }

    private void SortChanged(MatrixSort sort)
    {
        _window = _window with { Sort = sort, RowStart = 0, ColumnStart = 0 };
        _active = (0, 0);
        Filter();
    }

    private void ToggleActiveOnly()
    {
        _window = _window with { ActiveOnly = !_window.ActiveOnly, RowStart = 0, ColumnStart = 0 };
        Filter();
    }

    private void PageRows(int by)
    {
        _window = _window with { RowStart = MatrixWindow.Clamp(_window.RowStart + by * MatrixWindow.RowPage, _rows.Count, MatrixWindow.RowPage) };
        Filter();
    }

    private void PageColumns(int by, int page)
    {
        _window = _window with { ColumnStart = MatrixWindow.Clamp(_window.ColumnStart + by * page, _columns.Count, page) };
        Filter();
    }

    private Task SelectAsync(MatrixView view, int row, int column)
    {
        // The clicked cell becomes the active one, drawn anew: the focus follows it, so the arrow keys go on from there.
        _active = (_rowPosition[row], _columnPosition[column]);
        _moveFocus = true;
        return Session.SelectCellAsync(view, row, column);
    }

    /// <summary>Arrow keys, Home/End and Page Up/Down move the active cell (paging as needed); Enter and Space select it.</summary>
    private Task KeyAsync(KeyboardEventArgs e)
    {
        if (_rows.Count == 0 || _columns.Count == 0 || _view is not { } view)
        {
            return Task.CompletedTask;
        }

        if (e.Key is "Enter" or " ")
        {
            // The active cell is the one the keys moved to, whether or not the browser moved its focus yet.
            return SelectAsync(view, _rows[_active.Row], _columns[_active.Column]);
        }

        var columnPage = MatrixWindow.ColumnPage(MatrixWindow.Compact(_columns.Count));
        var (row, column) = _active;
        (row, column) = e.Key switch
        {
            "ArrowUp" => (row - 1, column),
            "ArrowDown" => (row + 1, column),
            "ArrowLeft" => (row, column - 1),
            "ArrowRight" => (row, column + 1),
            "Home" => (row, 0),
            "End" => (row, _columns.Count - 1),
            "PageUp" => (row - MatrixWindow.RowPage, column),
            "PageDown" => (row + MatrixWindow.RowPage, column),
            _ => (row, column),
        };
        row = Math.Clamp(row, 0, _rows.Count - 1);
        column = Math.Clamp(column, 0, _columns.Count - 1);
        if ((row, column) != _active)
        {
            _active = (row, column);
            _window = _window.Showing(row, column, columnPage);
            _moveFocus = true;
        }

        return Task.CompletedTask;
    }

    private static string Level(MatrixCell cell) => cell.Level switch
    {
        MatrixLevel.All => "all",
        MatrixLevel.Some => "some",
        _ => "none",
    };

    /// <summary>A cell's tooltip, described once per matrix and overlays: a page is drawn again on every selection.</summary>
    private string Title(MatrixView view, int row, int column, bool intents, bool traffic)
    {
        var of = (view, intents, traffic);
        if (_titlesOf != of)
        {
            _titles.Clear();
            _titlesOf = of;
        }

        if (!_titles.TryGetValue((row, column), out var title))
        {
            title = view.IsSelf(row, column) ? $"{view.Lines[row].Name} → itself" : view.Describe(row, column, intents, traffic);
            _titles[(row, column)] = title;
        }

        return title;
    }

    private string Summary(MatrixView view) => view.Collapsed
        ? $"{view.Rows.Count:N0} sources × {view.Columns.Count:N0} destinations, namespaces as one (▸ opens one)"
        : $"{view.Rows.Count:N0} sources × {view.Columns.Count:N0} destinations";

    /// <summary>Whether the lines are in their order by name, and so by namespace.</summary>
    private bool ByName => _window.Sort == MatrixSort.Name;

    /// <summary>Whether the columns get a band naming their namespaces (workloads by namespace, then the outside).</summary>
    private bool HasGroups => _view is { Collapsed: false } && _manyNamespaces && ByName;

    /// <summary>A header: a workload's name under its namespace's band, its namespace and name where lines are not by namespace.</summary>
    private string Label(MatrixLine line) =>
        line.Kind == GraphIds.WorkloadKind && !ByName ? $"{line.Namespace}/{line.Label}" : line.Label;

    /// <summary>
    /// The band a row is listed under: its namespace for a workload of an opened namespace (or of any namespace
    /// when the cluster is small and has several), "outside the cluster" for the outside then; null for no band, and always null while the lines are sorted by a measure.
    /// </summary>
    private string? RowBand(MatrixView view, MatrixLine line) =>
        !ByName ? null
        : view.Collapsed ? (line.Kind == GraphIds.WorkloadKind ? line.Namespace : null)
        : _manyNamespaces ? line.Namespace ?? OutsideBand
        : null;

    /// <summary>The namespaces of consecutive columns, with how many columns each spans.</summary>
    private IEnumerable<(string Group, int Span)> Groups(IReadOnlyList<int> columns)
    {
        var groups = new List<(string Group, int Span)>();
        foreach (var c in columns)
        {
            var group = _view!.Lines[c].Namespace ?? OutsideBand;
            if (groups.Count > 0 && groups[^1].Group == group)
            {
                groups[^1] = (group, groups[^1].Span + 1);
            }
            else
            {
                groups.Add((group, 1));
            }
        }

        return groups;
    }

    private string CellClass(MatrixView view, int row, int column, MatrixCell cell, (int, int)? selected, bool traffic)
    {
        var classes = new List<string>(6) { "pe-mc", view.IsSelf(row, column) ? "pe-mc-self" : $"pe-mc-{cell.Level.ToString().ToLowerInvariant()}" };
        if (cell.Change is { } change)
        {
            classes.Add($"pe-mc-{change}");
        }

        if (cell.Filtered)
        {
            classes.Add("pe-mc-filtered");
        }

        if (traffic && view.NeverObserved(row, column))
        {
            classes.Add("pe-mc-unobserved");
        }

        if (selected == (row, column))
        {
            classes.Add("pe-mc-selected");
        }

        return string.Join(' ', classes);
    }
}
