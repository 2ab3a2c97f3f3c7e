using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.ExplorerModel;

// "Open to everything" drawn once: a badge on the node instead of an edge from (or to) every peer.
public sealed partial class GraphModelBuilder
{
    /// <summary>The badge of traffic a node takes from anywhere (<c>← anywhere: TCP 8080</c>) or sends anywhere, or both (<c>⇄</c>) when they are the same.</summary>
    public static string? BadgeText(ConnectionSet? fromAnywhere, ConnectionSet? toAnywhere) => (fromAnywhere, toAnywhere) switch
    {
        (null, null) => null,
        ({ } both, { } same) when both.Equals(same) => $"⇄ anywhere: {ShortLabel(both)}",
        ({ } into, null) => $"← anywhere: {ShortLabel(into)}",
        (null, { } from) => $"→ anywhere: {ShortLabel(from)}",
        ({ } into, { } from) => $"← anywhere: {ShortLabel(into)}\n→ anywhere: {ShortLabel(from)}",
    };

    private sealed partial class Builder
    {
        private int _folded;

        /// <summary>
        /// Finds what each workload takes from anywhere: the connections every address and every workload whose
        /// egress no policy restricts may open to it (what its own ingress allows from anyone), and likewise what
        /// it may open to anywhere. Those are shown as a badge on the node (or on its namespace, when all its
        /// workloads share it), and the unchanged edges that carry exactly that, from such a free peer, are
        /// folded into the badge (<see cref="GraphOptions.ShowOpenEdges"/> draws them). An open cluster of 9
        /// workloads is 9 badges instead of 72 edges.
        /// </summary>
        private void FoldOpenTraffic()
        {
            var count = _matrix.Workloads.Count;
            var blocks = _matrix.External.Blocks;
            var freeSources = Enumerable.Range(0, count).Where(_matrix.IsEgressOpen).ToList();
            var freeTargets = Enumerable.Range(0, count).Where(_matrix.IsIngressOpen).ToList();
            var into = new ConnectionSet?[count];
            var from = new ConnectionSet?[count];
            for (var w = 0; w < count; w++)
            {
                var t = w;
                into[w] = Common(freeSources.Where(s => s != t).Select(s => _matrix.Between(s, t)).Concat(blocks.Select(b => _matrix.FromBlock(b.Index, t))));
                from[w] = Common(freeTargets.Where(d => d != t).Select(d => _matrix.Between(t, d)).Concat(blocks.Select(b => _matrix.ToBlock(t, b.Index))));
            }

            var free = Enumerable.Range(0, count).ToDictionary(i => _nodeOfWorkload[i], i => (Source: _matrix.IsEgressOpen(i), Target: _matrix.IsIngressOpen(i)), StringComparer.Ordinal);
            var index = Enumerable.Range(0, count).ToDictionary(i => _nodeOfWorkload[i], i => i, StringComparer.Ordinal);
            if (!options.ShowOpenEdges)
            {
                foreach (var ((source, target), pair) in _pairs)
                {
                    if (pair.Mark is not null || pair.Allowed.IsEmpty || options.Unfolded.Contains((source, target)))
                    {
                        continue;
                    }

                    var sourceFree = IsAddress(source) || (free.TryGetValue(source, out var s) && s.Source);
                    var targetFree = IsAddress(target) || (free.TryGetValue(target, out var d) && d.Target);
                    pair.Folded = (sourceFree && index.TryGetValue(target, out var ti) && into[ti] is { } i && pair.Allowed.Equals(i))
                        || (targetFree && index.TryGetValue(source, out var si) && from[si] is { } o && pair.Allowed.Equals(o));
                    _folded += pair.Folded ? pair.Count : 0;
                }
            }

            AddBadges(into, from);
            if (!options.ShowOpenEdges)
            {
                FoldOutsideTraffic();
            }
        }

        /// <summary>
        /// The same for the nodes outside the cluster (the internet, external blocks, and the entities a policy language
        /// names as peers, such as Cilium's <c>{host}</c>): the value most of the workloads share with such a node, when
        /// at least three and at least half of them share it, is one badge on that node (<c>→ every workload: all</c>,
        /// <c>← 7 of 8 workloads: all</c>), and the unchanged edges carrying exactly that are folded into it.
        /// </summary>
        private void FoldOutsideTraffic()
        {
            var workloads = _nodeOfWorkload.ToHashSet(StringComparer.Ordinal);
            var outside = _nodes.Values.Where(n => n.Parent is null && n.Kind is GraphIds.SpecialKind or GraphIds.DnsKind or GraphIds.InternetKind or GraphIds.ExternalKind or GraphIds.ExternalsKind)
                .Select(n => n.Id).ToList();
            foreach (var id in outside)
            {
                var to = Shared(_pairs.Where(p => p.Key.Source == id && workloads.Contains(p.Key.Target)));
                var from = Shared(_pairs.Where(p => p.Key.Target == id && workloads.Contains(p.Key.Source)));
                if (to is null && from is null)
                {
                    continue;
                }

                var lines = new List<string>();
                foreach (var (shared, inbound) in new[] { (from, true), (to, false) })
                {
                    if (shared is not { } s)
                    {
                        continue;
                    }

                    foreach (var pair in s.Pairs)
                    {
                        pair.Folded = true;
                        _folded += pair.Count;
                    }

                    var whom = s.Pairs.Count == workloads.Count ? "every workload" : $"{s.Pairs.Count} of {workloads.Count} workloads";
                    lines.Add($"{(inbound ? "←" : "→")} {whom}: {ShortLabel(s.Value)}");
                }

                var node = _nodes[id];
                _nodes[id] = node with
                {
                    Label = $"{node.Label}\n{string.Join("\n", lines)}",
                    Classes = [.. node.Classes, "badge"],
                    Title = $"{node.Title}\n{string.Join("\n", lines)}: those edges are folded into this badge; \"Draw them\" draws them.",
                };
            }
        }

        /// <summary>The unchanged, unfolded pairs that share the most common value, when at least three and at least half of the workloads do.</summary>
        private (ConnectionSet Value, List<Pair> Pairs)? Shared(IEnumerable<KeyValuePair<(string Source, string Target), Pair>> pairs)
        {
            var best = pairs.Where(p => !p.Value.Folded && p.Value.Mark is null && !p.Value.Allowed.IsEmpty && !options.Unfolded.Contains(p.Key))
                .GroupBy(p => p.Value.Allowed).MaxBy(g => g.Count());
            var count = _nodeOfWorkload.Length;
            return best is null || best.Count() < 3 || best.Count() * 2 < count ? null : (best.Key, [.. best.Select(p => p.Value)]);
        }

        /// <summary>The connections in every set, when there are at least two sets and they share any.</summary>
        private static ConnectionSet? Common(IEnumerable<ConnectionSet> sets)
        {
            ConnectionSet? common = null;
            var seen = 0;
            foreach (var set in sets)
            {
                common = common is null ? set : common.IsAll ? set : set.IsAll ? common : common.Intersect(set);
                seen++;
                if (common.IsEmpty)
                {
                    return null;
                }
            }

            return seen >= 2 ? common : null;
        }

        private bool IsAddress(string node) => node is GraphIds.Internet or GraphIds.Externals || (_nodes.TryGetValue(node, out var n) && n.Kind == GraphIds.ExternalKind);

        /// <summary>Writes the badges on the nodes; a badge every workload of a namespace has goes on the namespace's box once.</summary>
        private void AddBadges(ConnectionSet?[] into, ConnectionSet?[] from)
        {
            var byNamespace = Enumerable.Range(0, into.Length).GroupBy(i => _matrix.Workloads[i].Namespace, StringComparer.Ordinal);
            foreach (var members in byNamespace)
            {
                var list = members.ToList();
                var sharedIn = list.Count > 1 && list.All(i => into[i] is { } x && into[list[0]] is { } y && x.Equals(y)) ? into[list[0]] : null;
                var sharedOut = list.Count > 1 && list.All(i => from[i] is { } x && from[list[0]] is { } y && x.Equals(y)) ? from[list[0]] : null;
                if (BadgeText(sharedIn, sharedOut) is { } shared)
                {
                    var id = GraphIds.Namespace(members.Key);
                    var ns = _nodes[id];
                    _nodes[id] = ns with
                    {
                        Label = $"{ns.Label}  ·  {shared.Replace("\n", "  ·  ", StringComparison.Ordinal)}",
                        Classes = [.. ns.Classes, .. BadgeClasses(sharedIn, sharedOut)],
                        Title = $"{ns.Title}\n{BadgeTitle(sharedIn, sharedOut, "Every workload here")}",
                    };
                }

                foreach (var i in list)
                {
                    var (ownIn, ownOut) = (sharedIn is null ? into[i] : null, sharedOut is null ? from[i] : null);
                    if (BadgeText(ownIn, ownOut) is not { } badge)
                    {
                        continue;
                    }

                    var id = _nodeOfWorkload[i];
                    var node = _nodes[id];
                    _nodes[id] = node with { Label = $"{node.Label}\n{badge}", Classes = [.. node.Classes, .. BadgeClasses(ownIn, ownOut)], Title = $"{node.Title}\n{BadgeTitle(ownIn, ownOut, "It")}" };
                }
            }
        }

        /// <summary>badge, and any-in / any-out: the browser's focus counts the peers a badge stands for.</summary>
        private static IEnumerable<string> BadgeClasses(ConnectionSet? into, ConnectionSet? from) =>
            new[] { "badge", into is null ? null : "any-in", from is null ? null : "any-out" }.OfType<string>();

        private string BadgeTitle(ConnectionSet? into, ConnectionSet? from, string subject)
        {
            var lines = new List<string>();
            if (into is not null)
            {
                lines.Add($"{subject} may be reached from anywhere on {into.Describe()}: from every address and every workload whose egress no policy restricts.");
            }

            if (from is not null)
            {
                lines.Add($"{subject} may reach anywhere on {from.Describe()}: every address and every workload whose ingress no policy restricts.");
            }

            lines.Add(options.ShowOpenEdges ? "Those edges are drawn." : "Those edges are folded into this badge; \"Draw open edges\" draws them.");
            return string.Join("\n", lines);
        }
    }
}
