using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary>
/// A report as named columns and rows of text, the shape the tabular formats (JSON, CSV, Markdown) share.
/// Column names are those of the JSON output (<c>src</c>, <c>dst</c>, <c>conn</c>...), so every format names a
/// fact the same way. A cell is null where there is nothing to say.
/// </summary>
internal sealed record ReportTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    /// <summary>The table of <c>list</c>: source, destination, connections, and with <c>--explain</c> what allows them.</summary>
    public static ReportTable Of(IReadOnlyList<ConnectionLine> lines)
    {
        var explained = lines.Any(l => l.Reasons is not null);
        IReadOnlyList<string> columns = explained ? ["src", "dst", "conn", "egress", "ingress"] : ["src", "dst", "conn"];
        var rows = lines.Select(l =>
        {
            var c = l.Connection;
            IReadOnlyList<string?> row = explained
                ? [c.Source.Id, c.Destination.Id, c.Allowed.ToString(), Join(l.Reasons?.Egress), Join(l.Reasons?.Ingress)]
                : [c.Source.Id, c.Destination.Id, c.Allowed.ToString()];
            return row;
        }).ToList();
        return new ReportTable(columns, rows);
    }

    /// <summary>The table of <c>diff</c>: kind of change, the pair, both versions' connections, a workload added or removed, and with <c>--explain</c> the changed policies that caused it.</summary>
    public static ReportTable Of(IReadOnlyList<ConnectionChange> changes, bool explained)
    {
        IReadOnlyList<string> columns = explained
            ? ["diff_type", "src", "dst", "ref1", "ref2", "workloads_diff_info", "causes"]
            : ["diff_type", "src", "dst", "ref1", "ref2", "workloads_diff_info"];
        var rows = changes.Select(c =>
        {
            IReadOnlyList<string?> row = explained
                ? [ChangeWord(c.Kind), c.Source.Id, c.Destination.Id, c.Before.ToString(), c.After.ToString(), c.WorkloadChange, Join(c.Causes)]
                : [ChangeWord(c.Kind), c.Source.Id, c.Destination.Id, c.Before.ToString(), c.After.ToString(), c.WorkloadChange];
            return row;
        }).ToList();
        return new ReportTable(columns, rows);
    }

    /// <summary>How reports name a kind of change: <c>added</c>, <c>removed</c>, <c>changed</c>.</summary>
    public static string ChangeWord(ChangeKind kind) => kind.ToString().ToLowerInvariant();

    private static string? Join(IReadOnlyList<string>? items) => items is null ? null : string.Join("; ", items);
}
