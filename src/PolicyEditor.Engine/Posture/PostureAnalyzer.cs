using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Posture;

/// <summary>
/// Scores how close a cluster is to least privilege. Each workload earns up to four points: isolated
/// for ingress, isolated for egress, not open to the whole internet, unable to reach the whole internet;
/// the score is the share of points earned, less a few points per policy mistake the linter finds.
/// </summary>
public static class PostureAnalyzer
{
    /// <summary>
    /// For each workload, how many workloads of other namespaces may connect to it: computed per pair of
    /// peer classes (all members of a class share their row), never per pair of workloads.
    /// </summary>
    private static int[] CountFromOtherNamespaces(ReachabilityMatrix matrix)
    {
        var workloads = matrix.Workloads;
        var classOf = matrix.ClassOf;
        var members = new List<int>[matrix.PeerClassCount];
        for (var c = 0; c < members.Length; c++)
        {
            members[c] = [];
        }

        for (var w = 0; w < workloads.Count; w++)
        {
            members[classOf[w]].Add(w);
        }

        var perNamespace = members.Select(m => m.GroupBy(w => workloads[w].Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)).ToArray();
        var counts = new int[workloads.Count];
        for (var d = 0; d < members.Length; d++)
        {
            var byNamespace = members[d].GroupBy(w => workloads[w].Namespace, StringComparer.Ordinal).ToList();
            for (var s = 0; s < members.Length; s++)
            {
                // Between needs distinct workloads; a class with one member reaching itself is a pod reaching its own workload.
                var source = members[s][0];
                var destination = members[d][0];
                if (source == destination && members[d].Count == 1)
                {
                    continue;
                }

                if (matrix.Between(source, destination).IsEmpty)
                {
                    continue;
                }

                foreach (var group in byNamespace)
                {
                    var others = members[s].Count - perNamespace[s].GetValueOrDefault(group.Key);
                    foreach (var w in group)
                    {
                        counts[w] += others;
                    }
                }
            }
        }

        return counts;
    }

    /// <summary>The posture of the matrix's cluster.</summary>
    public static PostureSummary Analyze(ReachabilityMatrix matrix, IReadOnlyList<LintFinding>? lint = null)
    {
        var evaluator = matrix.Evaluator;
        var workloads = matrix.Workloads;
        var postures = new List<WorkloadPosture>(workloads.Count);
        var internet = matrix.External.Blocks;
        var fromOtherNamespaces = CountFromOtherNamespaces(matrix);
        for (var i = 0; i < workloads.Count; i++)
        {
            var w = workloads[i];
            var fromOutside = ConnectionSet.None;
            var toInternet = ConnectionSet.None;
            var reachesAll = internet.Length > 0;
            foreach (var block in internet)
            {
                fromOutside = fromOutside.Union(matrix.FromBlock(block.Index, i));
                var to = matrix.ToBlock(i, block.Index);
                toInternet = toInternet.Union(to);
                reachesAll &= !to.IsEmpty;
            }

            var others = fromOtherNamespaces[i];
            postures.Add(new WorkloadPosture(w.Id, w.Namespace,
                evaluator.IsIsolated(w, TrafficDirection.Ingress), evaluator.IsIsolated(w, TrafficDirection.Egress),
                fromOutside, matrix.FromIngressController(i), toInternet, reachesAll, others));
        }

        var findings = (lint ?? []).Where(f => f.Severity == DiagnosticSeverity.Warning).ToList();
        var warningsByNamespace = findings.ToLookup(f => evaluator.Cluster.NetworkPolicies.FirstOrDefault(p => p.Id == f.Policy)?.Namespace, StringComparer.Ordinal);
        var posturesByNamespace = postures.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        var namespaces = posturesByNamespace.Select(g => g.Key).Order(StringComparer.Ordinal).Select(ns =>
        {
            var mine = posturesByNamespace[ns].ToList();
            var policies = evaluator.PoliciesIn(ns).Select(m => m.Policy).Where(p => p.PodSelector.IsEmpty).ToList();
            var (nsScore, nsReasons) = Score(mine, warningsByNamespace[ns]);
            return new NamespacePosture(ns, mine.Count, mine.Count(p => p.IngressIsolated), mine.Count(p => p.EgressIsolated),
                policies.Any(p => p.AffectsIngress), policies.Any(p => p.AffectsEgress), nsScore, nsReasons);
        }).ToList();

        var (score, reasons) = Score(postures, findings);
        return new PostureSummary(score, reasons, namespaces, postures);
    }

    /// <summary>
    /// The score of some workloads and the reasons it is not higher: each workload earns up to four points,
    /// and each kind of lint warning about their policies costs two points a finding, at most ten.
    /// </summary>
    private static (int Score, IReadOnlyList<PostureReason> Reasons) Score(IReadOnlyList<WorkloadPosture> postures, IEnumerable<LintFinding> warnings)
    {
        var reasons = new List<PostureReason>();
        var total = Math.Max(1, postures.Count * 4);
        void Lose(IEnumerable<WorkloadPosture> failing, string what)
        {
            var list = failing.Select(p => p.Workload).ToList();
            if (list.Count > 0)
            {
                var points = (int)Math.Round(100.0 * list.Count / total);
                reasons.Add(new PostureReason($"{list.Count} of {postures.Count} workloads {what}", Math.Max(1, points), list));
            }
        }

        Lose(postures.Where(p => !p.IngressIsolated), "are not isolated for ingress: every pod and address may connect to them");
        Lose(postures.Where(p => !p.EgressIsolated), "are not isolated for egress: they may connect anywhere");
        Lose(postures.Where(p => p.FromOutside.IsAll), "accept every connection from the whole internet");
        Lose(postures.Where(p => p.ReachesAllOfInternet && p.ToInternet.IsAll), "may connect to the whole internet on every port");

        var earned = postures.Sum(p => (p.IngressIsolated ? 1 : 0) + (p.EgressIsolated ? 1 : 0) + (p.FromOutside.IsAll ? 0 : 1) + (p.ReachesAllOfInternet && p.ToInternet.IsAll ? 0 : 1));
        var score = postures.Count == 0 ? 100 : (int)Math.Round(100.0 * earned / total);
        foreach (var group in warnings.GroupBy(f => f.Code))
        {
            var penalty = Math.Min(10, 2 * group.Count());
            score -= penalty;
            reasons.Add(new PostureReason($"{group.Count()} policy warning(s) of kind '{group.Key}'", penalty, [.. group.Select(f => f.Policy).Distinct()]));
        }

        return (Math.Clamp(score, 0, 100), [.. reasons.OrderByDescending(r => r.Points)]);
    }
}
