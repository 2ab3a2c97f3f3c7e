using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary>A format that writes the report as a <see cref="ReportTable"/>: the same columns for list and diff in JSON, CSV and Markdown.</summary>
internal abstract class TableFormat : OutputFormat
{
    public sealed override void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context) => Write(ReportTable.Of(lines), context.Output);

    public sealed override void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context) => Write(ReportTable.Of(changes, explained), context.Output);

    /// <summary>Writes one table.</summary>
    protected abstract void Write(ReportTable table, TextWriter output);
}
