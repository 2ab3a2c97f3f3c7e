using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// Evaluates and explains connections in one cluster. Compiles the cluster's policies once; every
/// call after that is a pure function of its arguments, safe to use from several threads.
/// </summary>
public sealed class ClusterEvaluator
{
    private static readonly NetworkPolicyMatcher[] NoPolicies = [];
    private readonly List<EngineDiagnostic> _diagnostics = [];
    private Addresses.ExternalSpace? _externalSpace;
    private IReadOnlyList<(string Name, Connections.Protocol? Protocol)>? _namedPorts;

    /// <summary>Compiles <paramref name="cluster"/>.</summary>
    public ClusterEvaluator(Cluster cluster)
    {
        Cluster = cluster;
        Namespaces = new NamespaceDirectory(cluster);
        Policies = [.. cluster.NetworkPolicies.Select(p => new NetworkPolicyMatcher(p, Compilation))];
        PoliciesByNamespace = Policies.GroupBy(p => p.Policy.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        AdminPolicies = [.. cluster.AdminNetworkPolicies
            .OrderBy(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => AdminPolicyMatcher.From(p, Compilation))];
        Baseline = cluster.BaselineAdminNetworkPolicy is null ? null : AdminPolicyMatcher.From(cluster.BaselineAdminNetworkPolicy, Compilation);
        Exposures = new ExposureIndex(cluster, _diagnostics);
        foreach (var clash in cluster.AdminNetworkPolicies.GroupBy(p => p.Priority).Where(g => g.Count() > 1))
        {
            _diagnostics.Add(new EngineDiagnostic(DiagnosticSeverity.Warning, $"AdminNetworkPolicy priority {clash.Key}",
                $"{string.Join(", ", clash.Select(p => p.Name).Order(StringComparer.Ordinal))} share priority {clash.Key}; the API leaves their order undefined, so they are evaluated by name."));
        }
    }

    /// <summary>
    /// An evaluator for <paramref name="cluster"/>, which differs from <paramref name="previous"/>'s cluster
    /// only in its NetworkPolicies: everything else compiled is shared, and unchanged policies keep
    /// their compiled form.
    /// </summary>
    private ClusterEvaluator(ClusterEvaluator previous, Cluster cluster)
    {
        Cluster = cluster;
        Namespaces = previous.Namespaces;
        Compilation = previous.Compilation;
        var compiled = new Dictionary<NetworkPolicy, NetworkPolicyMatcher>(ReferenceEqualityComparer.Instance);
        foreach (var m in previous.Policies)
        {
            compiled.TryAdd(m.Policy, m);
        }

        Policies = [.. cluster.NetworkPolicies.Select(p => compiled.TryGetValue(p, out var m) ? m : new NetworkPolicyMatcher(p, Compilation))];
        PoliciesByNamespace = Policies.GroupBy(p => p.Policy.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        AdminPolicies = previous.AdminPolicies;
        Baseline = previous.Baseline;
        Exposures = previous.Exposures;
        _diagnostics.AddRange(previous._diagnostics);
    }

    /// <summary>
    /// An evaluator for a cluster that differs from this one only in its NetworkPolicies, reusing what
    /// this one compiled (so that evaluating an edit costs in proportion to the edit).
    /// </summary>
    public ClusterEvaluator WithNetworkPolicies(Cluster cluster) => new(this, cluster);

    /// <summary>Whether <paramref name="other"/> differs from this evaluator's cluster at most in its NetworkPolicies.</summary>
    public bool DiffersOnlyInNetworkPolicies(Cluster other) =>
        ReferenceEquals(Cluster, other) || (Cluster.Namespaces == other.Namespaces && Cluster.Workloads == other.Workloads
            && Cluster.AdminNetworkPolicies == other.AdminNetworkPolicies && Equals(Cluster.BaselineAdminNetworkPolicy, other.BaselineAdminNetworkPolicy)
            && Cluster.Services == other.Services && Cluster.Exposures == other.Exposures);

    /// <summary>Whether some admin policy (or the baseline) applies to the workload.</summary>
    internal bool AdminSelects(Workload workload)
    {
        var labels = Namespaces.LabelsOf(workload.Namespace);
        return AdminPolicies.Any(a => a.Selects(workload, labels)) || (Baseline?.Selects(workload, labels) ?? false);
    }

    /// <summary>The cluster evaluated.</summary>
    public Cluster Cluster { get; }

    /// <summary>What compiling the cluster noticed (unresolvable Ingress backends, priority clashes...).</summary>
    public IReadOnlyList<EngineDiagnostic> Diagnostics => _diagnostics;

    internal NamespaceDirectory Namespaces { get; }

    internal CompilationCache Compilation { get; } = new();

    internal NetworkPolicyMatcher[] Policies { get; }

    internal Dictionary<string, NetworkPolicyMatcher[]> PoliciesByNamespace { get; }

    internal AdminPolicyMatcher[] AdminPolicies { get; }

    internal AdminPolicyMatcher? Baseline { get; }

    internal ExposureIndex Exposures { get; }

    /// <summary>The external address space cut into the blocks that this cluster's policies treat alike.</summary>
    public Addresses.ExternalSpace ExternalSpace => _externalSpace ??= Addresses.ExternalSpace.Cut(AddressSets());

    /// <summary>Every address set a policy names (ipBlocks, admin networks), for cutting the external space.</summary>
    public IEnumerable<Addresses.AddressSet> AddressSets() =>
        AllPeers().Where(p => p.Addresses is not null).Select(p => p.Addresses!);

    /// <summary>Every distinct compiled peer of every rule (NetworkPolicy and admin).</summary>
    internal IEnumerable<PeerMatcher> AllPeers() =>
        Policies.SelectMany(p => p.Ingress.Concat(p.Egress))
            .Concat(AdminPolicies.Concat(Baseline is null ? [] : [Baseline]).SelectMany(a => a.Ingress.Concat(a.Egress)).Select(r => r.Matcher))
            .SelectMany(r => r.Peers)
            .DistinctBy(p => p.Id);

    /// <summary>The named ports any rule mentions, with the protocol they require (null: any protocol).</summary>
    internal IReadOnlyList<(string Name, Connections.Protocol? Protocol)> NamedPorts => _namedPorts ??=
        [.. Policies.SelectMany(p => p.Ingress.Concat(p.Egress))
            .Concat(AdminPolicies.Concat(Baseline is null ? [] : [Baseline]).SelectMany(a => a.Ingress.Concat(a.Egress)).Select(r => r.Matcher))
            .Select(r => r.Ports).Distinct()
            .SelectMany(p => p.Named)
            .Distinct()];

    /// <summary>The connections allowed from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public ConnectionSet Evaluate(Endpoint source, Endpoint destination)
    {
        if (!IsPair(source, destination))
        {
            return ConnectionSet.None;
        }

        var egress = source is WorkloadEndpoint s ? Decide(s.Workload, destination, TrafficDirection.Egress) : ConnectionSet.All;
        if (egress.IsEmpty || destination is not WorkloadEndpoint d)
        {
            return egress;
        }

        var result = egress.Intersect(Decide(d.Workload, source, TrafficDirection.Ingress));
        return source is IngressControllerEndpoint ? result.Intersect(Exposures.PortsOf(d.Workload)) : result;
    }

    /// <summary>Whether the workload is isolated in a direction by some NetworkPolicy.</summary>
    public bool IsIsolated(Workload workload, TrafficDirection direction) => PoliciesSelecting(workload, direction).Count > 0;

    /// <summary>The NetworkPolicies that select the workload and isolate it in a direction.</summary>
    public IReadOnlyList<NetworkPolicy> PoliciesSelecting(Workload workload, TrafficDirection direction) =>
        [.. SelectingMatchers(workload, direction).Select(m => m.Policy)];

    /// <summary>The ports the ingress controller may use towards the workload, before policies (none when no Ingress or Route exposes it).</summary>
    public ConnectionSet ExposedPorts(Workload workload) => Exposures.PortsOf(workload);

    /// <summary>The verdict for one connection and the policies and rules that decided it.</summary>
    public Explanation Explain(Endpoint source, Endpoint destination, Protocol protocol, int port)
    {
        if (!ConnectionPoint.IsValid(protocol, port))
        {
            throw new ArgumentOutOfRangeException(nameof(port), $"{port} is not a port (1-65535) or an ICMP type and code of {protocol}.");
        }

        var egress = source is WorkloadEndpoint s
            ? ExplainSide(s.Workload, destination, TrafficDirection.Egress, protocol, port)
            : NotApplicable(source, TrafficDirection.Egress);
        var ingress = destination is WorkloadEndpoint d
            ? ExplainSide(d.Workload, source, TrafficDirection.Ingress, protocol, port)
            : NotApplicable(destination, TrafficDirection.Ingress);

        string? exposure = null;
        var exposed = true;
        if (source is IngressControllerEndpoint && destination is WorkloadEndpoint dw)
        {
            var ports = Exposures.PortsOf(dw.Workload);
            exposed = ports.Contains(protocol, port);
            var via = Exposures.ExposuresOf(dw.Workload);
            exposure = via.Count == 0
                ? $"no Ingress or Route exposes {dw.Workload.Id}, so the ingress controller has no route to it."
                : exposed
                    ? $"{new ConnectionPoint(protocol, port)} is exposed by {string.Join("; ", via)}."
                    : $"{new ConnectionPoint(protocol, port)} is not among the exposed ports ({ports}) of {string.Join("; ", via)}.";
        }

        var allowed = IsPair(source, destination) && egress.Allowed && ingress.Allowed && exposed;
        string summary;
        if (!IsPair(source, destination))
        {
            summary = destination is IngressControllerEndpoint
                ? "The ingress controller is only a source of traffic here."
                : "Both ends are outside the cluster; no policy of this cluster applies.";
        }
        else if (allowed)
        {
            summary = "Allowed: both the source's egress and the destination's ingress allow it.";
        }
        else
        {
            var blockers = new List<string>();
            if (!egress.Allowed)
            {
                blockers.Add("the source's egress");
            }

            if (!ingress.Allowed)
            {
                blockers.Add("the destination's ingress");
            }

            if (!exposed)
            {
                blockers.Add("the exposure (no Ingress or Route opens that port)");
            }

            summary = $"Denied by {string.Join(" and ", blockers)}.";
        }

        return new Explanation(source.Id, destination.Id, protocol, port, allowed, egress, ingress, exposure, summary);
    }

    internal static bool IsPair(Endpoint source, Endpoint destination) =>
        destination is not IngressControllerEndpoint && !(source is not WorkloadEndpoint && destination is not WorkloadEndpoint);

    internal NetworkPolicyMatcher[] PoliciesIn(string ns) => PoliciesByNamespace.TryGetValue(ns, out var list) ? list : NoPolicies;

    internal IEnumerable<NetworkPolicyMatcher> SelectingMatchers(Workload workload, TrafficDirection direction) =>
        PoliciesIn(workload.Namespace).Where(p => p.Affects(direction) && p.Selects(workload));

    /// <summary>The connections one side allows: the layers of <see cref="Layering"/> over the compiled policies.</summary>
    internal ConnectionSet Decide(Workload subject, Endpoint peer, TrafficDirection direction)
    {
        var destination = direction == TrafficDirection.Ingress ? subject : (peer as WorkloadEndpoint)?.Workload;
        var namespaceLabels = Namespaces.LabelsOf(subject.Namespace);
        var isolated = false;
        var allowed = ConnectionSet.None;
        foreach (var policy in PoliciesIn(subject.Namespace))
        {
            if (!policy.Affects(direction) || !policy.Selects(subject))
            {
                continue;
            }

            isolated = true;
            foreach (var rule in policy.Rules(direction))
            {
                if (rule.Matches(peer, Namespaces))
                {
                    allowed = allowed.Union(rule.Ports.Resolve(destination));
                }
            }
        }

        var admin = AdminMatches(AdminPolicies, subject, namespaceLabels, peer, direction, destination);
        var baseline = Baseline is null ? [] : AdminMatches([Baseline], subject, namespaceLabels, peer, direction, destination);
        return Layering.Combine(admin, isolated, allowed, baseline);
    }

    internal List<(AdminAction, ConnectionSet)> AdminMatches(
        AdminPolicyMatcher[] policies, Workload subject, Model.LabelSet namespaceLabels, Endpoint peer, TrafficDirection direction, Workload? destination)
    {
        var result = new List<(AdminAction, ConnectionSet)>();
        foreach (var policy in policies)
        {
            if (!policy.Selects(subject, namespaceLabels))
            {
                continue;
            }

            foreach (var rule in policy.Rules(direction))
            {
                if (rule.Matcher.Matches(peer, Namespaces))
                {
                    result.Add((rule.Action, rule.Matcher.Ports.Resolve(destination)));
                }
            }
        }

        return result;
    }

    private static SideExplanation NotApplicable(Endpoint endpoint, TrafficDirection direction)
    {
        var what = endpoint is IngressControllerEndpoint ? "The ingress controller" : $"{endpoint.Id} is outside the cluster; it";
        var reason = $"{what} is not subject to this cluster's policies: {direction.ToString().ToLowerInvariant()} is not restricted.";
        return new SideExplanation(direction, endpoint.Id, true, Decider.NotApplicable, null, [], [], [], [], [], reason);
    }

    private SideExplanation ExplainSide(Workload subject, Endpoint peer, TrafficDirection direction, Protocol protocol, int port)
    {
        var destination = direction == TrafficDirection.Ingress ? subject : (peer as WorkloadEndpoint)?.Workload;
        var namespaceLabels = Namespaces.LabelsOf(subject.Namespace);
        var dir = direction.ToString().ToLowerInvariant();
        var connection = new ConnectionPoint(protocol, port).ToString();
        var peerWord = direction == TrafficDirection.Ingress ? $"from {peer.Id}" : $"to {peer.Id}";

        // Layer 1: admin network policies, first matching rule that covers the port decides.
        var adminSteps = new List<AdminStep>();
        RuleReference? decidingAdmin = null;
        AdminAction? adminAction = null;
        foreach (var policy in AdminPolicies)
        {
            if (adminAction is not null || !policy.Selects(subject, namespaceLabels))
            {
                continue;
            }

            foreach (var rule in policy.Rules(direction))
            {
                if (!rule.Matcher.Matches(peer, Namespaces))
                {
                    continue;
                }

                var covers = rule.Matcher.Ports.Resolve(destination).Contains(protocol, port);
                adminSteps.Add(new AdminStep(rule.Reference(direction), rule.Action, covers));
                if (covers)
                {
                    decidingAdmin = rule.Reference(direction);
                    adminAction = rule.Action;
                    break;
                }
            }
        }

        var selecting = SelectingMatchers(subject, direction).ToList();
        var allowing = new List<RuleReference>();
        var peerOnly = new List<RuleReference>();
        foreach (var policy in selecting)
        {
            foreach (var rule in policy.Rules(direction))
            {
                if (!rule.Matches(peer, Namespaces))
                {
                    continue;
                }

                (rule.Ports.Resolve(destination).Contains(protocol, port) ? allowing : peerOnly).Add(policy.Reference(direction, rule.Index));
            }
        }

        var selectingIds = selecting.Select(p => p.Policy.Id).ToList();
        if (adminAction is AdminAction.Allow or AdminAction.Deny)
        {
            var verdict = adminAction == AdminAction.Allow;
            var reason = $"{(verdict ? "Allowed" : "Denied")} {peerWord} on {connection} by {decidingAdmin!.Text}. Admin policies are evaluated before NetworkPolicies, which cannot override this.";
            return new SideExplanation(direction, subject.Id, verdict, Decider.AdminNetworkPolicy, decidingAdmin, selectingIds, allowing, peerOnly, adminSteps, [], reason);
        }

        var passNote = adminAction == AdminAction.Pass ? $" {decidingAdmin!.Text} passed the decision on to NetworkPolicies." : string.Empty;

        // Layer 2: NetworkPolicies isolate the pod and allow exactly what their rules allow.
        if (selecting.Count > 0)
        {
            var policies = string.Join(", ", selectingIds);
            if (allowing.Count > 0)
            {
                var reason = $"Allowed {peerWord} on {connection} by {allowing[0].Text}.{passNote}";
                if (allowing.Count > 1)
                {
                    reason += $" Also allowed by {allowing.Count - 1} more rule(s).";
                }

                return new SideExplanation(direction, subject.Id, true, Decider.NetworkPolicy, allowing[0], selectingIds, allowing, peerOnly, adminSteps, [], reason);
            }

            var why = peerOnly.Count > 0
                ? $" {peerOnly[0].Text} matches the peer but not {connection}."
                : $" No rule of these policies matches {peer.Id}.";
            var deny = $"Denied: {subject.Id} is isolated for {dir} by {policies}, and none of their rules allows {peerWord.Replace("from ", "traffic from ", StringComparison.Ordinal).Replace("to ", "traffic to ", StringComparison.Ordinal)} on {connection}.{why}{passNote}";
            return new SideExplanation(direction, subject.Id, false, Decider.NetworkPolicy, null, selectingIds, allowing, peerOnly, adminSteps, [], deny);
        }

        // Layer 3: the baseline admin policy, then the default.
        var baselineSteps = new List<AdminStep>();
        if (Baseline is not null && Baseline.Selects(subject, namespaceLabels))
        {
            foreach (var rule in Baseline.Rules(direction))
            {
                if (!rule.Matcher.Matches(peer, Namespaces))
                {
                    continue;
                }

                var covers = rule.Matcher.Ports.Resolve(destination).Contains(protocol, port);
                baselineSteps.Add(new AdminStep(rule.Reference(direction), rule.Action, covers));
                if (covers)
                {
                    var verdict = rule.Action == AdminAction.Allow;
                    var reason = $"{(verdict ? "Allowed" : "Denied")} {peerWord} on {connection} by {rule.Reference(direction).Text}: no NetworkPolicy selects {subject.Id} for {dir}, so the baseline decides.{passNote}";
                    return new SideExplanation(direction, subject.Id, verdict, Decider.BaselineAdminNetworkPolicy, rule.Reference(direction), selectingIds, allowing, peerOnly, adminSteps, baselineSteps, reason);
                }
            }
        }

        var open = $"Allowed: no NetworkPolicy selects {subject.Id} for {dir}, so it is not isolated and Kubernetes allows all {dir} traffic by default.{passNote}";
        return new SideExplanation(direction, subject.Id, true, Decider.Default, null, selectingIds, allowing, peerOnly, adminSteps, baselineSteps, open);
    }
}
