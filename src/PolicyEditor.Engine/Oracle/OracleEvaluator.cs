using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Oracle;

/// <summary>
/// A deliberately simple evaluator written straight from the Kubernetes documentation, connection by
/// connection, sharing no code with the fast evaluator or the matrix. It exists to check them: tests
/// and the benchmark compare their answers with its answers. Slow by design; do not use it elsewhere.
/// </summary>
public sealed partial class OracleEvaluator
{
    private readonly Cluster _cluster;
    private readonly ILookup<string, NetworkPolicy> _policiesByNamespace;
    private readonly List<(AdminSubject Subject, ValueArray<AdminRule> Ingress, ValueArray<AdminRule> Egress)> _admin;
    private readonly List<(AdminSubject Subject, ValueArray<AdminRule> Ingress, ValueArray<AdminRule> Egress)> _baseline;
    private readonly CalicoOracle? _calico;
    private readonly CiliumOracle? _cilium;

    /// <summary>An evaluator for one cluster (it only files the policies by namespace).</summary>
    public OracleEvaluator(Cluster cluster)
    {
        _cluster = cluster;
        _policiesByNamespace = cluster.NetworkPolicies.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        // The Admin tier: ClusterNetworkPolicies (v1alpha2) of the Admin tier and AdminNetworkPolicies (v1alpha1)
        // by priority; at equal priority the newer API first, then by name. The Baseline tier: ClusterNetworkPolicies
        // of the Baseline tier by priority and name, then the BaselineAdminNetworkPolicy.
        _admin = [.. cluster.ClusterNetworkPolicies.Where(c => c.Tier == ClusterNetworkPolicyTier.Admin).Select(c => (c.Priority, 0, c.Name, c.Subject, c.Ingress, c.Egress))
            .Concat(cluster.AdminNetworkPolicies.Select(a => (a.Priority, 1, a.Name, a.Subject, a.Ingress, a.Egress)))
            .OrderBy(a => a.Item1).ThenBy(a => a.Item2).ThenBy(a => a.Item3, StringComparer.Ordinal)
            .Select(a => (a.Item4, a.Item5, a.Item6))];
        _baseline = [.. cluster.ClusterNetworkPolicies.Where(c => c.Tier == ClusterNetworkPolicyTier.Baseline)
            .OrderBy(c => c.Priority).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => (c.Subject, c.Ingress, c.Egress))];
        if (cluster.BaselineAdminNetworkPolicy is { } banp)
        {
            _baseline.Add((banp.Subject, banp.Ingress, banp.Egress));
        }

        _calico = CalicoOracle.Applies(cluster) ? new CalicoOracle(cluster) : null;
        _cilium = CiliumOracle.Applies(cluster) ? new CiliumOracle(cluster) : null;
    }

    /// <summary>The connections allowed from <paramref name="source"/> to <paramref name="destination"/> in <paramref name="cluster"/>.</summary>
    public static ConnectionSet Evaluate(Cluster cluster, Endpoint source, Endpoint destination) => new OracleEvaluator(cluster).Evaluate(source, destination);

    /// <summary>
    /// The connections allowed from <paramref name="source"/> to <paramref name="destination"/>: what the
    /// source's egress allows, and what the destination's ingress allows, and (from the ingress
    /// controller) what an Ingress or Route exposes.
    /// </summary>
    public ConnectionSet Evaluate(Endpoint source, Endpoint destination)
    {
        if (destination is IngressControllerEndpoint || (source is not (WorkloadEndpoint or HostEndpoint) && destination is not (WorkloadEndpoint or HostEndpoint)))
        {
            return ConnectionSet.None;
        }

        var allowed = ConnectionSet.All;
        if (source is HostEndpoint hs && _calico is not null)
        {
            allowed = allowed.Intersect(_calico.HostSide(hs.Definition, destination, false));
        }

        if (destination is HostEndpoint hd && _calico is not null)
        {
            allowed = allowed.Intersect(_calico.HostSide(hd.Definition, source, true));
        }

        if (source is WorkloadEndpoint s)
        {
            allowed = allowed.Intersect(Side(s.Workload, destination, Direction.Egress));
        }

        if (destination is WorkloadEndpoint d)
        {
            allowed = allowed.Intersect(Side(d.Workload, source, Direction.Ingress));
            if (source is IngressControllerEndpoint)
            {
                allowed = allowed.Intersect(Exposed(_cluster, d.Workload));
            }
        }

        return allowed;
    }

    private enum Direction
    {
        Ingress,
        Egress,
    }

    /// <summary>
    /// What one side allows. Admin policies by priority: for each connection the first rule whose peer
    /// and ports match decides (Allow, Deny, or Pass it on). What no admin rule decided, or what was
    /// passed, NetworkPolicies decide if any selects the pod in this direction (exactly what their rules
    /// allow); otherwise the baseline's first matching rule decides; otherwise it is allowed. A cluster with
    /// Calico policies is walked by <see cref="CalicoOracle"/> (its tiers with the NetworkPolicies; admin
    /// policies are not combined with Calico's in this reference), one with Cilium's by <see cref="CiliumOracle"/>.
    /// </summary>
    private ConnectionSet Side(Workload subject, Endpoint peer, Direction direction)
    {
        var cluster = _cluster;
        var destination = direction == Direction.Ingress ? subject : (peer as WorkloadEndpoint)?.Workload;
        if (_calico is not null)
        {
            return _calico.Side(subject, peer, direction == Direction.Ingress, NetworkPolicySide(subject, peer, direction, destination));
        }

        if (_cilium is not null)
        {
            return _cilium.Side(subject, peer, direction == Direction.Ingress, NetworkPolicySide(subject, peer, direction, destination));
        }

        var nsLabels = NamespaceLabels(cluster, subject.Namespace);
        var open = ConnectionSet.All;
        var allowed = ConnectionSet.None;
        var handedDown = ConnectionSet.None;
        foreach (var anp in _admin.Where(a => SubjectMatches(a.Subject, nsLabels, subject.Labels)))
        {
            foreach (var rule in direction == Direction.Ingress ? anp.Ingress : anp.Egress)
            {
                if (!rule.Peers.Any(p => AdminPeerMatches(cluster, p, peer)))
                {
                    continue;
                }

                var hit = AdminPorts(rule, destination).Intersect(open);
                open = open.Subtract(hit);
                if (rule.Action == AdminAction.Allow)
                {
                    allowed = allowed.Union(hit);
                }
                else if (rule.Action == AdminAction.Pass)
                {
                    handedDown = handedDown.Union(hit);
                }
            }
        }

        var rest = open.Union(handedDown);
        var (selected, byPolicies) = NetworkPolicySide(subject, peer, direction, destination);
        if (selected)
        {
            return allowed.Union(rest.Intersect(byPolicies));
        }

        var baselinePassed = ConnectionSet.None;
        foreach (var banp in _baseline.Where(b => SubjectMatches(b.Subject, nsLabels, subject.Labels)))
        {
            foreach (var rule in direction == Direction.Ingress ? banp.Ingress : banp.Egress)
            {
                if (rule.Peers.Any(p => AdminPeerMatches(cluster, p, peer)))
                {
                    var hit = AdminPorts(rule, destination).Intersect(rest);
                    rest = rest.Subtract(hit);
                    if (rule.Action == AdminAction.Allow)
                    {
                        allowed = allowed.Union(hit);
                    }
                    else if (rule.Action == AdminAction.Pass)
                    {
                        // Pass in the last tier leaves the connection to the default: allowed.
                        baselinePassed = baselinePassed.Union(hit);
                    }
                }
            }
        }

        return allowed.Union(rest).Union(baselinePassed);
    }

    /// <summary>Whether NetworkPolicies select <paramref name="subject"/> in the direction, and what their rules allow together.</summary>
    private (bool Selected, ConnectionSet Allowed) NetworkPolicySide(Workload subject, Endpoint peer, Direction direction, Workload? destination)
    {
        var selecting = _policiesByNamespace[subject.Namespace]
            .Where(p => SelectorMatches(p.PodSelector, subject.Labels))
            .Where(p => direction == Direction.Ingress ? EffectiveIngress(p) : EffectiveEgress(p))
            .ToList();
        var byPolicies = ConnectionSet.None;
        foreach (var policy in selecting)
        {
            foreach (var rule in direction == Direction.Ingress ? policy.Ingress : policy.Egress)
            {
                if (rule.Peers.IsEmpty || rule.Peers.Any(pp => PolicyPeerMatches(_cluster, pp, policy.Namespace, peer)))
                {
                    byPolicies = byPolicies.Union(PolicyPorts(rule, destination));
                }
            }
        }

        return (selecting.Count > 0, byPolicies);
    }

    /// <summary>A NetworkPolicy rule's ports: none listed is everything; no port is the whole protocol; a name is the destination's container port of that name and protocol.</summary>
    private static ConnectionSet PolicyPorts(NetworkPolicyRule rule, Workload? destination)
    {
        if (rule.Ports.IsEmpty)
        {
            return ConnectionSet.All;
        }

        var result = ConnectionSet.None;
        foreach (var p in rule.Ports)
        {
            if (p.Port is null)
            {
                result = result.Union(ConnectionSet.AllOf(p.Protocol));
            }
            else if (p.Port.Value.Name is { } name)
            {
                foreach (var c in destination?.Ports.Where(c => c.Name == name && c.Protocol == p.Protocol) ?? [])
                {
                    result = result.Union(ConnectionSet.Of(c.Protocol, c.Number));
                }
            }
            else
            {
                var start = p.Port.Value.Number!.Value;
                result = result.Union(ConnectionSet.Of(p.Protocol, start, p.EndPort ?? start));
            }
        }

        return result;
    }

    /// <summary>An admin rule's ports: none listed is everything; a named port is the destination's container port of that name, any protocol.</summary>
    private static ConnectionSet AdminPorts(AdminRule rule, Workload? destination)
    {
        if (rule.Ports.IsEmpty)
        {
            return ConnectionSet.All;
        }

        var result = ConnectionSet.None;
        foreach (var p in rule.Ports)
        {
            if (p.NamedPort is { } name)
            {
                foreach (var c in destination?.Ports.Where(c => c.Name == name) ?? [])
                {
                    result = result.Union(ConnectionSet.Of(c.Protocol, c.Number));
                }
            }
            else
            {
                result = result.Union(ConnectionSet.Of(p.Protocol, p.Start, p.End));
            }
        }

        return result;
    }

    private static bool EffectiveIngress(NetworkPolicy p) => p.DeclaredPolicyTypes is { } t ? (t & PolicyTypes.Ingress) != 0 : true;

    private static bool EffectiveEgress(NetworkPolicy p) => p.DeclaredPolicyTypes is { } t ? (t & PolicyTypes.Egress) != 0 : !p.Egress.IsEmpty;

    private static bool PolicyPeerMatches(Cluster cluster, NetworkPolicyPeer peer, string policyNamespace, Endpoint endpoint)
    {
        switch (endpoint)
        {
            case ExternalEndpoint external:
                return peer.IpBlock is { } block && Inside(block, external.Range);
            case DnsEndpoint:
                // A DNS name's addresses are known only once resolved: only a block of every address surely takes them in.
                return peer.IpBlock is { } all && all.Cidr.PrefixLength == 0 && all.Except.IsEmpty;
            case HostEndpoint host:
                // A host endpoint is no pod: only an ipBlock holding every address it is known by takes it in.
                return peer.IpBlock is { } hostBlock && host.Definition.ExpectedIps.Count > 0 && host.Definition.ExpectedIps.All(ip => Inside(hostBlock, ip.Range));
            case IngressControllerEndpoint:
                // The controller is a pod of a namespace the manifests do not describe: only "every pod everywhere" surely admits it.
                return peer.IpBlock is null && peer.NamespaceSelector is { } ns && IsEmpty(ns) && (peer.PodSelector is null || IsEmpty(peer.PodSelector));
            case WorkloadEndpoint w:
                if (peer.IpBlock is not null)
                {
                    return false;
                }

                var namespaceOk = peer.NamespaceSelector is null
                    ? w.Workload.Namespace == policyNamespace
                    : SelectorMatches(peer.NamespaceSelector, NamespaceLabels(cluster, w.Workload.Namespace));
                return namespaceOk && (peer.PodSelector is null || SelectorMatches(peer.PodSelector, w.Workload.Labels));
            default:
                return false;
        }
    }

    private static bool AdminPeerMatches(Cluster cluster, AdminPeer peer, Endpoint endpoint)
    {
        switch (endpoint)
        {
            case ExternalEndpoint external:
                return peer.Networks.Any(n => n.Range.Contains(external.Range));
            case WorkloadEndpoint w when !peer.Networks.IsEmpty:
                // Networks take in cluster traffic too: a pod by its addresses, a pod without one only by a
                // network covering its whole address family.
                return w.Workload.Addresses.IsEmpty
                    ? CoversAFamily(peer.Networks)
                    : w.Workload.Addresses.All(a => peer.Networks.Any(n => n.Range.Contains(a.Range)));
            case IngressControllerEndpoint:
                return (!peer.Networks.IsEmpty && CoversAFamily(peer.Networks))
                    || (peer.Namespaces is { } all && IsEmpty(all))
                    || (peer.PodSelector is { } pods && IsEmpty(pods) && (peer.PodNamespaceSelector is null || IsEmpty(peer.PodNamespaceSelector)));
            case WorkloadEndpoint w:
                var labels = NamespaceLabels(cluster, w.Workload.Namespace);
                if (peer.Namespaces is { } namespaces)
                {
                    return SelectorMatches(namespaces, labels);
                }

                return peer.PodSelector is { } podSelector
                    && (peer.PodNamespaceSelector is null || SelectorMatches(peer.PodNamespaceSelector, labels))
                    && SelectorMatches(podSelector, w.Workload.Labels);
            default:
                return false;
        }
    }

    private static bool CoversAFamily(ValueArray<Cidr> networks) =>
        networks.Any(n => n.PrefixLength == 0) || AddressSet.FromRanges(networks.Select(n => n.Range)) is var set && (set.Contains(AddressRange.AllV4) || set.Contains(AddressRange.AllV6));

    private static bool SubjectMatches(AdminSubject subject, LabelSet namespaceLabels, LabelSet podLabels) =>
        subject.Namespaces is { } ns
            ? SelectorMatches(ns, namespaceLabels)
            : subject.PodSelector is { } pods && (subject.PodNamespaceSelector is null || SelectorMatches(subject.PodNamespaceSelector, namespaceLabels)) && SelectorMatches(pods, podLabels);

    /// <summary>An address range is in an ipBlock when all of it is inside the CIDR and none of it inside an except.</summary>
    private static bool Inside(IpBlock block, AddressRange range) =>
        block.Cidr.Range.Contains(range) && block.Except.All(e => e.Range.Family != range.Family || e.Range.Last < range.First || e.Range.First > range.Last);

    private static bool IsEmpty(LabelSelector s) => s.MatchLabels.Count == 0 && s.MatchExpressions.IsEmpty;

    /// <summary>matchLabels: each key present with that value; matchExpressions: In, NotIn (absent key matches), Exists, DoesNotExist.</summary>
    private static bool SelectorMatches(LabelSelector selector, LabelSet labels)
    {
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var e in selector.MatchExpressions)
        {
            var has = labels.TryGetValue(e.Key, out var actual);
            var ok = e.Operator switch
            {
                SelectorOperator.In => has && e.Values.Contains(actual!),
                SelectorOperator.NotIn => !has || !e.Values.Contains(actual!),
                SelectorOperator.Exists => has,
                _ => !has,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static LabelSet NamespaceLabels(Cluster cluster, string ns)
    {
        var labels = cluster.Namespaces.FirstOrDefault(n => n.Name == ns)?.Labels ?? LabelSet.Empty;
        return labels.TryGetValue(Namespace.NameLabel, out _) ? labels : labels.With(Namespace.NameLabel, ns);
    }

    /// <summary>The ports of the workload that an Ingress or Route exposes, through a Service of its namespace.</summary>
    private static ConnectionSet Exposed(Cluster cluster, Workload workload)
    {
        var exposed = ConnectionSet.None;
        foreach (var exposure in cluster.Exposures.Where(e => e.Namespace == workload.Namespace))
        {
            foreach (var backend in exposure.Backends)
            {
                var service = cluster.Services.FirstOrDefault(s => s.Namespace == exposure.Namespace && s.Name == backend.ServiceName);
                if (service?.Selector is not { } selector || IsEmpty(selector) || !SelectorMatches(selector, workload.Labels))
                {
                    continue;
                }

                foreach (var sp in ChosenPorts(exposure.Kind, service, backend.Port))
                {
                    var target = sp.TargetPort.Name is { } name
                        ? workload.Ports.FirstOrDefault(c => c.Name == name && c.Protocol == sp.Protocol)?.Number
                        : sp.TargetPort.Number ?? sp.Port;
                    if (target is { } t)
                    {
                        exposed = exposed.Union(ConnectionSet.Of(sp.Protocol, t));
                    }
                }
            }
        }

        return exposed;
    }

    private static IEnumerable<ServicePort> ChosenPorts(ExposureKind kind, Service service, PortReference? port)
    {
        if (port is not { } p)
        {
            return service.Ports;
        }

        if (p.Name is { } name)
        {
            return service.Ports.Where(sp => sp.Name == name || (kind == ExposureKind.Route && sp.TargetPort.Name == name));
        }

        if (kind == ExposureKind.Route)
        {
            return service.Ports.Where(sp => sp.TargetPort.Number == p.Number || (sp.TargetPort.Name is not null && sp.Port == p.Number));
        }

        var byPort = service.Ports.Where(sp => sp.Port == p.Number).ToList();
        return byPort.Count > 0 ? byPort : service.Ports.Where(sp => sp.TargetPort.Number == p.Number);
    }
}
