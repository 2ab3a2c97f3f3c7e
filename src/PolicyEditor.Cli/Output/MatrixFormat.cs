using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary>
/// <c>-o matrix</c>: the connections as a grid in CSV, one row per source and one column per destination (the
/// endpoints that appear in the report, in order), each cell what the source may open to the destination
/// (empty: nothing); for <c>diff</c>, each changed cell as <c>before =&gt; after</c>, with <c>--explain</c> the changed policies that caused it.
/// </summary>
internal sealed class MatrixFormat : OutputFormat
{
    public override string Name => "matrix";

    public override void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context) =>
        Write([.. lines.Select(l => (l.Connection.Source, l.Connection.Destination, l.Connection.Allowed.ToString()))], context.Output);

    public override void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context) =>
        Write([.. changes.Select(c => (c.Source, c.Destination, $"{c.Before} => {c.After}" + (explained && c.Causes.Count > 0 ? $" (by {string.Join("; ", c.Causes)})" : string.Empty)))], context.Output);

    private static void Write(IReadOnlyList<(Endpoint Source, Endpoint Destination, string Cell)> cells, TextWriter output)
    {
        var sources = cells.Select(c => c.Source.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var destinations = cells.Select(c => c.Destination.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var at = cells.ToDictionary(c => (c.Source.Id, c.Destination.Id), c => c.Cell);
        output.WriteLine(string.Join(',', destinations.Select(CsvFormat.Quote).Prepend("src \\ dst")));
        foreach (var source in sources)
        {
            output.WriteLine(string.Join(',', destinations.Select(d => CsvFormat.Quote(at.GetValueOrDefault((source, d)))).Prepend(CsvFormat.Quote(source))));
        }
    }
}
