namespace PolicyEditor.Cli.Output;

/// <summary><c>-o md</c>: a Markdown table, for a pull-request comment or a job summary.</summary>
internal sealed class MarkdownFormat : TableFormat
{
    public override string Name => "md";

    protected override void Write(ReportTable table, TextWriter output) => WriteTable(table, output);

    /// <summary>Writes a table (also for posture's); with no rows, the header alone says there is nothing.</summary>
    public static void WriteTable(ReportTable table, TextWriter output)
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
