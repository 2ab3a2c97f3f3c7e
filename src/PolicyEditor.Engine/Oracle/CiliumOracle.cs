using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Oracle;

/// <summary>
/// Cilium's evaluation written straight from its documentation (policy intro, layer 3, deny, DNS), one side of
/// one connection at a time, sharing no code with the Cilium dialect's compiler. The enforcement mode
/// <c>never</c> allows everything. Otherwise an endpoint is in default deny in a direction when the mode is
/// <c>always</c>, when a rule selecting it has a section for that direction (unless its <c>enableDefaultDeny</c>
/// says false), or when a NetworkPolicy isolates it; then what Cilium's allow rules and the NetworkPolicies allow
/// adds up, else everything is allowed; the local host always reaches the endpoint (allow-localhost); what any
/// deny rule matches is denied, whatever allows it. Covers what its property test generates: label selectors
/// (with <c>k8s:</c> keys, the namespace label, namespace labels, service accounts), endpoints, CIDRs and CIDR
/// sets with except, entities, <c>toFQDNs</c> names behind a DNS rule, ports with protocols; admin policies are
/// not combined with Cilium's in this reference.
/// </summary>
internal sealed class CiliumOracle
{
    private const string NamespaceKey = "io.kubernetes.pod.namespace";
    private const string NamespaceLabelPrefix = "io.cilium.k8s.namespace.labels.";

    private static readonly string[] ClusterSpecials = ["host", "remote-node", "kube-apiserver", "health", "init", "unmanaged", "ingress"];

    private readonly Cluster _cluster;
    private readonly List<(CiliumPolicy Policy, CiliumRule Rule)> _rules;
    private readonly CiliumEnforcementMode _mode;

    public CiliumOracle(Cluster cluster)
    {
        _cluster = cluster;
        _rules = [.. cluster.OtherPolicies.OfType<CiliumPolicy>().SelectMany(p => p.Rules.Select(r => (p, r)))];
        _mode = cluster.OtherPolicies.OfType<CiliumConfig>().Select(c => c.Enforcement).FirstOrDefault();
    }

    /// <summary>True when the cluster has Cilium policies or configuration for this oracle to evaluate.</summary>
    public static bool Applies(Cluster cluster) => cluster.OtherPolicies.Any(p => p is CiliumPolicy or CiliumConfig);

    /// <summary>What <paramref name="subject"/>'s side allows of its traffic with <paramref name="peer"/>, given what the NetworkPolicies say of it.</summary>
    public ConnectionSet Side(Workload subject, Endpoint peer, bool ingress, (bool Selected, ConnectionSet Allowed) networkPolicies)
    {
        if (_mode == CiliumEnforcementMode.Never)
        {
            return ConnectionSet.All;
        }

        var isolated = _mode == CiliumEnforcementMode.Always || networkPolicies.Selected;
        var allowed = networkPolicies.Selected ? networkPolicies.Allowed : ConnectionSet.None;
        var denied = ConnectionSet.None;
        foreach (var (policy, rule) in _rules.Where(r => r.Rule.EndpointSelector is { } s && Selects(s, r.Policy, subject, isSubject: true)))
        {
            var allows = ingress ? rule.Ingress : rule.Egress;
            var denies = ingress ? rule.IngressDeny : rule.EgressDeny;
            var defaultDeny = (ingress ? rule.DefaultDenyIngress : rule.DefaultDenyEgress) ?? true;
            isolated |= defaultDeny && (!allows.IsEmpty || !denies.IsEmpty);
            foreach (var item in allows.Where(i => Matches(i, policy, subject, peer, ingress)))
            {
                allowed = allowed.Union(Ports(item));
            }

            foreach (var item in denies.Where(i => Matches(i, policy, subject, peer, ingress)))
            {
                denied = denied.Union(Ports(item));
            }
        }

        if (!isolated || (ingress && peer is SpecialEndpoint { Name: "host" }))
        {
            allowed = ConnectionSet.All;
        }

        return allowed.Subtract(denied);
    }

    /// <summary>Whether a rule item names the peer: every peer when it names none but has ports, no peer when it is empty.</summary>
    private bool Matches(CiliumPeerRule item, CiliumPolicy policy, Workload subject, Endpoint peer, bool ingress)
    {
        if (item.Endpoints.IsEmpty && item.Cidrs.IsEmpty && item.Entities.IsEmpty && item.Fqdns.IsEmpty && item.Services.IsEmpty && !item.Undecided.Any(u => u.IsPeer))
        {
            return !item.Ports.IsEmpty || !item.Icmps.IsEmpty;
        }

        return peer switch
        {
            WorkloadEndpoint w => item.Endpoints.Any(s => Selects(s, policy, w.Workload, isSubject: false)) || item.Entities.Any(e => e is "cluster" or "all"),
            ExternalEndpoint x => item.Cidrs.Any(c => Contains(c, x.Range)) || item.Entities.Any(e => e is "world" or "all"),
            SpecialEndpoint s => item.Entities.Any(e => e == s.Name || e == "all" || (e == "cluster" && ClusterSpecials.Contains(s.Name))),
            DnsEndpoint d => item.Entities.Any(e => e is "world" or "all")
                || (!ingress && item.Fqdns.Any(f => f.MatchName is { } n && Normal(n) == d.Name) && MayAskDns(subject, d.Name)),
            _ => false,
        };
    }

    /// <summary>The DNS docs: a name's addresses are known to the endpoint only when it may ask DNS about it through the proxy (a dns L7 rule on port 53).</summary>
    private bool MayAskDns(Workload subject, string name) =>
        _rules.Where(r => r.Rule.EndpointSelector is { } s && Selects(s, r.Policy, subject, isSubject: true))
            .SelectMany(r => r.Rule.Egress).SelectMany(i => i.Ports)
            .Where(p => p.Ports.IsEmpty || p.Ports.Any(x => x.Port is "53" or "0"))
            .Select(p => p.Rules?.Value["dns"]).OfType<CiliumValue>()
            .SelectMany(dns => dns.IsList ? dns.Items.Items.AsEnumerable() : [dns])
            .Any(d => d["matchPattern"]?.Scalar == "*" || (d["matchName"]?.Scalar is { } n && Normal(n) == name));

    private static string Normal(string name) => name.TrimEnd('.').ToLowerInvariant();

    private static bool Contains(CiliumCidr cidr, AddressRange range) =>
        cidr.Cidr is { } text && Cidr.Parse(text).Range.Contains(range) && !cidr.Except.Any(e => Cidr.Parse(e).Range.Contains(range));

    /// <summary>A rule item's connections: every connection without <c>toPorts</c>; a port (0: all) or range per protocol (ANY: TCP, UDP and SCTP).</summary>
    private static ConnectionSet Ports(CiliumPeerRule item)
    {
        if (item.Ports.IsEmpty)
        {
            return ConnectionSet.All;
        }

        var result = ConnectionSet.None;
        foreach (var port in item.Ports.SelectMany(p => p.Ports))
        {
            var number = int.Parse(port.Port, System.Globalization.CultureInfo.InvariantCulture);
            var protocols = port.Protocol is null or "ANY" ? [Protocol.TCP, Protocol.UDP, Protocol.SCTP] : new[] { Protocol.TryParse(port.Protocol, out var p) ? p : throw new NotSupportedException($"protocol {port.Protocol}") };
            foreach (var protocol in protocols)
            {
                result = result.Union(number == 0 ? ConnectionSet.AllOf(protocol) : ConnectionSet.Of(protocol, number, port.EndPort ?? number));
            }
        }

        return result;
    }

    /// <summary>
    /// Whether an endpoint selector selects a workload by its identity labels. A CiliumNetworkPolicy's selectors
    /// only take in endpoints of its namespace, unless a peer selector names the namespace label itself.
    /// </summary>
    private bool Selects(LabelSelector selector, CiliumPolicy policy, Workload workload, bool isSubject)
    {
        var namesNamespace = selector.MatchLabels.Keys.Concat(selector.MatchExpressions.Select(e => e.Key)).Any(k => Bare(k) == NamespaceKey);
        if (policy.Namespace is { } ns && (isSubject || !namesNamespace) && workload.Namespace != ns)
        {
            return false;
        }

        foreach (var (key, value) in selector.MatchLabels)
        {
            if (Label(workload, key) != value)
            {
                return false;
            }
        }

        foreach (var e in selector.MatchExpressions)
        {
            var value = Label(workload, e.Key);
            var ok = e.Operator switch
            {
                SelectorOperator.In => value is not null && e.Values.Contains(value),
                SelectorOperator.NotIn => value is null || !e.Values.Contains(value),
                SelectorOperator.Exists => value is not null,
                SelectorOperator.DoesNotExist => value is null,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string Bare(string key) =>
        key.StartsWith("k8s:", StringComparison.Ordinal) ? key[4..] : key.StartsWith("any:", StringComparison.Ordinal) ? key[4..] : key;

    /// <summary>The value of an identity label of a workload: its pod labels, its namespace, its namespace's labels, its service account, the cluster.</summary>
    private string? Label(Workload workload, string key)
    {
        key = Bare(key);
        if (key == NamespaceKey)
        {
            return workload.Namespace;
        }

        if (key.StartsWith(NamespaceLabelPrefix, StringComparison.Ordinal))
        {
            var labels = _cluster.FindNamespace(workload.Namespace)?.Labels ?? LabelSet.Empty;
            return labels.TryGetValue(key[NamespaceLabelPrefix.Length..], out var v) ? v : null;
        }

        return key switch
        {
            "io.cilium.k8s.policy.serviceaccount" => workload.ServiceAccount ?? "default",
            "io.cilium.k8s.policy.cluster" => "default",
            _ => workload.Labels.TryGetValue(key, out var value) ? value : null,
        };
    }
}
