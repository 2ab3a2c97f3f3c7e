using System.Net;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Finds graph nodes by namespace, workload name, label (<c>key=value</c>, a key, or a value) or an
/// address or CIDR. A workload inside a collapsed namespace is found as its namespace.
/// </summary>
public static class GraphSearch
{
    /// <summary>The ids of the shown nodes that match; empty when nothing does.</summary>
    public static IReadOnlyList<string> Find(GraphModel graph, ReachabilityMatrix matrix, string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var shown = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        string Visible(string workloadId, string ns) => shown.Contains(GraphIds.Workload(workloadId)) ? GraphIds.Workload(workloadId) : GraphIds.Namespace(ns);

        if (AsRange(text) is { } range)
        {
            foreach (var block in matrix.External.Blocks.Where(b => b.Ranges.Any(r => r.Family == range.Family && r.First <= range.Last && range.First <= r.Last)))
            {
                var id = graph.Nodes.FirstOrDefault(n => n.Kind == GraphIds.ExternalKind && n.Id == GraphIds.External(block.Representative))?.Id
                    ?? (InternetBlocks.Of(matrix).Contains(block) ? GraphIds.Internet : GraphIds.Externals);
                if (shown.Contains(id))
                {
                    found.Add(id);
                }
            }

            return [.. found];
        }

        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var (key, value) = eq > 0 ? (text[..eq].Trim(), text[(eq + 1)..].Trim()) : (text, (string?)null);
        foreach (var w in matrix.Workloads)
        {
            var hit = value is not null
                ? w.Labels.TryGetValue(key, out var v) && v == value
                : w.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || w.Labels.ContainsKey(text) || w.Labels.Values.Any(x => x.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (hit)
            {
                found.Add(Visible(w.Id, w.Namespace));
            }
        }

        if (value is null)
        {
            foreach (var n in graph.Nodes.Where(n => n.Kind == GraphIds.NamespaceKind && GraphIds.NamespaceOf(n.Id)!.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(n.Id);
            }

            if ("the internet".Contains(text, StringComparison.OrdinalIgnoreCase) && shown.Contains(GraphIds.Internet))
            {
                found.Add(GraphIds.Internet);
            }

            if ("{ingress-controller}".Contains(text, StringComparison.OrdinalIgnoreCase) && shown.Contains(GraphIds.Controller))
            {
                found.Add(GraphIds.Controller);
            }
        }

        return [.. found];
    }

    /// <summary>An address or a CIDR as a range; null for anything else.</summary>
    private static AddressRange? AsRange(string text)
    {
        if (IPAddress.TryParse(text, out var address) && (text.Contains('.', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal)))
        {
            return AddressRange.Of(address);
        }

        return text.Contains('/', StringComparison.Ordinal) && Cidr.TryParse(text, out var cidr, out _) ? cidr.Range : null;
    }
}
