using System.Text.Json;

namespace PolicyEditor.Cli.Output;

/// <summary><c>-o json</c>: an array of objects, one per row, keyed by the report's column names.</summary>
internal sealed class JsonFormat : TableFormat
{
    public override string Name => "json";

    protected override void Write(ReportTable table, TextWriter output)
    {
        var items = table.Rows.Select(row => table.Columns.Select((column, i) => (column, row[i])).ToDictionary(p => p.column, p => p.Item2));
        output.WriteLine(JsonSerializer.Serialize(items, JsonOptions.Indented));
    }
}
