using System.Net;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.Explorer;

/// <summary>Finds graph nodes by namespace, workload name, label (<c>key=value</c> or key) or CIDR/address.</summary>
public static class GraphSearch
{
    public static IReadOnlyList<string> Find(GraphModel graph, ReachabilityMatrix matrix, string text)
    {
        var shown = graph.Nodes.Select(n => n.Id).ToHashSet();
        string Visible(string workloadId, string ns) => shown.Contains(GraphModelBuilder.WorkloadId(workloadId)) ? GraphModelBuilder.WorkloadId(workloadId) : GraphModelBuilder.NamespaceId(ns);

        var found = new HashSet<string>();
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        foreach (var w in matrix.Workloads)
        {
            var hit = eq > 0
                ? w.Labels.TryGetValue(text[..eq].Trim(), out var v) && v == text[(eq + 1)..].Trim()
                : w.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || w.Labels.ContainsKey(text) || w.Labels.Values.Contains(text);
            if (hit)
            {
                found.Add(Visible(w.Id, w.Namespace));
            }
        }

        foreach (var n in graph.Nodes)
        {
            if (n.Kind == "namespace" && n.Id[3..].Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(n.Id);
            }
            else if (n.Kind is "external" or "internet" && n.Label.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(n.Id);
            }
        }

        // An address or CIDR: the external nodes holding it.
        var probe = Cidr.TryParse(text.Contains('/', StringComparison.Ordinal) ? text : $"{text}/{(text.Contains(':', StringComparison.Ordinal) ? 128 : 32)}", out var cidr, out _) ? cidr.Range : (AddressRange?)null;
        if (probe is { } range && IPAddress.TryParse(text.Split('/')[0], out _))
        {
            foreach (var block in matrix.External.Blocks.Where(b => b.Ranges.Any(r => r.Family == range.Family && r.First <= range.Last && range.First <= r.Last)))
            {
                var id = graph.Nodes.FirstOrDefault(n => n.Kind is "external" && n.Title.Contains(block.Ranges[0].ToString(), StringComparison.Ordinal))?.Id ?? GraphModelBuilder.InternetId;
                found.Add(id);
            }
        }

        return [.. found];
    }
}
