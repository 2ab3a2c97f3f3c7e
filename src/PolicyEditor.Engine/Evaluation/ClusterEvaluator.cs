using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// Evaluates and explains connections in one cluster. Compiles the cluster's policies once; every
/// call after that is a pure function of its arguments, safe to use from several threads.
/// </summary>
public sealed partial class ClusterEvaluator
{
    private static readonly NetworkPolicyMatcher[] NoPolicies = [];
    private readonly List<EngineDiagnostic> _diagnostics = [];
    private readonly IReadOnlyList<IPolicyDialect> _dialects;

    /// <summary>Where the program's compile finds the parts earlier compiles made (<see cref="KeptParts.Everywhere"/> but in tests).</summary>
    private readonly KeptParts _kept;

    /// <summary>How many of the diagnostics come from compiling the program (they come first).</summary>
    private readonly int _programDiagnostics;
    private Addresses.ExternalSpace? _externalSpace;
    private IReadOnlyList<(string Name, Connections.Protocol? Protocol)>? _namedPorts;

    /// <summary>How many rules name each of <see cref="NamedPorts"/> (an edit's evaluator counts from its previous one's).</summary>
    private Dictionary<(string Name, Connections.Protocol? Protocol), int>? _namedPortCounts;

    /// <summary>Compiles <paramref name="cluster"/>.</summary>
    public ClusterEvaluator(Cluster cluster)
        : this(cluster, PolicyDialects.All)
    {
    }

    /// <summary>Compiles <paramref name="cluster"/> with the given dialects (tests add their own).</summary>
    internal ClusterEvaluator(Cluster cluster, IEnumerable<IPolicyDialect> dialects)
        : this(cluster, dialects, KeptParts.Everywhere)
    {
    }

    /// <summary>Compiles <paramref name="cluster"/>, finding the parts earlier compiles made in <paramref name="kept"/> (tests give an empty one to compile everything).</summary>
    internal ClusterEvaluator(Cluster cluster, IEnumerable<IPolicyDialect> dialects, KeptParts kept)
    {
        Cluster = cluster;
        Namespaces = new NamespaceDirectory(cluster);
        var policies = cluster.NetworkPolicies.Items;
        Policies = new NetworkPolicyMatcher[policies.Length];
        for (var i = 0; i < policies.Length; i++)
        {
            Policies[i] = new NetworkPolicyMatcher(policies[i], Compilation);
        }

        PoliciesByNamespace = ByNamespace(Policies);
        _dialects = [.. dialects];
        _kept = kept;
        Program = PolicyProgram.Compile(cluster, Compilation, _diagnostics, _dialects, kept: kept);
        _programDiagnostics = _diagnostics.Count;
        Exposures = new ExposureIndex(cluster, _diagnostics);
    }

    /// <summary>
    /// An evaluator for <paramref name="cluster"/>, which differs from <paramref name="previous"/>'s cluster
    /// only in its NetworkPolicies: everything else compiled is shared, and unchanged policies keep
    /// their compiled form.
    /// </summary>
    private ClusterEvaluator(ClusterEvaluator previous, Cluster cluster, bool compileProgram)
    {
        _dialects = previous._dialects;
        _kept = previous._kept;
        Cluster = cluster;
        Namespaces = previous.Namespaces;
        Compilation = previous.Compilation;
        // An edit shares most policies with the previous cluster, in the same order: keep the compiled start and
        // end, look up or compile the part between, and regroup only the namespaces that part touches.
        var old = previous.Policies;
        var now = cluster.NetworkPolicies.Items;
        var start = 0;
        while (start < old.Length && start < now.Length && ReferenceEquals(old[start].Policy, now[start]))
        {
            start++;
        }

        var end = 0;
        while (end < old.Length - start && end < now.Length - start && ReferenceEquals(old[^(end + 1)].Policy, now[^(end + 1)]))
        {
            end++;
        }

        var compiled = new Dictionary<NetworkPolicy, NetworkPolicyMatcher>(ReferenceEqualityComparer.Instance);
        foreach (var m in old.AsSpan(start, old.Length - start - end))
        {
            compiled.TryAdd(m.Policy, m);
        }

        var policies = new NetworkPolicyMatcher[now.Length];
        old.AsSpan(0, start).CopyTo(policies);
        old.AsSpan(old.Length - end).CopyTo(policies.AsSpan(now.Length - end));
        for (var i = start; i < now.Length - end; i++)
        {
            policies[i] = compiled.TryGetValue(now[i], out var m) ? m : new NetworkPolicyMatcher(now[i], Compilation);
        }

        Policies = policies;
        PoliciesByNamespace = Regroup(previous.PoliciesByNamespace, compiled, policies, start, now.Length - end - start);
        if (compileProgram)
        {
            Program = PolicyProgram.Compile(cluster, Compilation, _diagnostics, _dialects, previous.Program, _kept);
            _programDiagnostics = _diagnostics.Count;
            _diagnostics.AddRange(previous._diagnostics.Skip(previous._programDiagnostics));
        }
        else
        {
            Program = previous.Program;
            _programDiagnostics = previous._programDiagnostics;
            _diagnostics.AddRange(previous._diagnostics);
            if (previous._namedPortCounts is { } counts)
            {
                // The program is the same: only the NetworkPolicies between the shared start and end change the count.
                _namedPortCounts = new Dictionary<(string, Connections.Protocol?), int>(counts);
                foreach (var m in old.AsSpan(start, old.Length - start - end))
                {
                    CountNamedPorts(m, -1);
                }

                foreach (var m in policies.AsSpan(start, now.Length - start - end))
                {
                    CountNamedPorts(m, 1);
                }

                var named = new List<(string Name, Connections.Protocol? Protocol)>();
                foreach (var port in previous._namedPorts!)
                {
                    if (_namedPortCounts.GetValueOrDefault(port) > 0)
                    {
                        named.Add(port);
                    }
                }

                foreach (var (port, count) in _namedPortCounts)
                {
                    if (count > 0 && !counts.ContainsKey(port))
                    {
                        named.Add(port);
                    }
                }

                _namedPorts = named;
            }
        }

        Exposures = previous.Exposures;
    }

    /// <summary>
    /// An evaluator for a cluster that differs from this one only in its NetworkPolicies, reusing what
    /// this one compiled (so that evaluating an edit costs in proportion to the edit).
    /// </summary>
    public ClusterEvaluator WithNetworkPolicies(Cluster cluster) => new(this, cluster, false);

    /// <summary>
    /// An evaluator for a cluster that differs from this one only in its policies (of any kind): unchanged
    /// NetworkPolicies keep their compiled form, the program's tiers are compiled again.
    /// </summary>
    public ClusterEvaluator WithPolicies(Cluster cluster) => new(this, cluster, true);

    /// <summary>Whether <paramref name="other"/> differs from this evaluator's cluster at most in its policies (namespaces, workloads, Services, exposure and service accounts the same).</summary>
    public bool DiffersOnlyInPolicies(Cluster other) =>
        ReferenceEquals(Cluster, other) || (Cluster.Namespaces == other.Namespaces && Cluster.Workloads == other.Workloads
            && Cluster.Services == other.Services && Cluster.Exposures == other.Exposures && Cluster.ServiceAccounts == other.ServiceAccounts);

    /// <summary>Whether <paramref name="other"/> differs from this evaluator's cluster at most in its NetworkPolicies.</summary>
    public bool DiffersOnlyInNetworkPolicies(Cluster other) =>
        ReferenceEquals(Cluster, other) || (Cluster.Namespaces == other.Namespaces && Cluster.Workloads == other.Workloads
            && Cluster.AdminNetworkPolicies == other.AdminNetworkPolicies && Equals(Cluster.BaselineAdminNetworkPolicy, other.BaselineAdminNetworkPolicy)
            && Cluster.OtherPolicies == other.OtherPolicies && Cluster.Services == other.Services && Cluster.Exposures == other.Exposures);

    /// <summary>The policies of the program's ordered tiers that apply to the workload, in program order.</summary>
    internal CompiledPolicy[] ProgramSelecting(Workload workload) => Program.Selecting(workload, Namespaces.LabelsOf(workload.Namespace));

    /// <summary>The cluster evaluated.</summary>
    public Cluster Cluster { get; }

    /// <summary>What compiling the cluster noticed (unresolvable Ingress backends, priority clashes...).</summary>
    public IReadOnlyList<EngineDiagnostic> Diagnostics => _diagnostics;

    internal NamespaceDirectory Namespaces { get; }

    internal CompilationCache Compilation { get; } = new();

    internal NetworkPolicyMatcher[] Policies { get; }

    internal Dictionary<string, NetworkPolicyMatcher[]> PoliciesByNamespace { get; }

    /// <summary>Every policy but the NetworkPolicies, compiled into the program's tiers (NetworkPolicies run in its default tier).</summary>
    internal PolicyProgram Program { get; }

    internal ExposureIndex Exposures { get; }

    /// <summary>The external address space cut into the blocks that this cluster's policies treat alike.</summary>
    public Addresses.ExternalSpace ExternalSpace => _externalSpace ??= Addresses.ExternalSpace.Cut(AddressSets());

    /// <summary>Every address set a policy names (ipBlocks, admin networks), for cutting the external space.</summary>
    public IEnumerable<Addresses.AddressSet> AddressSets() =>
        AllPeers().Where(p => p.Addresses is not null).Select(p => p.Addresses!);

    /// <summary>Every distinct compiled peer of every rule (NetworkPolicy and program), in rule order.</summary>
    internal List<PeerMatcher> AllPeers()
    {
        // Peer ids are dense: a flag per id finds the distinct ones without hashing.
        var seen = new bool[Compilation.PeerCount];
        var peers = new List<PeerMatcher>();
        void Add(RuleMatcher rule)
        {
            foreach (var peer in rule.Peers)
            {
                if (peer.Id >= seen.Length)
                {
                    Array.Resize(ref seen, Math.Max(peer.Id + 1, Compilation.PeerCount));
                }

                if (!seen[peer.Id])
                {
                    seen[peer.Id] = true;
                    peers.Add(peer);
                }
            }
        }

        ForEachRule(Add);
        return peers;
    }

    /// <summary>
    /// Calls <paramref name="action"/> with every compiled rule: the NetworkPolicies' (ingress, then egress, policy by
    /// policy), then the program's. Plain loops: the matrix asks this of tens of thousands of rules.
    /// </summary>
    private void ForEachRule(Action<RuleMatcher> action)
    {
        foreach (var policy in Policies)
        {
            foreach (var rule in policy.Ingress)
            {
                action(rule);
            }

            foreach (var rule in policy.Egress)
            {
                action(rule);
            }
        }

        foreach (var policy in Program.Policies)
        {
            foreach (var rule in policy.Ingress)
            {
                action(rule.Matcher);
            }

            foreach (var rule in policy.Egress)
            {
                action(rule.Matcher);
            }
        }
    }

    /// <summary>The named ports any rule mentions, with the protocol they require (null: any protocol), in order of first mention.</summary>
    internal IReadOnlyList<(string Name, Connections.Protocol? Protocol)> NamedPorts => _namedPorts ??= CollectNamedPorts();

    private List<(string Name, Connections.Protocol? Protocol)> CollectNamedPorts()
    {
        var named = new List<(string Name, Connections.Protocol? Protocol)>();
        _namedPortCounts = [];
        var counts = _namedPortCounts;
        void Add((string Name, Connections.Protocol? Protocol)[] ports)
        {
            foreach (var port in ports)
            {
                ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, port, out var exists);
                count++;
                if (!exists)
                {
                    named.Add(port);
                }
            }
        }

        // Names a rule takes out (Calico's named notPorts) tell destinations apart as much as names it lets in.
        ForEachRule(rule =>
        {
            Add(rule.Ports.Named);
            Add(rule.Ports.ExceptNamed);
        });
        return named;
    }

    /// <summary>Adds <paramref name="delta"/> to the count of every named port of the policy's rules.</summary>
    private void CountNamedPorts(NetworkPolicyMatcher policy, int delta)
    {
        foreach (var rules in (ReadOnlySpan<RuleMatcher[]>)[policy.Ingress, policy.Egress])
        {
            foreach (var rule in rules)
            {
                foreach (var port in rule.Ports.Named)
                {
                    _namedPortCounts![port] = _namedPortCounts.GetValueOrDefault(port) + delta;
                }

                foreach (var port in rule.Ports.ExceptNamed)
                {
                    _namedPortCounts![port] = _namedPortCounts.GetValueOrDefault(port) + delta;
                }
            }
        }
    }

    /// <summary>The connections allowed from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public ConnectionSet Evaluate(Endpoint source, Endpoint destination)
    {
        if (!IsPair(source, destination))
        {
            return ConnectionSet.None;
        }

        var egress = source switch
        {
            WorkloadEndpoint s => Decide(s.Workload, destination, TrafficDirection.Egress),
            HostEndpoint h => DecideHost(h, destination, TrafficDirection.Egress),
            _ => ConnectionSet.All,
        };
        if (destination is HostEndpoint host && !egress.IsEmpty)
        {
            return egress.Intersect(DecideHost(host, source, TrafficDirection.Ingress));
        }

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

    /// <summary>The policies of the program's ordered tiers that apply to the workload, in the order the program runs them.</summary>
    public IReadOnlyList<SelectingPolicy> TierPoliciesSelecting(Workload workload)
    {
        var defaultTier = Program.DefaultTier?.Tier.Description;
        return [.. ProgramSelecting(workload)
            .Select(p => new SelectingPolicy(p.Source.Source, p.Source.Description,
                p.Tier.Description == defaultTier ? DefaultTierName([p.Source.Source.Kind], defaultTier)! : p.Tier.Description, p.Ingress.Length > 0, p.Egress.Length > 0)
            {
                IsolatesIngress = p.Isolates(TrafficDirection.Ingress),
                IsolatesEgress = p.Isolates(TrafficDirection.Egress),
            })];
    }

    /// <summary>
    /// The program's policies compiled from the policy object <paramref name="key"/> (a dialect may compile
    /// one object into several: Calico's variants, Cilium's deny and allow parts, one per spec), each with
    /// its tier, in the order the program runs them. Empty for a NetworkPolicy, which the evaluator runs itself.
    /// </summary>
    public IReadOnlyList<(ProgramTier Tier, ProgramPolicy Policy)> ProgramPoliciesOf(PolicyKey key) =>
        [.. Program.Policies.Where(p => p.Source.Source == key).Select(p => (p.Tier, p.Source))];

    /// <summary>The ports the ingress controller may use towards the workload, before policies (none when no Ingress or Route exposes it).</summary>
    public ConnectionSet ExposedPorts(Workload workload) => Exposures.PortsOf(workload);

    /// <summary>
    /// Who decides one side of <paramref name="subject"/>'s traffic with <paramref name="peer"/> (its ingress from
    /// the peer, or its egress to it): every rule or default that decided a part of it, in the order the program
    /// walks, each with the part it decided. The NetworkPolicies' step is given as their rules that allowed it
    /// (a NetworkPolicy rule's <see cref="RuleReference.Key"/> names its policy too).
    /// </summary>
    public IReadOnlyList<SideDecision> Decisions(Workload subject, Endpoint peer, TrafficDirection direction)
    {
        var matched = new List<(NetworkPolicyMatcher Policy, RuleMatcher Rule, ConnectionSet Ports)>();
        var (isolated, allowed) = NetworkPolicyAllowed(subject, peer, direction, matched);
        var steps = new List<ProgramStep>();
        Program.Walk(subject, Namespaces.LabelsOf(subject.Namespace), peer, direction, Namespaces, isolated, allowed, steps);
        var decisions = new List<SideDecision>();
        foreach (var step in steps.Where(s => !s.Decided.IsEmpty && s.Action is RuleAction.Allow or RuleAction.Deny))
        {
            switch (step.Kind)
            {
                case StepKind.Rule:
                    decisions.Add(new SideDecision(step.Action, step.Decided, step.Rule, step.Rule!.Text));
                    break;
                case StepKind.NetworkPolicies:
                    foreach (var (policy, rule, ports) in matched)
                    {
                        var part = ports.Intersect(step.Decided);
                        if (!part.IsEmpty)
                        {
                            var reference = policy.Reference(direction, rule.Index) with { Key = ((IPolicyResource)policy.Policy).Key };
                            decisions.Add(new SideDecision(RuleAction.Allow, part, reference, reference.Text));
                        }
                    }

                    break;
                case StepKind.TierDefault:
                    decisions.Add(new SideDecision(RuleAction.Deny, step.Decided, null,
                        step.Tier == Program.DefaultTier?.Tier.Description && isolated
                            ? $"isolated by the NetworkPolicies selecting it ({string.Join(", ", SelectingMatchers(subject, direction).Select(m => m.Policy.Id))}), and no rule of theirs allows it"
                            : $"the default of {step.Tier}: a policy of the tier selects it and no rule decided"));
                    break;
                default:
                    decisions.Add(new SideDecision(RuleAction.Allow, step.Decided, null, "no policy restricts it"));
                    break;
            }
        }

        return decisions;
    }

    /// <summary>The verdict for one connection and the policies and rules that decided it.</summary>
    public Explanation Explain(Endpoint source, Endpoint destination, Protocol protocol, int port)
    {
        if (!ConnectionPoint.IsValid(protocol, port))
        {
            throw new ArgumentOutOfRangeException(nameof(port), $"{port} is not a port (1-65535) or an ICMP type and code of {protocol}.");
        }

        var egress = source switch
        {
            WorkloadEndpoint s => ExplainSide(s.Workload, destination, TrafficDirection.Egress, protocol, port),
            HostEndpoint h => ExplainHostSide(h, destination, TrafficDirection.Egress, protocol, port),
            _ => NotApplicable(source, TrafficDirection.Egress),
        };
        var ingress = destination switch
        {
            WorkloadEndpoint d => ExplainSide(d.Workload, source, TrafficDirection.Ingress, protocol, port),
            HostEndpoint h => ExplainHostSide(h, source, TrafficDirection.Ingress, protocol, port),
            _ => NotApplicable(destination, TrafficDirection.Ingress),
        };

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

    /// <summary>The policies of each namespace, in cluster order.</summary>
    private static Dictionary<string, NetworkPolicyMatcher[]> ByNamespace(NetworkPolicyMatcher[] policies)
    {
        var lists = new Dictionary<string, List<NetworkPolicyMatcher>>(StringComparer.Ordinal);
        List<NetworkPolicyMatcher>? last = null;
        foreach (var policy in policies)
        {
            // Manifests keep a namespace's policies together: most lookups are the previous namespace again.
            var ns = policy.Policy.Namespace;
            if (last is null || !ReferenceEquals(last[0].Policy.Namespace, ns) && !string.Equals(last[0].Policy.Namespace, ns, StringComparison.Ordinal))
            {
                if (!lists.TryGetValue(ns, out last))
                {
                    lists[ns] = last = [];
                }
            }

            last.Add(policy);
        }

        var result = new Dictionary<string, NetworkPolicyMatcher[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (ns, list) in lists)
        {
            result[ns] = [.. list];
        }

        return result;
    }

    /// <summary>
    /// The policies of each namespace after an edit that replaced <paramref name="removed"/> (the previous middle of the
    /// policy list) with <paramref name="middle"/>: only namespaces either part touches are regrouped, from their
    /// previous groups. A previous group is its members before the middle, in it, and after it, in that order; the
    /// new group puts the middle's members of that namespace in place of the old ones.
    /// </summary>
    private static Dictionary<string, NetworkPolicyMatcher[]> Regroup(
        Dictionary<string, NetworkPolicyMatcher[]> previous, Dictionary<NetworkPolicy, NetworkPolicyMatcher> removed, NetworkPolicyMatcher[] policies, int start, int length)
    {
        var result = new Dictionary<string, NetworkPolicyMatcher[]>(previous, StringComparer.Ordinal);
        var added = new Dictionary<string, List<NetworkPolicyMatcher>>(StringComparer.Ordinal);
        HashSet<string>? scan = null;
        foreach (var m in policies.AsSpan(start, length))
        {
            if (!added.TryGetValue(m.Policy.Namespace, out var list))
            {
                added[m.Policy.Namespace] = list = [];
            }

            list.Add(m);
        }

        var touched = new HashSet<string>(added.Keys, StringComparer.Ordinal);
        foreach (var policy in removed.Keys)
        {
            touched.Add(policy.Namespace);
        }

        foreach (var ns in touched)
        {
            var group = previous.TryGetValue(ns, out var g) ? g : [];
            var first = Array.FindIndex(group, m => removed.ContainsKey(m.Policy));
            var last = Array.FindLastIndex(group, m => removed.ContainsKey(m.Policy));
            if (first < 0)
            {
                // Only additions: they go after the members before the middle. Those are all of the group when the
                // middle ends the list or the group's last member is just before it, none when the middle starts the
                // list or the group's first member is just after it; else the group is gathered again.
                var end = start + length;
                first = group.Length == 0 || end == policies.Length || start > 0 && ReferenceEquals(group[^1], policies[start - 1]) ? group.Length
                    : start == 0 || ReferenceEquals(group[0], policies[end]) ? 0
                    : -1;
                if (first < 0)
                {
                    (scan ??= new HashSet<string>(StringComparer.Ordinal)).Add(ns);
                    continue;
                }

                last = first - 1;
            }

            var inMiddle = added.TryGetValue(ns, out var list) ? list : [];
            var regrouped = new NetworkPolicyMatcher[first + inMiddle.Count + (group.Length - last - 1)];
            group.AsSpan(0, first).CopyTo(regrouped);
            inMiddle.CopyTo(regrouped, first);
            group.AsSpan(last + 1).CopyTo(regrouped.AsSpan(first + inMiddle.Count));
            if (regrouped.Length == 0)
            {
                result.Remove(ns);
            }
            else
            {
                result[ns] = regrouped;
            }
        }

        if (scan is not null)
        {
            var lists = new Dictionary<string, List<NetworkPolicyMatcher>>(StringComparer.Ordinal);
            foreach (var m in policies)
            {
                if (scan.Contains(m.Policy.Namespace))
                {
                    if (!lists.TryGetValue(m.Policy.Namespace, out var list))
                    {
                        lists[m.Policy.Namespace] = list = [];
                    }

                    list.Add(m);
                }
            }

            foreach (var (ns, list) in lists)
            {
                result[ns] = [.. list];
            }
        }

        return result;
    }

    internal static bool IsPair(Endpoint source, Endpoint destination) =>
        destination is not IngressControllerEndpoint && (source is WorkloadEndpoint or HostEndpoint || destination is WorkloadEndpoint or HostEndpoint);

    internal NetworkPolicyMatcher[] PoliciesIn(string ns) => PoliciesByNamespace.TryGetValue(ns, out var list) ? list : NoPolicies;

    internal IEnumerable<NetworkPolicyMatcher> SelectingMatchers(Workload workload, TrafficDirection direction) =>
        PoliciesIn(workload.Namespace).Where(p => p.Affects(direction) && p.Selects(workload));

    /// <summary>The connections one side allows: the NetworkPolicies selecting the subject, then one walk over the program.</summary>
    internal ConnectionSet Decide(Workload subject, Endpoint peer, TrafficDirection direction)
    {
        var (isolated, allowed) = NetworkPolicyAllowed(subject, peer, direction);
        return Program.Walk(subject, Namespaces.LabelsOf(subject.Namespace), peer, direction, Namespaces, isolated, allowed);
    }

    /// <summary>
    /// The connections between <paramref name="workload"/> and each of <paramref name="others"/> (the endpoints the
    /// dialects name: entities, DNS names, host endpoints), from the workload in <paramref name="direction"/> egress, to it
    /// in ingress, given the program policies that select the workload (<see cref="ProgramSelecting"/>), rather than
    /// asking every policy again for each endpoint. A host endpoint's own side decides too, so its pair is evaluated whole.
    /// </summary>
    internal ConnectionSet[] EvaluateWithOthers(Workload workload, IReadOnlyList<CompiledPolicy> selecting, TrafficDirection direction, IReadOnlyList<Endpoint> others)
    {
        var endpoint = new WorkloadEndpoint(workload);
        CompiledTier[]? tiers = null;
        var result = new ConnectionSet[others.Count];
        for (var i = 0; i < others.Count; i++)
        {
            var other = others[i];
            if (other is HostEndpoint)
            {
                result[i] = direction == TrafficDirection.Egress ? Evaluate(endpoint, other) : Evaluate(other, endpoint);
                continue;
            }

            // Neither end is a host endpoint or the ingress controller, and only the workload's side is subject to policies.
            tiers ??= Program.For(selecting);
            var (isolated, allowed) = NetworkPolicyAllowed(workload, other, direction);
            result[i] = Program.WalkSelected(tiers, workload, other, direction, Namespaces, isolated, allowed);
        }

        return result;
    }

    /// <summary>
    /// What one side would allow if the NetworkPolicies selecting the subject allowed exactly
    /// <paramref name="networkPolicyAllowed"/> (isolating it when <paramref name="isolated"/>): how the
    /// program's other tiers bound what a NetworkPolicy edit can change.
    /// </summary>
    internal ConnectionSet DecideWith(Workload subject, Endpoint peer, TrafficDirection direction, bool isolated, ConnectionSet networkPolicyAllowed) =>
        Program.Walk(subject, Namespaces.LabelsOf(subject.Namespace), peer, direction, Namespaces, isolated, networkPolicyAllowed);

    /// <summary>
    /// Whether NetworkPolicies isolate the subject in a direction, and the union of what their rules allow with
    /// the peer; each rule matching the peer is added to <paramref name="matched"/> with its ports, when given.
    /// </summary>
    internal (bool Isolated, ConnectionSet Allowed) NetworkPolicyAllowed(
        Workload subject, Endpoint peer, TrafficDirection direction, List<(NetworkPolicyMatcher Policy, RuleMatcher Rule, ConnectionSet Ports)>? matched = null)
    {
        var destination = direction == TrafficDirection.Ingress ? subject : (peer as WorkloadEndpoint)?.Workload;
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
                    var ports = rule.Ports.Resolve(destination);
                    allowed = allowed.Union(ports);
                    matched?.Add((policy, rule, ports));
                }
            }
        }

        return (isolated, allowed);
    }

    private static SideExplanation NotApplicable(Endpoint endpoint, TrafficDirection direction)
    {
        var what = endpoint is IngressControllerEndpoint ? "The ingress controller" : $"{endpoint.Id} is outside the cluster; it";
        var reason = $"{what} is not subject to this cluster's policies: {direction.ToString().ToLowerInvariant()} is not restricted.";
        return new SideExplanation(direction, endpoint.Id, true, Decider.NotApplicable, null, [], [], [], [], [], reason);
    }

    private SideExplanation ExplainSide(Workload subject, Endpoint peer, TrafficDirection direction, Protocol protocol, int port)
    {
        var dir = direction.ToString().ToLowerInvariant();
        var connection = new ConnectionPoint(protocol, port).ToString();
        var peerWord = direction == TrafficDirection.Ingress ? $"from {peer.Id}" : $"to {peer.Id}";

        // The NetworkPolicies selecting the subject, rule by rule, for the explanation's lists.
        var selecting = SelectingMatchers(subject, direction).ToList();
        var matched = new List<(NetworkPolicyMatcher Policy, RuleMatcher Rule, ConnectionSet Ports)>();
        var (isolated, networkPolicyAllowed) = NetworkPolicyAllowed(subject, peer, direction, matched);
        var allowing = new List<RuleReference>();
        var peerOnly = new List<RuleReference>();
        foreach (var (policy, rule, ports) in matched)
        {
            (ports.Contains(protocol, port) ? allowing : peerOnly).Add(policy.Reference(direction, rule.Index));
        }

        // One walk over the program, traced; the step whose decided part holds the connection decided it.
        var steps = new List<ProgramStep>();
        Program.Walk(subject, Namespaces.LabelsOf(subject.Namespace), peer, direction, Namespaces, isolated, networkPolicyAllowed, steps);
        var deciding = steps.First(s => s.Action is RuleAction.Allow or RuleAction.Deny && s.Decided.Contains(protocol, port));
        var pass = steps.FirstOrDefault(s => s.Action == RuleAction.Pass && s.Decided.Contains(protocol, port));
        var passNote = pass?.Rule is { } passRule ? $" {passRule.Text} passed the decision on to the next tier." : string.Empty;
        var defaultTier = Program.DefaultTier?.Tier.Description;
        var beforeDefault = true;
        var adminSteps = new List<AdminStep>();
        var baselineSteps = new List<AdminStep>();
        foreach (var step in steps)
        {
            if (step.Tier == defaultTier)
            {
                beforeDefault = false;
            }

            if (step.Kind == StepKind.Rule && step.Tier != defaultTier && step.Action != RuleAction.Log)
            {
                (beforeDefault ? adminSteps : baselineSteps).Add(new AdminStep(step.Rule!, AdminActionOf(step.Action), step.Matched.Contains(protocol, port)));
            }
        }

        var selectingIds = selecting.Select(p => p.Policy.Id).ToList();
        var verdict = deciding.Action == RuleAction.Allow;
        var word = verdict ? "Allowed" : "Denied";
        SideExplanation Result(Decider decider, RuleReference? rule, string reason, string? tier = null) =>
            new(direction, subject.Id, verdict, decider, rule, selectingIds, allowing, peerOnly, adminSteps, baselineSteps, reason)
            {
                Steps = steps,
                Tier = deciding.Kind == StepKind.ProgramDefault ? null : tier ?? deciding.Tier,
            };

        switch (deciding.Kind)
        {
            case StepKind.Rule when deciding.Tier == ProgramTier.Admin.Description:
                return Result(Decider.AdminNetworkPolicy, deciding.Rule,
                    $"{word} {peerWord} on {connection} by {deciding.Rule!.Text}. Admin policies are evaluated before NetworkPolicies, which cannot override this.");
            case StepKind.Rule when deciding.Tier == ProgramTier.Baseline.Description:
                return Result(Decider.BaselineAdminNetworkPolicy, deciding.Rule,
                    $"{word} {peerWord} on {connection} by {deciding.Rule!.Text}: no NetworkPolicy selects {subject.Id} for {dir}, so the baseline decides.{passNote}");
            case StepKind.Rule:
            {
                var tier = deciding.Tier == defaultTier ? DefaultTierName([deciding.Rule!.PolicyKind], defaultTier) : deciding.Tier;
                return Result(Decider.Tier, deciding.Rule, $"{word} {peerWord} on {connection} by {deciding.Rule!.Text}{(deciding.Rule.Placement is null && tier == deciding.Tier ? $" ({deciding.Tier})" : string.Empty)}.{passNote}", tier);
            }

            case StepKind.NetworkPolicies:
            {
                var reason = $"Allowed {peerWord} on {connection} by {allowing[0].Text}.{passNote}";
                if (allowing.Count > 1)
                {
                    reason += $" Also allowed by {allowing.Count - 1} more rule(s).";
                }

                return Result(Decider.NetworkPolicy, allowing[0], reason);
            }

            case StepKind.TierDefault when deciding.Tier == defaultTier && selecting.Count > 0:
            {
                var why = peerOnly.Count > 0
                    ? $" {peerOnly[0].Text} matches the peer but not {connection}."
                    : $" No rule of these policies matches {peer.Id}.";
                var traffic = peerWord.Replace("from ", "traffic from ", StringComparison.Ordinal).Replace("to ", "traffic to ", StringComparison.Ordinal);
                return Result(Decider.NetworkPolicy, null,
                    $"Denied: {subject.Id} is isolated for {dir} by {string.Join(", ", selectingIds)}, and none of their rules allows {traffic} on {connection}.{why}{passNote}");
            }

            case StepKind.TierDefault:
            {
                var isolating = ProgramSelecting(subject).Where(p => p.Tier.Description == deciding.Tier && p.Isolates(direction)).Select(p => p.Source).ToList();
                var policies = string.Join(", ", isolating.Select(p => p.Description).Distinct(StringComparer.Ordinal));
                var tier = deciding.Tier == defaultTier ? DefaultTierName(isolating.Select(p => p.Source.Kind), defaultTier) : deciding.Tier;
                if (tier == CiliumPolicies)
                {
                    return Result(Decider.Tier, null,
                        $"Denied: {subject.Id} is selected for {dir} by {policies}, and no rule of theirs or of a NetworkPolicy allows {peerWord} on {connection}; Cilium denies an endpoint a policy selects what no rule allows.{passNote}", tier);
                }

                return Result(deciding.Tier == defaultTier ? Decider.NetworkPolicy : Decider.Tier, null,
                    $"Denied: {subject.Id} is selected for {dir} in the {tier} by {policies}, and no rule of that tier decides {peerWord} on {connection}, so the tier's default (deny) applies: end of {tier}: Deny.{passNote}", tier);
            }

            default:
                return Result(Decider.Default, null,
                    $"Allowed: no NetworkPolicy selects {subject.Id} for {dir}, so it is not isolated and Kubernetes allows all {dir} traffic by default.{passNote}");
        }
    }

    /// <summary>How explanations name the policies of dialects without tiers of their own (they run in the NetworkPolicies' tier).</summary>
    private const string CiliumPolicies = "Cilium policies";

    /// <summary>
    /// The program's default tier named for the kinds of policy that decided in it: it holds the NetworkPolicies,
    /// Calico's default tier and Cilium's policies (which have no tiers), so "NetworkPolicy tier" is right for the first only.
    /// </summary>
    private static string? DefaultTierName(IEnumerable<string> kinds, string? defaultTier)
    {
        var list = kinds.ToList();
        return list.Any(k => k.StartsWith("Cilium", StringComparison.Ordinal) || k == Dialects.Cilium.CiliumConfig.KindName) ? CiliumPolicies
            : list.Any(k => k != "NetworkPolicy") ? $"tier {Model.Calico.CalicoPolicy.DefaultTier}"
            : defaultTier;
    }

    private static Model.AdminAction AdminActionOf(RuleAction action) => action switch
    {
        RuleAction.Allow => Model.AdminAction.Allow,
        RuleAction.Deny => Model.AdminAction.Deny,
        _ => Model.AdminAction.Pass,
    };
}
