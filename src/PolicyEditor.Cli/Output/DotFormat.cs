using System.Text;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary>
/// <c>-o dot</c>: a Graphviz graph. For <c>list</c>, workloads are boxes grouped by namespace, addresses
/// outside the cluster ellipses, the ingress controller a diamond, and each edge is labelled with its
/// connections. For <c>diff</c>, edges are green (newly allowed), red and dashed (newly blocked) or orange
/// (changed), labelled before → after.
/// </summary>
internal sealed class DotFormat : OutputFormat
{
    public override string Name => "dot";

    public override void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context) => context.Output.Write(Connections(lines));

    public override void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context) => context.Output.Write(Changes(changes, explained));

    /// <summary>The graph of allowed connections.</summary>
    public static string Connections(IReadOnlyList<ConnectionLine> lines)
    {
        var sb = Start("connectivity");
        var endpoints = lines.SelectMany(l => new[] { l.Connection.Source, l.Connection.Destination }).DistinctBy(e => e.Id).ToList();
        foreach (var group in endpoints.OfType<WorkloadEndpoint>().GroupBy(e => e.Workload.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine($"  subgraph {Quote("cluster_" + group.Key)} {{");
            sb.AppendLine($"    label={Quote(group.Key)}; style=\"rounded,dashed\"; color=\"#8a99ad\";");
            foreach (var w in group.OrderBy(e => e.Id, StringComparer.Ordinal))
            {
                sb.AppendLine($"    {Quote(w.Id)} [label={Quote($"{w.Workload.Name}\n{w.Workload.Kind}")}];");
            }

            sb.AppendLine("  }");
        }

        foreach (var external in endpoints.OfType<ExternalEndpoint>().OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            sb.AppendLine($"  {Quote(external.Id)} [label={Quote(external.Range.ToString())}, shape=ellipse, fillcolor=\"#fdf1e6\"];");
        }

        if (endpoints.Any(e => e is IngressControllerEndpoint))
        {
            sb.AppendLine($"  {Quote(Endpoint.IngressController.Id)} [shape=diamond, fillcolor=\"#eaf6ea\"];");
        }

        foreach (var line in lines)
        {
            var c = line.Connection;
            var tooltip = line.Reasons is null ? string.Empty : $", tooltip={Quote(line.Reasons.ToString())}";
            sb.AppendLine($"  {Quote(c.Source.Id)} -> {Quote(c.Destination.Id)} [label={Quote(c.Allowed.ToString())}{tooltip}];");
        }

        return sb.AppendLine("}").ToString();
    }

    /// <summary>The graph of changes.</summary>
    public static string Changes(IReadOnlyList<ConnectionChange> changes, bool explained)
    {
        var sb = Start("connectivity-diff");
        foreach (var change in changes)
        {
            var (color, style) = change.Kind switch
            {
                ChangeKind.Added => ("#2e7d32", "solid"),
                ChangeKind.Removed => ("#c62828", "dashed"),
                _ => ("#ef6c00", "solid"),
            };
            var tooltip = explained && change.Causes.Count > 0 ? $", tooltip={Quote(string.Join("; ", change.Causes))}" : string.Empty;
            sb.AppendLine($"  {Quote(change.Source.Id)} -> {Quote(change.Destination.Id)} [label={Quote($"{change.Before} → {change.After}")}, color=\"{color}\", fontcolor=\"{color}\", style={style}{tooltip}];");
        }

        return sb.AppendLine("}").ToString();
    }

    /// <summary>A DOT string literal: quotes and backslashes escaped, line breaks as \n.</summary>
    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static StringBuilder Start(string name)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"digraph {Quote(name)} {{");
        sb.AppendLine("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];");
        sb.AppendLine("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", fontname=\"Helvetica\", fontsize=10];");
        sb.AppendLine("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#5b6b80\"];");
        return sb;
    }
}
