using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.ExplorerModel;

// The overview of a large cluster: hundreds of namespaces are grouped by a namespace label into labelled
// boxes, and the edges between namespaces of two groups are summed into one edge with counts.
public sealed partial class GraphModelBuilder
{
    /// <summary>Above this many namespaces, the overview of a collapsed cluster groups them (see <see cref="GroupingKey"/>).</summary>
    public const int NamespaceGroupThreshold = 40;

    /// <summary>
    /// The namespace label that cuts namespaces into readable groups: carried by at least half of them, with
    /// between 3 and 40 values, as close as can be to the square root of their number (as many groups as
    /// namespaces in a group). Null when no label does.
    /// </summary>
    public static string? GroupingKey(IReadOnlyList<Namespace> namespaces)
    {
        var target = Math.Sqrt(namespaces.Count);
        return namespaces.SelectMany(n => n.Labels.Keys).Where(k => k != Namespace.NameLabel).Distinct(StringComparer.Ordinal)
            .Select(key => (Key: key, Carried: namespaces.Count(n => n.Labels.TryGetValue(key, out _)),
                Values: namespaces.Select(n => n.Labels.TryGetValue(key, out var v) ? v : null).OfType<string>().Distinct(StringComparer.Ordinal).Count()))
            .Where(k => k.Carried * 2 >= namespaces.Count && k.Values is >= 3 and <= 40)
            .OrderBy(k => Math.Abs(Math.Log(k.Values / target))).ThenByDescending(k => k.Carried).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => k.Key).FirstOrDefault();
    }

    private sealed partial class Builder
    {
        /// <summary>The group node of each namespace that has one (only on a collapsed cluster's overview).</summary>
        private Dictionary<string, string> GroupNamespaces(IReadOnlyList<string> names)
        {
            var groups = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!Collapsed || names.Count <= NamespaceGroupThreshold)
            {
                return groups;
            }

            var known = _matrix.Evaluator.Cluster.Namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
            var namespaces = names.Select(n => known.TryGetValue(n, out var ns) ? ns : new Namespace(n)).ToList();
            if (GroupingKey(namespaces) is not { } key)
            {
                return groups;
            }

            foreach (var members in namespaces.Where(n => n.Labels.TryGetValue(key, out _)).GroupBy(n => n.Labels[key], StringComparer.Ordinal))
            {
                var id = GraphIds.NamespaceGroup(key, members.Key);
                var count = members.Count();
                var workloads = members.Sum(n => overview!.Members[n.Name].Count);
                _nodes[id] = new GraphNode(id, $"{key}={members.Key}  ·  {count} namespaces", GraphIds.NamespaceGroupKind, null, ["nsgroup"],
                    $"{count} namespaces labelled {key}={members.Key}, {workloads:N0} workloads. Double-click a namespace to see its workloads.");
                foreach (var ns in members)
                {
                    groups[ns.Name] = id;
                }
            }

            return groups;
        }

        /// <summary>
        /// One edge for each two groups (or a group and a node outside every group) that the namespace edges
        /// join: how many namespace pairs, how many workload pairs, and the connections of them all.
        /// </summary>
        private List<GraphEdge> GroupEdges(List<GraphEdge> edges)
        {
            string? Group(string node) => _nodes.TryGetValue(node, out var n) && n.Kind == GraphIds.NamespaceKind && n.Parent is { } g ? g : null;

            var sums = new Dictionary<(string, string), (int Edges, int Pairs, ConnectionSet Allowed, bool Changed)>();
            foreach (var edge in edges)
            {
                var (from, to) = (Group(edge.Source), Group(edge.Target));
                if ((from is null && to is null) || from == to)
                {
                    continue;
                }

                var key = (from ?? edge.Source, to ?? edge.Target);
                var allowed = _pairs.TryGetValue((edge.Source, edge.Target), out var pair) ? pair.Allowed : ConnectionSet.None;
                var changed = edge.Classes.Any(c => c is "added" or "changed" or "blocked");
                sums[key] = sums.TryGetValue(key, out var sum)
                    ? (sum.Edges + 1, sum.Pairs + edge.Pairs, sum.Allowed.IsAll ? sum.Allowed : sum.Allowed.Union(allowed), sum.Changed || changed)
                    : (1, edge.Pairs, allowed, changed);
            }

            return [.. sums.OrderBy(s => s.Key.Item1, StringComparer.Ordinal).ThenBy(s => s.Key.Item2, StringComparer.Ordinal).Select(s =>
            {
                var ((from, to), (count, pairs, allowed, changed)) = (s.Key, s.Value);
                var classes = new List<string> { allowed.IsEmpty ? "none" : ProtocolClass(allowed), "group-bundle" };
                if (changed)
                {
                    classes.Add("changed");
                }

                return new GraphEdge(GraphIds.Edge(from, to), from, to, $"{count} namespace pairs · {ShortLabel(allowed)}", classes,
                    $"{_nodes[from].Label} → {_nodes[to].Label}: {count} namespace pairs, {pairs:N0} workload pairs: {Describe(allowed)}. Click a namespace to see its own edges.", pairs);
            })];
        }
    }
}
