using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// Checks Calico policies for legal shapes that usually mean a mistake: a policy or a rule's selector
/// that matches nothing, a Pass with no later tier to receive it, rules after a catch-all that can never
/// match, a policy naming a tier that does not exist, <c>types</c> that leave written rules unused, and
/// a staged policy that would cut workloads off DNS once promoted.
/// </summary>
public static class CalicoLinter
{
    /// <summary>Codes of the checks.</summary>
    public static class Codes
    {
        public const string SelectsNothing = "calico-selects-nothing";
        public const string PeerMatchesNothing = "calico-peer-matches-nothing";
        public const string PassWithoutLaterTier = "calico-pass-without-later-tier";
        public const string UnreachableRule = "calico-unreachable-rule";
        public const string UnknownTier = "calico-unknown-tier";
        public const string UnusedRules = "calico-unused-rules";
        public const string StagedBlocksDns = "calico-staged-blocks-dns";
    }

    /// <summary>Every finding for the Calico policies of <paramref name="cluster"/>.</summary>
    public static IReadOnlyList<LintFinding> Lint(Cluster cluster, LintOptions? options = null)
    {
        options ??= LintOptions.Default;
        var findings = new List<LintFinding>();
        var policies = cluster.OtherPolicies.OfType<CalicoPolicy>().ToList();
        if (policies.Count == 0)
        {
            return findings;
        }

        var namespaces = new NamespaceDirectory(cluster);
        var endpoints = new CalicoEndpoints(cluster);
        var entities = new CalicoEntityCompiler(endpoints, namespaces.All);
        var tiers = cluster.OtherPolicies.OfType<CalicoTier>().ToDictionary(t => t.Name, StringComparer.Ordinal);
        double? TierOrder(string name) => name switch
        {
            CalicoPolicy.DefaultTier => ProgramTier.Default.Order,
            "adminnetworkpolicy" or "kube-admin" => ProgramTier.Admin.Order,
            "baselineadminnetworkpolicy" or "kube-baseline" => ProgramTier.Baseline.Order,
            _ => tiers.TryGetValue(name, out var t) ? t.Order ?? double.PositiveInfinity : null,
        };

        var enforced = policies.Where(p => !p.IsStaged).ToList();
        var lastTierOrder = enforced.Select(p => TierOrder(p.Tier) ?? double.NegativeInfinity)
            .Append(cluster.NetworkPolicies.IsEmpty ? double.NegativeInfinity : ProgramTier.Default.Order).Max();
        foreach (var policy in policies)
        {
            var id = ((IPolicyResource)policy).Key.Id;
            if (TierOrder(policy.Tier) is not { } order)
            {
                findings.Add(new LintFinding(Codes.UnknownTier, DiagnosticSeverity.Warning, id, null,
                    $"tier '{policy.Tier}' is not defined; Calico refuses a policy in a tier that does not exist. Add the Tier or move the policy to an existing one."));
                continue;
            }

            var subject = CalicoDialect.Subject(policy, endpoints);
            var hosts = CalicoDialect.HostSubject(policy, endpoints);
            var selectsHost = hosts is not null && endpoints.Hosts.Any(h => hosts(new HostEndpoint(h).AsWorkload));
            if (!selectsHost && !cluster.Workloads.Any(w => subject.Matches(w, namespaces.LabelsOf(w.Namespace))))
            {
                var what = hosts is null ? "no workload" : "no workload and no host endpoint";
                var check = hosts is null ? "the pods' labels" : "the labels of the pods and host endpoints";
                findings.Add(new LintFinding(Codes.SelectsNothing, DiagnosticSeverity.Warning, id, null,
                    $"{subject.Description} matches {what}, so the policy has no effect. Check the selector against {check}."));
            }

            foreach (var (direction, rules, applies) in new[] { (TrafficDirection.Ingress, policy.Ingress, policy.AppliesToIngress), (TrafficDirection.Egress, policy.Egress, policy.AppliesToEgress) })
            {
                var word = direction.ToString().ToLowerInvariant();
                if (!applies && !rules.IsEmpty)
                {
                    findings.Add(new LintFinding(Codes.UnusedRules, DiagnosticSeverity.Warning, id, null,
                        $"types does not include {direction}, so the {rules.Count} {word} rule(s) are never used. Add {direction} to types or remove the rules."));
                    continue;
                }

                for (var i = 0; i < rules.Count; i++)
                {
                    var rule = rules[i];
                    var name = $"{word} rule {i + 1}";
                    var peer = direction == TrafficDirection.Ingress ? rule.Source : rule.Destination;
                    if (peer.NamesEndpoints || peer.NotSelector is not null)
                    {
                        var match = entities.Compile(peer, policy.IsGlobal ? null : policy.Namespace, rule.IpVersion);
                        if (match.Addresses.IsEmpty && (match.Workloads is null || !cluster.Workloads.Any(w => match.Workloads(w, namespaces.LabelsOf(w.Namespace))))
                            && (match.Hosts is not { } takesIn || !endpoints.Hosts.Any(h => takesIn(new HostEndpoint(h).AsWorkload, LabelSet.Empty))))
                        {
                            // Calico resolves a selector to a host endpoint through its expectedIPs only: one without them is never a peer.
                            var nothing = endpoints.HasHosts ? "no workload, no network set and no host endpoint with expectedIPs" : "no workload and no network set";
                            findings.Add(new LintFinding(Codes.PeerMatchesNothing, DiagnosticSeverity.Warning, id, null,
                                $"{name} ({rule}) matches {nothing}, so it never applies."));
                        }
                    }

                    if (rule.Action == RuleAction.Pass && !policy.IsStaged && order >= lastTierOrder)
                    {
                        // A host endpoint's profiles deny what they do not allow (none: all of it); a pod's default profiles allow everything.
                        var profiles = selectsHost
                            ? "the profiles, which allow it for pods with Calico's default profiles but deny it for a host endpoint unless its profiles allow it"
                            : "the profiles, which allow it";
                        findings.Add(new LintFinding(Codes.PassWithoutLaterTier, DiagnosticSeverity.Warning, id, null,
                            $"{name} passes traffic on, but no later tier has a policy: what it passes goes to {profiles}. Use Allow or Deny, or add the tier meant to decide."));
                    }

                    if (IsCatchAll(rule) && rule.Action != RuleAction.Log && i + 1 < rules.Count)
                    {
                        findings.Add(new LintFinding(Codes.UnreachableRule, DiagnosticSeverity.Warning, id, null,
                            $"{name} ({rule.Action} everything) decides all traffic, so the {rules.Count - i - 1} {word} rule(s) after it can never match."));
                        break;
                    }
                }
            }
        }

        LintStaged(cluster, options, findings);
        return findings;
    }

    /// <summary>A rule that matches every connection with every peer.</summary>
    private static bool IsCatchAll(CalicoRule rule) =>
        rule.Protocol is null && rule.NotProtocol is null && rule.Icmp is null && rule.NotIcmp is null && rule.IpVersion is null && rule.Http is null
        && rule.Source == CalicoEntityRule.Any && rule.Destination == CalicoEntityRule.Any;

    private static void LintStaged(Cluster cluster, LintOptions options, List<LintFinding> findings)
    {
        var staged = CalicoStaging.Staged(cluster).ToList();
        if (staged.Count == 0)
        {
            return;
        }

        var dns = cluster.Workloads.Where(w => w.Labels.TryGetValue(options.DnsLabel.Key, out var v) && v == options.DnsLabel.Value).ToList();
        if (dns.Count == 0)
        {
            return;
        }

        var before = new ClusterEvaluator(cluster);
        bool Reaches(ClusterEvaluator evaluator, Workload w) => dns.Any(d => evaluator.Evaluate(Endpoint.Of(w), Endpoint.Of(d)).Contains(Protocol.UDP, 53));
        foreach (var policy in staged)
        {
            var after = new ClusterEvaluator(CalicoStaging.Promote(cluster, policy));
            var cut = cluster.Workloads.Where(w => !dns.Contains(w) && Reaches(before, w) && !Reaches(after, w)).ToList();
            if (cut.Count > 0)
            {
                findings.Add(new LintFinding(Codes.StagedBlocksDns, DiagnosticSeverity.Warning, policy.Key.Id, null,
                    $"promoting it would cut {cut.Count} workload(s) off DNS (UDP 53 to {string.Join(", ", dns.Select(d => d.Id))}), e.g. {cut[0].Id}; allow DNS before promoting."));
            }
        }
    }
}
