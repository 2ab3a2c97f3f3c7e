namespace PolicyEditor.Cli.Output;

/// <summary><c>-o csv</c>: a header row of the report's column names, then one row per fact, quoted as RFC 4180 says.</summary>
internal sealed class CsvFormat : TableFormat
{
    public override string Name => "csv";

    protected override void Write(ReportTable table, TextWriter output)
    {
        output.WriteLine(string.Join(',', table.Columns.Select(Quote)));
        foreach (var row in table.Rows)
        {
            output.WriteLine(string.Join(',', row.Select(Quote)));
        }
    }

    /// <summary>A cell, quoted when it holds a comma, a quote or a line break (connection sets hold commas: <c>"TCP 80,443"</c>).</summary>
    internal static string Quote(string? cell)
    {
        cell ??= string.Empty;
        return cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
