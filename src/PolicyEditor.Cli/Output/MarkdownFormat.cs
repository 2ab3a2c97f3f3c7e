using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary><c>-o md</c>: a Markdown table, for a pull-request comment or a job summary.</summary>
internal sealed class MarkdownFormat : OutputFormat
{
    public override string Name => "md";

    public override void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context) => Write(ReportTable.Of(lines), context.Output);

    public override void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context) => Write(ReportTable.Of(changes, explained), context.Output);

    /// <summary>Writes a table; the caller's rows may be empty (a header alone says there is nothing).</summary>
    public static void Write(ReportTable table, TextWriter output)
    {
        output.WriteLine($"| {string.Join(" | ", table.Columns)} |");
        output.WriteLine($"|{string.Join('|', table.Columns.Select(_ => "---"))}|");
        foreach (var row in table.Rows)
        {
            output.WriteLine($"| {string.Join(" | ", row.Select(Cell))} |");
        }
    }

    /// <summary>A cell's text with the characters that would break the table or turn into markup escaped.</summary>
    public static string Cell(string? text) =>
        (text ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
