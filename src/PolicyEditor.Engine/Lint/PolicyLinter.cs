using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Lint;

/// <summary>
/// Checks policies for legal shapes that usually mean a mistake: a policy that selects nothing; a
/// namespaceSelector and a podSelector split into two peers (OR) where one peer (AND) was likely
/// meant, and the reverse trap of <c>namespaceSelector: {}</c> beside a podSelector; egress isolation
/// that cuts off DNS; a named port no pod it applies to has; an ipBlock that covers the pod network.
/// </summary>
public static class PolicyLinter
{
    /// <summary>Codes of the checks, stable for filtering and documentation.</summary>
    public static class Codes
    {
        public const string SelectsNothing = "selects-nothing";
        public const string SplitPeer = "split-peer";
        public const string AllNamespacesPeer = "all-namespaces-peer";
        public const string BlocksDns = "blocks-dns";
        public const string UnresolvedNamedPort = "unresolved-named-port";
        public const string IpBlockCoversPods = "ipblock-covers-pods";
    }

    /// <summary>Every finding for every policy of the matrix's cluster.</summary>
    public static IReadOnlyList<LintFinding> Lint(ReachabilityMatrix matrix, LintOptions? options = null) =>
        [.. LintNetworkPolicies(matrix, options), .. LintDialects(matrix.Evaluator.Cluster, options)];

    /// <summary>The findings of the cluster's policies of other dialects (Calico, Cilium), which look at the whole cluster.</summary>
    public static IReadOnlyList<LintFinding> LintDialects(Cluster cluster, LintOptions? options = null) =>
        [.. Dialects.Calico.CalicoLinter.Lint(cluster, options ?? LintOptions.Default), .. Dialects.Cilium.CiliumDnsLint.Lint(cluster)];

    /// <summary>
    /// The NetworkPolicy findings after an edit: those of <paramref name="earlier"/> (the NetworkPolicy findings of
    /// an earlier version of the same workloads) outside <paramref name="namespaces"/> are kept, those inside are found
    /// afresh. A NetworkPolicy's findings depend only on its namespace's policies and workloads and on what those
    /// workloads may send, so <paramref name="namespaces"/> must name every namespace whose policies or egress changed.
    /// </summary>
    public static IReadOnlyList<LintFinding> UpdateNetworkPolicies(IReadOnlyList<LintFinding> earlier, ReachabilityMatrix matrix, IReadOnlySet<string> namespaces, LintOptions? options = null) =>
        [.. earlier.Where(f => !namespaces.Contains(NamespaceOf(f.Policy))), .. LintNetworkPolicies(matrix, options, namespaces)];

    /// <summary>The findings of the NetworkPolicies of the matrix's cluster, of every namespace or of <paramref name="namespaces"/>.</summary>
    public static IReadOnlyList<LintFinding> LintNetworkPolicies(ReachabilityMatrix matrix, LintOptions? options = null, IReadOnlySet<string>? namespaces = null)
    {
        options ??= LintOptions.Default;
        var findings = new List<LintFinding>();
        var evaluator = matrix.Evaluator;
        var dns = Enumerable.Range(0, matrix.Workloads.Count).Where(i => matrix.Workloads[i].Labels.TryGetValue(options.DnsLabel.Key, out var v) && v == options.DnsLabel.Value).ToList();
        var dnsBlocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var matcher in evaluator.Policies)
        {
            var policy = matcher.Policy;
            if (namespaces is not null && !namespaces.Contains(policy.Namespace))
            {
                continue;
            }

            var selectedIndices = matrix.Membership.Members(policy);
            var selected = selectedIndices.Select(i => matrix.Workloads[i]).ToList();
            if (selected.Count == 0)
            {
                findings.Add(new LintFinding(Codes.SelectsNothing, DiagnosticSeverity.Warning, policy.Id, null,
                    $"podSelector [{policy.PodSelector}] selects no workload in namespace {policy.Namespace}, so the policy has no effect. Check the labels against the workloads' pod-template labels."));
            }

            foreach (var direction in new[] { TrafficDirection.Ingress, TrafficDirection.Egress })
            {
                if (!matcher.Affects(direction))
                {
                    continue;
                }

                var rules = direction == TrafficDirection.Ingress ? policy.Ingress : policy.Egress;
                for (var i = 0; i < rules.Count; i++)
                {
                    LintRule(matrix, matcher, direction, i, rules[i], selected, options, findings);
                }
            }

            if (matcher.Affects(TrafficDirection.Egress) && selected.Count > 0 && !dnsBlocked.Contains(policy.Namespace))
            {
                var blocked = selectedIndices.Where(w => !DnsAllowed(matrix, w, dns)).Select(w => matrix.Workloads[w]).FirstOrDefault();
                if (blocked is not null)
                {
                    dnsBlocked.Add(policy.Namespace);
                    var target = dns.Count > 0 ? string.Join(", ", dns.Select(d => matrix.Workloads[d].Id)) : "any DNS server";
                    findings.Add(new LintFinding(Codes.BlocksDns, DiagnosticSeverity.Warning, policy.Id, null,
                        $"{blocked.Id} is isolated for egress and may not reach DNS (UDP 53 to {target}), so name lookups will fail. Add an egress rule to the DNS pods on UDP and TCP 53."));
                }
            }
        }

        return findings;
    }

    /// <summary>The namespace of a NetworkPolicy by its id (<c>namespace/name</c>).</summary>
    private static string NamespaceOf(string policyId) => policyId[..Math.Max(policyId.IndexOf('/', StringComparison.Ordinal), 0)];

    private static void LintRule(ReachabilityMatrix matrix, NetworkPolicyMatcher matcher, TrafficDirection direction, int index, NetworkPolicyRule rule, List<Workload> selected, LintOptions options, List<LintFinding> findings)
    {
        var policy = matcher.Policy;
        RuleReference? cached = null;
        RuleReference Reference() => cached ??= matcher.Reference(direction, index);
        var peers = rule.Peers;
        for (var j = 0; j + 1 < peers.Count; j++)
        {
            var (a, b) = (peers[j], peers[j + 1]);
            var nsOnly = a is { NamespaceSelector: not null, PodSelector: null, IpBlock: null } ? a : b is { NamespaceSelector: not null, PodSelector: null, IpBlock: null } ? b : null;
            var podOnly = a is { PodSelector: not null, NamespaceSelector: null, IpBlock: null } ? a : b is { PodSelector: not null, NamespaceSelector: null, IpBlock: null } ? b : null;
            if (nsOnly is not null && podOnly is not null && !nsOnly.NamespaceSelector!.IsEmpty && !podOnly.PodSelector!.IsEmpty)
            {
                findings.Add(new LintFinding(Codes.SplitPeer, DiagnosticSeverity.Warning, policy.Id, Reference(),
                    $"peers {j + 1} and {j + 2} are separate entries, so the rule takes in ALL pods of namespaces [{nsOnly.NamespaceSelector}] OR pods [{podOnly.PodSelector}] of {policy.Namespace}. If you meant pods [{podOnly.PodSelector}] inside namespaces [{nsOnly.NamespaceSelector}], put both selectors in one entry (remove the '-' before the second)."));
            }
        }

        for (var j = 0; j < peers.Count; j++)
        {
            if (peers[j] is { NamespaceSelector.IsEmpty: true, PodSelector: { IsEmpty: false } pods })
            {
                findings.Add(new LintFinding(Codes.AllNamespacesPeer, DiagnosticSeverity.Info, policy.Id, Reference(),
                    $"peer {j + 1} pairs namespaceSelector {{}} with podSelector [{pods}]: it takes in such pods in EVERY namespace, not only {policy.Namespace}. Remove the namespaceSelector if you meant this namespace."));
            }

            if (peers[j].IpBlock is { } block)
            {
                var addresses = matcher.Rules(direction)[index].Peers[j].Addresses!;
                var covered = options.PodNetworks.Where(n => addresses.Overlaps(n.Range)).ToList();
                if (covered.Count > 0)
                {
                    findings.Add(new LintFinding(Codes.IpBlockCoversPods, DiagnosticSeverity.Warning, policy.Id, Reference(),
                        $"ipBlock {block} covers the pod network {string.Join(", ", covered.Select(c => c.Text))}. Whether pod traffic matches ipBlocks depends on the network plugin; select pods with podSelector/namespaceSelector instead, or add the pod network to except."));
                }
            }
        }

        // A policy that selects nothing is reported once; its named ports need no second word.
        foreach (var port in rule.Ports.Where(p => p.Port is { IsNamed: true } && selected.Count > 0))
        {
            var name = port.Port!.Value.Name!;
            IEnumerable<Workload> candidates;
            if (direction == TrafficDirection.Ingress)
            {
                candidates = selected;
            }
            else
            {
                var compiled = matcher.Rules(direction)[index];
                candidates = compiled.MatchesEveryPeer
                    ? matrix.Workloads
                    : compiled.Peers.SelectMany(matrix.Membership.Members).Select(i => matrix.Workloads[i]);
            }

            if (!candidates.Any(w => w.FindNamedPort(name, port.Protocol) is not null))
            {
                var whose = direction == TrafficDirection.Ingress ? "the pods this policy selects" : "the pods this rule sends to";
                findings.Add(new LintFinding(Codes.UnresolvedNamedPort, DiagnosticSeverity.Warning, policy.Id, Reference(),
                    $"named port '{name}' ({port.Protocol}) is not a container port of {whose}, so it allows nothing. Check the port's name and protocol in the pod template."));
            }
        }
    }

    private static bool DnsAllowed(ReachabilityMatrix matrix, int workload, List<int> dns)
    {
        if (dns.Count > 0)
        {
            return dns.Any(d => matrix.EgressValue(workload, d).Contains(Protocol.UDP, 53));
        }

        // Without DNS pods in the manifests, any egress rule open on UDP 53 counts.
        var subject = matrix.Workloads[workload];
        return !matrix.Evaluator.IsIsolated(subject, TrafficDirection.Egress)
            || matrix.Evaluator.SelectingMatchers(subject, TrafficDirection.Egress).SelectMany(p => p.Egress).Any(r => r.Ports.Resolve(null).Contains(Protocol.UDP, 53));
    }
}
