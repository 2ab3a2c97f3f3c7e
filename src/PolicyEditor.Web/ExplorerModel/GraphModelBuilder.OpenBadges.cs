using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

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
            FoldEntityTraffic();
        }

        /// <summary>
        /// The same for the entities a policy language names as peers (Cilium's <c>{host}</c>, <c>{world}</c>...): an entity
        /// that reaches every workload with the same connections, or that every workload reaches so, gets one badge
        /// (<c>→ every workload: all</c>) and its unchanged edges that carry exactly that are folded into it.
        /// </summary>
        private void FoldEntityTraffic()
        {
            var count = _matrix.Workloads.Count;
            var workloads = _matrix.Workloads.Select(Endpoint.Of).ToList();
            foreach (var other in _matrix.OtherEndpoints)
            {
                var id = GraphIds.Other(other.Id);
                var toEvery = other is DnsEndpoint ? null : Common(workloads.Select(w => _matrix.Get(other, w)));
                var fromEvery = Common(workloads.Select(w => _matrix.Get(w, other)));
                if (BadgeText(fromEvery, toEvery) is not { } badge || !_nodes.TryGetValue(id, out var node))
                {
                    continue;
                }

                for (var w = 0; w < count && !options.ShowOpenEdges; w++)
                {
                    Fold(id, _nodeOfWorkload[w], toEvery);
                    Fold(_nodeOfWorkload[w], id, fromEvery);
                }

                var text = badge.Replace("anywhere", "every workload", StringComparison.Ordinal);
                var title = string.Join("\n", new[]
                {
                    toEvery is null ? null : $"{other.Id} may reach every workload on {toEvery.Describe()}.",
                    fromEvery is null ? null : $"Every workload may reach {other.Id} on {fromEvery.Describe()}.",
                    options.ShowOpenEdges ? "Those edges are drawn." : "Those edges are folded into this badge; \"Draw them\" draws them.",
                }.OfType<string>());
                _nodes[id] = node with { Label = $"{node.Label}\n{text}", Classes = [.. node.Classes, "badge"], Title = $"{node.Title}\n{title}" };
            }
        }

        /// <summary>Folds the unchanged edge from <paramref name="source"/> to <paramref name="target"/> when it carries exactly <paramref name="badge"/>.</summary>
        private void Fold(string source, string target, ConnectionSet? badge)
        {
            if (badge is not null && _pairs.TryGetValue((source, target), out var pair) && !pair.Folded && pair.Mark is null
                && pair.Allowed.Equals(badge) && !options.Unfolded.Contains((source, target)))
            {
                pair.Folded = true;
                _folded += pair.Count;
            }
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
