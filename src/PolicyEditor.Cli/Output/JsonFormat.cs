using System.Text.Json;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary><c>-o json</c>: an array of objects, one per row, keyed by the report's column names.</summary>
internal sealed class JsonFormat : OutputFormat
{
    public override string Name => "json";

    public override void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context) => Write(ReportTable.Of(lines), context.Output);

    public override void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context) => Write(ReportTable.Of(changes, explained), context.Output);

    private static void Write(ReportTable table, TextWriter output)
    {
        var items = table.Rows.Select(row => table.Columns.Select((column, i) => (column, row[i])).ToDictionary(p => p.column, p => p.Item2));
        output.WriteLine(JsonSerializer.Serialize(items, JsonOptions.Indented));
    }
}
