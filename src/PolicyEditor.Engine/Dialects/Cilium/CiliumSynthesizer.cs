using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// Allow and deny intents written as CiliumNetworkPolicies, for a workspace that uses Cilium. An allow is
/// an <c>ingress</c> rule on the destination and an <c>egress</c> rule on the source where each side needs
/// one; egress to a DNS name is a <c>toFQDNs</c> rule with the rule Cilium's documentation says it needs
/// (DNS to kube-dns on port 53 through the proxy, <c>dns: [{matchPattern: "*"}]</c>). A deny is one
/// <c>ingressDeny</c> or <c>egressDeny</c> rule, which wins over every allow; on an endpoint that was
/// open in that direction it says <c>enableDefaultDeny: false</c>, so that nothing else becomes denied.
/// </summary>
public static class CiliumSynthesizer
{
    /// <summary>The label Cilium gives every endpoint for its namespace.</summary>
    public const string NamespaceLabel = "k8s:io.kubernetes.pod.namespace";

    /// <summary>
    /// An allow or deny intent for the cluster's own dialect: CiliumNetworkPolicies in a cluster that uses Cilium
    /// (between two endpoints that its rules can name), NetworkPolicies otherwise.
    /// </summary>
    public static SynthesisResult Propose(ReachabilityMatrix current, bool revoke, SynthesisPeer source, SynthesisPeer destination, ConnectionSet connections)
    {
        if (CiliumDialect.IsUsedBy(current.Evaluator.Cluster) && source.Endpoint is { } from && destination.Endpoint is { } to
            && (revoke ? Revoke(current, from, to, connections) : Allow(current, from, to, connections)) is { } cilium)
        {
            return cilium;
        }

        return revoke
            ? PolicySynthesizer.Revoke(current, source.Endpoint!, destination.Endpoint!, connections)
            : PolicySynthesizer.Allow(current, source, destination, connections);
    }

    /// <summary>
    /// Allows <paramref name="connections"/> from <paramref name="source"/> to <paramref name="destination"/> with
    /// CiliumNetworkPolicies; null when a side is a peer these rules cannot name (the ingress controller).
    /// </summary>
    public static SynthesisResult? Allow(ReachabilityMatrix current, Endpoint source, Endpoint destination, ConnectionSet connections)
    {
        var intent = $"Allow {PolicySynthesizer.Readable(source)} to reach {PolicySynthesizer.Readable(destination)} on {connections}";
        if (source is IngressControllerEndpoint || !ClusterEvaluator.IsPair(source, destination))
        {
            return null;
        }

        var evaluator = current.Evaluator;
        var before = evaluator.Evaluate(source, destination);
        var missing = connections.Subtract(before);
        if (missing.IsEmpty)
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        var cluster = evaluator.Cluster;
        var warnings = new List<string>();
        var changes = new List<PolicyChange>();
        if (destination is WorkloadEndpoint d && missing.Subtract(evaluator.Decide(d.Workload, source, TrafficDirection.Ingress)) is { IsEmpty: false } inbound)
        {
            var rule = Peer(current, source, d.Workload.Namespace, warnings) with { Ports = Ports(inbound) };
            changes.Add(New(cluster, changes, current, d.Workload, $"allow-{PolicySynthesizer.ShortName(source)}-to-{d.Workload.Name}", warnings,
                ingress: [rule]));
        }

        if (source is WorkloadEndpoint s && missing.Subtract(evaluator.Decide(s.Workload, destination, TrafficDirection.Egress)) is { IsEmpty: false } outbound)
        {
            List<CiliumPeerRule> egress = [Peer(current, destination, s.Workload.Namespace, warnings) with { Ports = Ports(outbound) }];
            if (destination is DnsEndpoint)
            {
                egress.Add(DnsVisibility(cluster, warnings));
            }

            changes.Add(New(cluster, changes, current, s.Workload, $"allow-{s.Workload.Name}-to-{ShortName(destination)}", warnings, egress: egress));
        }

        var after = changes.Aggregate(cluster, (c, change) => c.Apply(change));
        var option = PolicySynthesizer.Finish(current, "Add CiliumNetworkPolicy rules", changes, after, warnings, source, destination, before.Union(connections));
        return connections.IsSubsetOf(option.AskedPairAfter)
            ? new SynthesisResult(intent, [option], null)
            : new SynthesisResult(intent, [], $"These CiliumNetworkPolicy rules would still leave {option.AskedPairAfter} allowed instead of {connections}: a deny rule (which wins over every allow) or an admin policy decides this traffic.");
    }

    /// <summary>
    /// Denies <paramref name="connections"/> from <paramref name="source"/> to <paramref name="destination"/> with one
    /// <c>ingressDeny</c> rule on the destination, or one <c>egressDeny</c> rule on the source; null when no deny rule
    /// can name the peer (a DNS name: Cilium's deny rules take no <c>toFQDNs</c>; the ingress controller).
    /// </summary>
    public static SynthesisResult? Revoke(ReachabilityMatrix current, Endpoint source, Endpoint destination, ConnectionSet connections)
    {
        var intent = $"Deny {PolicySynthesizer.Readable(source)} from reaching {PolicySynthesizer.Readable(destination)} on {connections}";
        if (source is IngressControllerEndpoint || destination is DnsEndpoint or IngressControllerEndpoint)
        {
            return null;
        }

        var evaluator = current.Evaluator;
        var before = evaluator.Evaluate(source, destination);
        var remove = connections.Intersect(before);
        if (remove.IsEmpty)
        {
            return new SynthesisResult(intent, [], null) { AlreadySatisfied = true };
        }

        var cluster = evaluator.Cluster;
        var expected = before.Subtract(remove);
        var options = new List<SynthesisOption>();
        foreach (var (subject, peer, direction) in new[] { (destination, source, TrafficDirection.Ingress), (source, destination, TrafficDirection.Egress) })
        {
            if (subject is not WorkloadEndpoint w)
            {
                continue;
            }

            var warnings = new List<string>();
            var ingress = direction == TrafficDirection.Ingress;

            // Denying what the pair has leaves it nothing: the rule needs no ports then.
            var rule = Peer(current, peer, w.Workload.Namespace, warnings) with { Ports = remove.Equals(before) ? [] : Ports(remove) };
            var name = ingress ? $"deny-{PolicySynthesizer.ShortName(peer)}-to-{w.Workload.Name}" : $"deny-{w.Workload.Name}-to-{ShortName(peer)}";
            var open = !IsIsolated(evaluator, w.Workload, direction);
            var change = New(cluster, [], current, w.Workload, name, warnings, ingressDeny: ingress ? [rule] : [], egressDeny: ingress ? [] : [rule],
                keepOpenIngress: open && ingress, keepOpenEgress: open && !ingress);
            var side = ingress ? $"on {w.Workload.Id}'s ingress" : $"on {w.Workload.Id}'s egress";
            options.Add(PolicySynthesizer.Finish(current, $"One {(ingress ? "ingressDeny" : "egressDeny")} rule {side}", [change], cluster.Apply(change), warnings, source, destination, expected));
        }

        var ordered = options.Where(o => o.Impact.Changes.Count > 0 && o.AskedPairAfter.Intersect(remove).IsEmpty)
            .OrderBy(o => o.IsExact ? 0 : 1).ThenBy(o => o.SideEffects.Count).ToList();
        return new SynthesisResult(intent, ordered, ordered.Count == 0 ? "No CiliumNetworkPolicy deny rule can deny this traffic (an admin policy decides it first)." : null);
    }

    /// <summary>Whether some policy of the default tier (a NetworkPolicy, Cilium's, the enforcement mode) puts the workload into default deny in the direction.</summary>
    private static bool IsIsolated(ClusterEvaluator evaluator, Workload workload, TrafficDirection direction)
    {
        var labels = evaluator.Namespaces.LabelsOf(workload.Namespace);
        return evaluator.IsIsolated(workload, direction)
            || evaluator.Program.Policies.Any(p => p.Tier.DefaultAction == Program.TierDefault.Deny && p.Isolates(direction) && p.Selects(workload, labels));
    }

    /// <summary>The egress rule that lets an endpoint ask kube-dns through Cilium's DNS proxy, as Cilium's DNS-based policy documentation writes it.</summary>
    public static CiliumPeerRule DnsVisibility(Cluster cluster, List<string> warnings)
    {
        var kubeDns = cluster.Workloads.FirstOrDefault(w => w.Labels.TryGetValue("k8s-app", out var app) && app == "kube-dns");
        if (kubeDns is null)
        {
            warnings.Add("No pods labelled k8s-app: kube-dns are in this workspace; the DNS rule names kube-system's, as Cilium's documentation does.");
        }

        var dns = LabelSelector.ForLabels((NamespaceLabel, kubeDns?.Namespace ?? "kube-system"), ("k8s:k8s-app", "kube-dns"));
        var everyName = CiliumValue.List([CiliumValue.Map([new CiliumField("matchPattern", CiliumValue.Of("*"))])]);
        var rules = new CiliumField("rules", CiliumValue.Map([new CiliumField("dns", everyName)]));
        return CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(dns), Ports = ValueArray.Create(new CiliumPortRule(ValueArray.Create(new CiliumPort("53", null, "ANY")), rules, [])) };
    }

    /// <summary>A new CiliumNetworkPolicy selecting exactly <paramref name="subject"/>, named from <paramref name="nameBase"/> (unique in its namespace).</summary>
    private static PolicyChange New(Cluster cluster, IReadOnlyList<PolicyChange> pending, ReachabilityMatrix current, Workload subject, string nameBase, List<string> warnings,
        IReadOnlyList<CiliumPeerRule>? ingress = null, IReadOnlyList<CiliumPeerRule>? egress = null, IReadOnlyList<CiliumPeerRule>? ingressDeny = null,
        IReadOnlyList<CiliumPeerRule>? egressDeny = null, bool keepOpenIngress = false, bool keepOpenEgress = false)
    {
        var selector = PolicySynthesizer.ExactSelector(current, subject, warnings);
        var rule = new CiliumRule(selector, null, (ingress ?? []).ToValueArray(), (ingressDeny ?? []).ToValueArray(), (egress ?? []).ToValueArray(), (egressDeny ?? []).ToValueArray(),
            keepOpenIngress ? false : null, keepOpenEgress ? false : null, null);
        return PolicyChange.Upsert(new CiliumPolicy(subject.Namespace, UniqueName(cluster, pending, subject.Namespace, nameBase), rule, []));
    }

    private static string UniqueName(Cluster cluster, IReadOnlyList<PolicyChange> pending, string ns, string nameBase)
    {
        bool Taken(string name) => cluster.FindPolicy(new PolicyKey(CiliumPolicy.NamespacedKind, ns, name)) is not null
            || pending.Any(p => p.Key == new PolicyKey(CiliumPolicy.NamespacedKind, ns, name));
        var result = PolicyDraft.Trim(nameBase);
        for (var i = 2; Taken(result); i++)
        {
            result = PolicyDraft.Trim(nameBase, $"-{i}");
        }

        return result;
    }

    private static string ShortName(Endpoint endpoint) => endpoint switch
    {
        DnsEndpoint dns => dns.Name.Replace("*", "any", StringComparison.Ordinal),
        SpecialEndpoint special => special.Name,
        _ => PolicySynthesizer.ShortName(endpoint),
    };

    /// <summary>A rule naming one peer (no ports yet), seen from a policy in <paramref name="policyNamespace"/>.</summary>
    private static CiliumPeerRule Peer(ReachabilityMatrix current, Endpoint peer, string policyNamespace, List<string> warnings) => peer switch
    {
        WorkloadEndpoint w => CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(Endpoints(current, w.Workload, policyNamespace, warnings)) },
        ExternalEndpoint e => CiliumPeerRule.Empty with { Cidrs = e.Range.ToCidrs().Select(CiliumCidr.Plain).ToValueArray() },
        SpecialEndpoint s => CiliumPeerRule.Empty with { Entities = ValueArray.Create(s.Name) },
        DnsEndpoint n => CiliumPeerRule.Empty with { Fqdns = ValueArray.Create(n.IsPattern ? new CiliumFqdn(null, n.Name) : new CiliumFqdn(n.Name, null)) },
        _ => throw new ArgumentException($"A CiliumNetworkPolicy rule cannot name {peer.Id}.", nameof(peer)),
    };

    /// <summary>An endpoint selector for exactly one workload: its labels, and its namespace when it is not the policy's.</summary>
    private static LabelSelector Endpoints(ReachabilityMatrix current, Workload workload, string policyNamespace, List<string> warnings)
    {
        var selector = PolicySynthesizer.ExactSelector(current, workload, warnings);
        return workload.Namespace == policyNamespace
            ? selector
            : selector with { MatchLabels = LabelSet.From(selector.MatchLabels.Append(new KeyValuePair<string, string>(NamespaceLabel, workload.Namespace))) };
    }

    /// <summary><c>toPorts</c> for a connection set: none for every connection, else one item with a port (or range) per TCP, UDP and SCTP range, 0 for a whole protocol.</summary>
    internal static ValueArray<CiliumPortRule> Ports(ConnectionSet connections)
    {
        if (connections.IsAll)
        {
            return [];
        }

        var ports = new List<CiliumPort>();
        foreach (var protocol in new[] { Protocol.TCP, Protocol.UDP, Protocol.SCTP })
        {
            var set = connections[protocol];
            if (set.IsAll)
            {
                ports.Add(new CiliumPort("0", null, protocol.ToString()));
                continue;
            }

            ports.AddRange(set.Ranges.Select(r => new CiliumPort(r.Start.ToString(System.Globalization.CultureInfo.InvariantCulture), r.IsSingle ? null : r.End, protocol.ToString())));
        }

        return ports.Count == 0 ? [] : ValueArray.Create(new CiliumPortRule(ports.ToValueArray(), null, []));
    }
}
