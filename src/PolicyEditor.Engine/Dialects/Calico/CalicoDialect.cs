using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// Calico (projectcalico.org/v3): tiers in their order, each ending in its default action for the
/// endpoints its policies select; NetworkPolicies and GlobalNetworkPolicies in their tier by order (no
/// order: last; ties by name), each rule an Allow, Deny, Pass or Log; policies without a tier in the
/// default tier, where Kubernetes NetworkPolicies run at order 1000; profiles after every tier (Calico's
/// default profiles allow everything, so only profiles the manifests define are compiled). Staged
/// policies are never enforced and not compiled.
/// </summary>
internal sealed class CalicoDialect : IPolicyDialect
{
    /// <summary>Subject conditions a policy's rules may add before the policy is no longer split by them (2^n variants).</summary>
    private const int MaxSubjectConditions = 6;

    // Profiles come after every tier, those without an order (run last among tiers, at double.MaxValue) included.
    private static readonly ProgramTier Profiles = new(ProfilesTierName, double.PositiveInfinity, TierDefault.Deny, "profiles");

    /// <summary>The name of the program tier that holds Calico's profiles.</summary>
    internal const string ProfilesTierName = "calico:profiles";

    /// <summary>The host endpoints the manifests define: endpoints of their own, which global policies select and rules take in.</summary>
    public IEnumerable<Endpoint> Endpoints(Cluster cluster) => CalicoEndpoints.HostsOf(cluster).Select(h => new HostEndpoint(h));

    public void Compile(Cluster cluster, ProgramBuilder program)
    {
        var policies = cluster.OtherPolicies.OfType<CalicoPolicy>().Where(p => !p.IsStaged).ToList();
        var profiles = cluster.OtherPolicies.OfType<CalicoProfile>().ToValueArray();
        if (policies.Count == 0 && profiles.IsEmpty && !cluster.OtherPolicies.OfType<CalicoHostEndpoint>().Any())
        {
            return;
        }

        // An edit compiles only the policies it changed: a policy's compile reads, besides the policy, only the inputs. The
        // compile before hands back its inputs when they are equal, so each policy's check then compares references.
        var fresh = CompileInputs.Of(cluster);
        var inputs = program.Reuse(Shared, "inputs", fresh, () => fresh);
        CalicoEntityCompiler? entities = null;
        CalicoEntityCompiler Entities() =>
            entities ??= new CalicoEntityCompiler(new CalicoEndpoints(cluster), cluster.Namespaces.ToDictionary(n => n.Name, n => n.Labels, StringComparer.Ordinal));

        var tiers = Tiers(cluster, program);
        var rules = new Dictionary<RuleKey, DialectRule>();
        foreach (var policy in policies)
        {
            if (!tiers.TryGetValue(policy.Tier, out var tier))
            {
                program.Warn(policy.Title, $"{policy.Title} names tier '{policy.Tier}', which the manifests do not define; Calico refuses a policy in a tier that does not exist, so it is not evaluated.");
                continue;
            }

            program.Tier(tier);
            foreach (var compiled in program.Reuse(policy, "policy", inputs, () => CompilePolicy(policy, Entities(), rules, program).ToList()))
            {
                program.Add(tier.Name, compiled);
            }
        }

        var profilePolicies = program.Reuse(Shared, "profiles", (inputs, profiles), () => CompileProfiles(cluster, profiles, Entities(), program));
        if (profilePolicies.Count > 0)
        {
            program.Tier(Profiles);
            foreach (var p in profilePolicies)
            {
                program.Add(Profiles.Name, p);
            }
        }
    }

    /// <summary>The key of what the dialect compiles from all its policies together, kept for the next compile.</summary>
    private static readonly object Shared = new();

    /// <summary>
    /// Everything a Calico policy's compile reads besides the policy (<see cref="CalicoEndpoints"/> and the namespaces'
    /// labels): namespaces, workloads (their addresses and profiles), Services, service accounts, and the network sets,
    /// host endpoints and profiles. An edit of policies keeps the cluster's arrays, so comparing them is cheap.
    /// </summary>
    private sealed record CompileInputs(
        ValueArray<Namespace> Namespaces, ValueArray<Workload> Workloads, ValueArray<Service> Services, ValueArray<ServiceAccount> ServiceAccounts, ValueArray<IPolicyResource> Resources)
    {
        public static CompileInputs Of(Cluster cluster) => new(cluster.Namespaces, cluster.Workloads, cluster.Services, cluster.ServiceAccounts,
            cluster.OtherPolicies.Where(p => p is CalicoNetworkSet or CalicoHostEndpoint or CalicoProfile).ToValueArray());
    }

    /// <summary>Every tier a Calico policy can name: the manifests' Tiers, the default tier and the admin tiers Calico creates.</summary>
    private static Dictionary<string, ProgramTier> Tiers(Cluster cluster, ProgramBuilder program)
    {
        var tiers = new Dictionary<string, ProgramTier>(StringComparer.Ordinal)
        {
            [CalicoPolicy.DefaultTier] = ProgramTier.Default,
            ["adminnetworkpolicy"] = ProgramTier.Admin,
            ["kube-admin"] = ProgramTier.Admin,
            ["baselineadminnetworkpolicy"] = ProgramTier.Baseline,
            ["kube-baseline"] = ProgramTier.Baseline,
        };
        foreach (var tier in cluster.OtherPolicies.OfType<CalicoTier>())
        {
            if (tiers.TryGetValue(tier.Name, out var builtIn))
            {
                if ((tier.Order is { } o && o != builtIn.Order) || tier.DefaultAction != builtIn.DefaultAction)
                {
                    program.Warn($"tier {tier.Name}", $"tier {tier.Name} is created by Calico with order {builtIn.Order} and default action {builtIn.DefaultAction}; those are kept.");
                }

                continue;
            }

            var name = tier.Name is "admin" or "baseline" ? $"calico:{tier.Name}" : tier.Name;
            tiers[tier.Name] = new ProgramTier(name, tier.Order ?? double.MaxValue, tier.DefaultAction, $"tier {tier.Name}");
        }

        return tiers;
    }

    private static IEnumerable<ProgramPolicy> CompilePolicy(CalicoPolicy policy, CalicoEntityCompiler entities, Dictionary<RuleKey, DialectRule> rules, ProgramBuilder program)
    {
        var ns = policy.IsGlobal ? null : policy.Namespace;
        var ingress = policy.AppliesToIngress ? policy.Ingress : ValueArray<CalicoRule>.Empty;
        var egress = policy.AppliesToEgress ? policy.Egress : ValueArray<CalicoRule>.Empty;
        var ingressRules = ingress.Select((r, i) => CompileRule(r, i, TrafficDirection.Ingress, ns, entities, program, policy, rules)).ToList();
        var egressRules = egress.Select((r, i) => CompileRule(r, i, TrafficDirection.Egress, ns, entities, program, policy, rules)).ToList();
        if (ingressRules.TrueForAll(r => r.SubjectKey is null) && egressRules.TrueForAll(r => r.SubjectKey is null))
        {
            // No rule narrows the policy's endpoints: one program policy.
            yield return Policy(policy, policy.Name, Subject(policy, entities.Endpoints), HostSubject(policy, entities.Endpoints), ingressRules, egressRules);
            yield break;
        }

        // A rule's own side (an ingress rule's destination, an egress rule's source) narrows which of the
        // selected endpoints it applies to: the policy is split by those conditions into disjoint variants.
        var conditions = ingressRules.Concat(egressRules).Select(r => r.SubjectKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (conditions.Count > MaxSubjectConditions)
        {
            program.Warn(policy.Title, $"{policy.Title} has {conditions.Count} different conditions on its own endpoints (destination of ingress rules, source of egress rules); only the first {MaxSubjectConditions} are evaluated, the others are taken to hold.");
            conditions = conditions.Take(MaxSubjectConditions).ToList();
        }

        var subject = Subject(policy, entities.Endpoints);
        var hostSubject = HostSubject(policy, entities.Endpoints);
        for (var mask = 0; mask < 1 << conditions.Count; mask++)
        {
            var holds = conditions.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal);
            var variant = subject;
            var hostVariant = hostSubject;
            var requirements = new List<LabelRequirement>();
            foreach (var rule in ingressRules.Concat(egressRules).Where(r => r.SubjectKey is not null).DistinctBy(r => r.SubjectKey))
            {
                if (!conditions.Contains(rule.SubjectKey!))
                {
                    continue;
                }

                var condition = rule.SubjectCondition!;
                var hostCondition = rule.SubjectHostCondition;
                var holdsHere = holds.Contains(rule.SubjectKey!);

                // A condition (or its negation) that label requirements say exactly joins the pod selector: the
                // variant's pods then come from the label index, shared with every variant of the same condition.
                if ((holdsHere ? rule.SubjectPods : CalicoIndexHint.Negation(rule.SubjectPods)) is { } exact)
                {
                    requirements.AddRange(exact.MatchExpressions);
                }
                else
                {
                    variant = holdsHere
                        ? variant.And(variant.Description, condition)
                        : variant.And(variant.Description, (w, nsl) => !condition(w, nsl));
                }

                if (hostVariant is { } before)
                {
                    hostVariant = w => before(w) && (hostCondition?.Invoke(w, LabelSet.Empty) ?? false) == holdsHere;
                }
            }

            if (requirements.Count > 0)
            {
                var pods = variant.Pods ?? LabelSelector.Everything;
                variant = variant with { Pods = new LabelSelector(pods.MatchLabels, pods.MatchExpressions.Concat(requirements).ToValueArray()) };
            }

            bool Applies(DialectRule r) => r.SubjectKey is null || !conditions.Contains(r.SubjectKey) || holds.Contains(r.SubjectKey);
            yield return Policy(policy, conditions.Count == 0 ? policy.Name : $"{policy.Name}#{mask}", variant, hostVariant, ingressRules.FindAll(Applies), egressRules.FindAll(Applies));
        }
    }

    /// <summary>One program policy of <paramref name="policy"/>: the endpoints it applies to and the rules that apply to them.</summary>
    private static ProgramPolicy Policy(CalicoPolicy policy, string tieBreak, WorkloadSelector subject, Func<Workload, bool>? hosts, List<DialectRule> ingress, List<DialectRule> egress) =>
        new(((IPolicyResource)policy).Key, policy.Title, OrderAmongNetworkPolicies(policy), tieBreak, subject, policy.AppliesToIngress, policy.AppliesToEgress,
            ingress.ConvertAll(r => r.Rule).ToValueArray(), egress.ConvertAll(r => r.Rule).ToValueArray())
        {
            ShownOrder = policy.Order,
            Placement = policy.Placement,
            Hosts = hosts,
        };

    /// <summary>
    /// The host endpoints a policy applies to: a GlobalNetworkPolicy's selector over their labels (and their profiles'
    /// labelsToApply); never a namespaced policy's, nor one with a namespaceSelector or serviceAccountSelector. Null when
    /// the manifests define no host endpoint.
    /// </summary>
    internal static Func<Workload, bool>? HostSubject(CalicoPolicy policy, CalicoEndpoints endpoints)
    {
        if (!endpoints.HasHosts || !policy.IsGlobal || policy.NamespaceSelector is not null || policy.ServiceAccountSelector is not null)
        {
            return null;
        }

        var selector = policy.Selector;
        return w => selector.Matches(endpoints.LabelsOf(w));
    }

    /// <summary>
    /// The policy's order, placed against the Kubernetes NetworkPolicies of the default tier: Calico runs
    /// those at order 1000 under the names <c>knp.default.&lt;name&gt;</c> and breaks ties of order by
    /// name, so a policy of order 1000 whose name sorts before that prefix runs before them.
    /// </summary>
    internal static double OrderAmongNetworkPolicies(CalicoPolicy policy) =>
        policy.Order == ProgramTier.NetworkPolicyOrder && policy.Tier == CalicoPolicy.DefaultTier && string.CompareOrdinal(policy.Name, KubernetesPolicyPrefix) < 0
            ? Math.BitDecrement(ProgramTier.NetworkPolicyOrder)
            : policy.EffectiveOrder;

    /// <summary>The prefix of the names Calico gives Kubernetes NetworkPolicies.</summary>
    internal const string KubernetesPolicyPrefix = "knp.default.";

    /// <summary>The endpoints a policy applies to.</summary>
    internal static WorkloadSelector Subject(CalicoPolicy policy, CalicoEndpoints endpoints)
    {
        var description = policy.IsGlobal
            ? $"endpoints [{policy.Selector}]{(policy.NamespaceSelector is null ? string.Empty : $" in namespaces [{policy.NamespaceSelector}]")}"
            : $"endpoints [{policy.Selector}] in namespace {policy.Namespace}";
        var selector = policy.Selector;
        var namespaces = policy.NamespaceSelector;
        var accounts = policy.ServiceAccountSelector;
        if (selector.IsAll && namespaces is null && accounts is null)
        {
            return policy.IsGlobal ? WorkloadSelector.Everything : WorkloadSelector.InNamespace(policy.Namespace!, LabelSelector.Everything) with { Description = description };
        }

        // Selectors on the labels Kubernetes gives are said exactly by label selectors: no further condition then.
        var exactPods = endpoints.AppliesProfileLabels ? null : CalicoIndexHint.Exactly(selector);
        var exactNamespaces = namespaces is null ? LabelSelector.Everything : CalicoIndexHint.Exactly(namespaces);
        if (exactPods is not null && exactNamespaces is not null && accounts is null)
        {
            return policy.IsGlobal
                ? new WorkloadSelector(null, exactNamespaces, exactPods, null, description)
                : new WorkloadSelector(policy.Namespace, null, exactPods, null, description);
        }

        Func<Workload, LabelSet, bool> where = (w, nsl) => selector.Matches(endpoints.LabelsOf(w))
            && (namespaces is null || namespaces.Matches(CalicoEndpoints.NamespaceLabelsOf(nsl)));
        if (accounts is not null)
        {
            var inner = where;
            where = (w, nsl) => inner(w, nsl) && accounts.Matches(endpoints.AccountLabelsOf(w));
        }

        var pods = endpoints.AppliesProfileLabels ? null : CalicoIndexHint.Of(selector);
        return policy.IsGlobal
            ? new WorkloadSelector(null, CalicoIndexHint.Of(namespaces) ?? LabelSelector.Everything, pods, where, description)
            : new WorkloadSelector(policy.Namespace, null, pods, where, description);
    }

    private static DialectRule CompileRule(CalicoRule rule, int index, TrafficDirection direction, string? ns, CalicoEntityCompiler entities, ProgramBuilder program, CalicoPolicy policy, Dictionary<RuleKey, DialectRule>? compiled = null)
    {
        if (!rule.Source.Ports.IsEmpty || !rule.Source.NotPorts.IsEmpty)
        {
            program.Warn(policy.Title, $"{direction.ToString().ToLowerInvariant()} rule {index + 1} of {policy.Title} matches source ports, which connections here do not carry; the rule is taken to match any source port.");
        }

        // Equal rules compile once: in any policy when neither side looks in the policy's namespace, else in any policy of the namespace.
        var key = new RuleKey(rule, index, direction, ReadsNamespace(rule.Source) || ReadsNamespace(rule.Destination) ? ns : null);
        if (compiled is null || !compiled.TryGetValue(key, out var result))
        {
            result = CompileRule(rule, index, direction, ns, entities);
            compiled?.Add(key, result);
        }

        return result;
    }

    /// <summary>
    /// Whether an entity depends on the namespace of the policy it is in: a selector, notSelector or serviceAccounts without
    /// namespaceSelector looks in it, services default to it, and network sets in it are the ones a selector sees.
    /// </summary>
    private static bool ReadsNamespace(CalicoEntityRule entity) => !entity.MatchesEveryEndpoint && (entity.NamespaceSelector is null || entity.Services is not null);

    private static DialectRule CompileRule(CalicoRule rule, int index, TrafficDirection direction, string? ns, CalicoEntityCompiler entities)
    {
        var (peer, own) = direction == TrafficDirection.Ingress ? (rule.Source, rule.Destination) : (rule.Destination, rule.Source);
        var text = rule.ToString();

        ValueArray<ProgramPeer> peers;
        if (rule.Http is not null && rule.Action != RuleAction.Allow)
        {
            // An HTTP match decides requests, not the connection: a Deny or Pass of some requests leaves the connection possible.
            peers = new[] { ProgramPeer.Nothing($"{peer} (HTTP requests only)") };
        }
        else if (peer.MatchesEveryEndpoint && rule.IpVersion is null)
        {
            peers = ValueArray<ProgramPeer>.Empty;
        }
        else
        {
            var match = entities.Compile(peer, ns, rule.IpVersion);
            var description = peer.ToString();
            // A namespaced policy's selector looks in its own namespace: the matrix then only asks that namespace's pods.
            var where = match.Exact ? null : match.Workloads;
            var workloads = match.Workloads is null ? null
                : match.Namespace is { } scope ? new WorkloadSelector(scope, null, match.Pods, where, description)
                : new WorkloadSelector(null, match.Namespaces ?? LabelSelector.Everything, match.Pods, where, description);
            peers = new[] { new ProgramPeer(workloads, match.Addresses.IsEmpty ? null : match.Addresses, false, description) { Others = HostPeers(match, entities.Endpoints) } };
        }

        string? subjectKey = null;
        Func<Workload, LabelSet, bool>? subjectCondition = null;
        Func<Workload, LabelSet, bool>? subjectHostCondition = null;
        LabelSelector? subjectPods = null;
        var ownConditions = own with { Ports = ValueArray<CalicoPort>.Empty, NotPorts = ValueArray<CalicoPort>.Empty };
        if (!ownConditions.MatchesEveryEndpoint || rule.IpVersion is not null)
        {
            subjectKey = $"{ownConditions}|{rule.IpVersion}";
            var ownMatch = entities.Compile(ownConditions, ns, rule.IpVersion);
            subjectCondition = ownMatch.Workloads;
            subjectHostCondition = ownMatch.Hosts;

            // Only a selector on the endpoint's own labels (a namespaced policy's own namespace holds for its endpoints anyway).
            subjectPods = ownMatch is { Exact: true, Namespaces: null, Workloads: not null } && (ownMatch.Namespace is null || ownMatch.Namespace == ns) ? ownMatch.Pods : null;
        }

        var ports = rule.Destination.Services is { } services && rule.Destination.Ports.IsEmpty ? ServicePorts(rule, entities.FindService(services, ns)) : Ports(rule);
        var compiled = new ProgramRule(rule.Action, peers, ports, index + 1, null, text);
        return new DialectRule(compiled, subjectKey, subjectCondition) { SubjectHostCondition = subjectHostCondition, SubjectPods = subjectPods };
    }

    /// <summary>Which host endpoints a rule's peer takes in (null when the manifests define none: then no peer names them).</summary>
    private static Func<Endpoint, bool>? HostPeers(CalicoEntityCompiler.EntityMatch match, CalicoEndpoints endpoints)
    {
        if (!endpoints.HasHosts)
        {
            return null;
        }

        var hosts = match.Hosts;
        return hosts is null ? static _ => false : e => e is HostEndpoint h && hosts(h.AsWorkload, LabelSet.Empty);
    }

    /// <summary>
    /// The connections a rule matches: its protocol (not its notProtocol), its ICMP type and code (not
    /// its notICMP), its destination ports (not its notPorts).
    /// </summary>
    internal static ProgramPorts Ports(CalicoRule rule)
    {
        var transport = rule.Protocol?.ToProtocol();
        var protocols = transport is { } p ? ConnectionSet.AllOf(p) : ConnectionSet.All;
        if (rule.NotProtocol is { } np)
        {
            protocols = protocols.Subtract(ConnectionSet.AllOf(np.ToProtocol()));
        }

        if (rule.Icmp is { Type: { } type } icmp && transport is { HasTypes: true } icmpProtocol)
        {
            protocols = protocols.Intersect(ConnectionSet.Of(icmpProtocol, IcmpSet.Of(type, icmp.Code)));
        }

        if (rule.NotIcmp is { Type: { } notType } notIcmp && transport is { HasTypes: true } notIcmpProtocol)
        {
            protocols = protocols.Subtract(ConnectionSet.Of(notIcmpProtocol, IcmpSet.Of(notType, notIcmp.Code)));
        }

        var fixedPorts = protocols;
        var named = new List<NamedPort>();
        var except = ConnectionSet.None;
        var exceptNamed = new List<NamedPort>();
        if (transport is { HasPorts: true } t)
        {
            if (!rule.Destination.Ports.IsEmpty)
            {
                fixedPorts = PortsOf(rule.Destination.Ports, t, named);
            }

            except = PortsOf(rule.Destination.NotPorts, t, exceptNamed);
        }

        if (named.Count == 0 && exceptNamed.Count == 0 && except.IsEmpty && fixedPorts.IsAll)
        {
            return ProgramPorts.Any;
        }

        return new ProgramPorts(fixedPorts, named.ToValueArray(), except) { ExceptNamed = exceptNamed.ToValueArray() };
    }

    /// <summary>
    /// The connections a rule with destination <c>services</c> matches: the Service's target ports (a named one
    /// as each endpoint defines it), in the rule's protocol, minus its notPorts. Calico takes the ports from the
    /// Service; a Service the manifests do not define leaves the rule's own ports (its endpoints match nothing then).
    /// </summary>
    private static ProgramPorts ServicePorts(CalicoRule rule, Service? service)
    {
        var own = Ports(rule);
        if (service is null)
        {
            return own;
        }

        var wanted = rule.Protocol?.ToProtocol();
        var fixedPorts = ConnectionSet.None;
        var named = new List<NamedPort>();
        var excluded = rule.NotProtocol?.ToProtocol();
        foreach (var port in service.Ports.Where(p => (wanted is null || wanted == p.Protocol) && excluded != p.Protocol))
        {
            if (port.TargetPort.Name is { } name)
            {
                named.Add(new NamedPort(name, port.Protocol));
            }
            else
            {
                fixedPorts = fixedPorts.Union(ConnectionSet.Of(port.Protocol, port.TargetPort.Number ?? port.Port));
            }
        }

        return new ProgramPorts(fixedPorts, named.ToValueArray(), own.Except) { ExceptNamed = own.ExceptNamed };
    }

    /// <summary>The numbered ports and ranges of a port list in one protocol; its named ports go to <paramref name="named"/>.</summary>
    private static ConnectionSet PortsOf(ValueArray<CalicoPort> ports, Protocol protocol, List<NamedPort> named)
    {
        var result = ConnectionSet.None;
        foreach (var port in ports)
        {
            if (port.IsNamed)
            {
                named.Add(new NamedPort(port.Name!, protocol));
            }
            else
            {
                result = result.Union(ConnectionSet.Of(protocol, Math.Max(1, port.Start), Math.Max(1, port.End)));
            }
        }

        return result;
    }

    /// <summary>
    /// Profiles the manifests define for Kubernetes endpoints (<c>kns.&lt;namespace&gt;</c>, then
    /// <c>ksa.&lt;namespace&gt;.&lt;service account&gt;</c>), in a last tier: what no tier decided meets them
    /// and is denied when none of their rules allows it. Without a defined kns profile, Calico's default one allows everything.
    /// </summary>
    private static List<ProgramPolicy> CompileProfiles(Cluster cluster, ValueArray<CalicoProfile> profiles, CalicoEntityCompiler entities, ProgramBuilder program)
    {
        var byName = profiles.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var compiled = new List<ProgramPolicy>();
        foreach (var ns in cluster.Namespaces)
        {
            if (!byName.TryGetValue($"kns.{ns.Name}", out var kns))
            {
                continue;
            }

            // A pod whose WorkloadEndpoint names other profiles has those instead.
            compiled.Add(ProfilePolicy(kns, 0, new WorkloadSelector(ns.Name, null, LabelSelector.Everything, static (w, _) => w.CalicoProfiles is null, $"pods [{{}}] in namespace {ns.Name}"), entities, program));
            foreach (var ksa in profiles.Where(p => p.Name.StartsWith($"ksa.{ns.Name}.", StringComparison.Ordinal)))
            {
                var account = ksa.Name[$"ksa.{ns.Name}.".Length..];
                var subject = new WorkloadSelector(ns.Name, null, null, (w, _) => w.CalicoProfiles is null && CalicoEndpoints.AccountOf(w) == account, $"pods of service account {ns.Name}/{account}");
                compiled.Add(ProfilePolicy(ksa, 1, subject, entities, program));
            }
        }

        compiled.AddRange(EndpointProfiles(cluster, byName, entities, program));
        compiled.AddRange(HostProfiles(entities.Endpoints, byName, entities, program));
        return compiled;
    }

    /// <summary>
    /// The profiles host endpoints list, each for the host endpoints that list it, in their order. Calico's
    /// <c>projectcalico-default-allow</c> allows everything unless the manifests define it; a profile the manifests do
    /// not define has no rules. A host endpoint without a profile that decides is denied (see <see cref="CalicoHostSide"/>).
    /// </summary>
    private static IEnumerable<ProgramPolicy> HostProfiles(CalicoEndpoints endpoints, Dictionary<string, CalicoProfile> byName, CalicoEntityCompiler entities, ProgramBuilder program)
    {
        var names = endpoints.Hosts.SelectMany(h => h.Profiles.Select((p, i) => (Name: p, Index: i))).GroupBy(p => p.Name, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var profile = byName.GetValueOrDefault(name.Key)
                ?? (name.Key == DefaultAllowProfile ? new CalicoProfile(DefaultAllowProfile, ValueArray.Create(AllowAll), ValueArray.Create(AllowAll), LabelSet.Empty) : null);
            if (profile is null)
            {
                continue;
            }

            var listing = endpoints.Hosts.Where(h => h.Profiles.Contains(name.Key)).Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
            var none = new WorkloadSelector(string.Empty, null, null, static (_, _) => false, $"host endpoints with profile {name.Key}");
            yield return ProfilePolicy(profile, name.Min(p => p.Index), none, entities, program) with
            {
                Hosts = w => HostEndpoint.IsHost(w) && listing.Contains(w.Name),
            };
        }
    }

    /// <summary>
    /// The profiles WorkloadEndpoints name instead of Calico's defaults, each for the pods that name it. A <c>kns.</c> or
    /// <c>ksa.</c> profile the manifests do not define is Calico's default one (allow everything); any other undefined
    /// profile has no rules, so what no policy decides for those pods is denied.
    /// </summary>
    private static IEnumerable<ProgramPolicy> EndpointProfiles(Cluster cluster, Dictionary<string, CalicoProfile> byName, CalicoEntityCompiler entities, ProgramBuilder program)
    {
        var listed = cluster.Workloads.Where(w => w.CalicoProfiles is not null).ToList();
        foreach (var name in listed.SelectMany(w => w.CalicoProfiles!.Value).Distinct(StringComparer.Ordinal))
        {
            var profile = byName.GetValueOrDefault(name)
                ?? (name.StartsWith("kns.", StringComparison.Ordinal) || name.StartsWith("ksa.", StringComparison.Ordinal)
                    ? new CalicoProfile(name, ValueArray.Create(AllowAll), ValueArray.Create(AllowAll), LabelSet.Empty)
                    : new CalicoProfile(name, ValueArray<CalicoRule>.Empty, ValueArray<CalicoRule>.Empty, LabelSet.Empty));
            var order = listed.Where(w => w.CalicoProfiles!.Value.Contains(name)).Min(w => w.CalicoProfiles!.Value.Items.IndexOf(name));
            var subject = WorkloadSelector.Matching($"pods whose WorkloadEndpoint names profile {name}", (w, _) => w.CalicoProfiles?.Contains(name) == true);
            yield return ProfilePolicy(profile, order, subject, entities, program);
        }
    }

    /// <summary>The profile Calico defines to give host endpoints allow-all semantics (auto host endpoints carry it).</summary>
    internal const string DefaultAllowProfile = "projectcalico-default-allow";

    private static readonly CalicoRule AllowAll = CalicoRule.Of(RuleAction.Allow);

    private static ProgramPolicy ProfilePolicy(CalicoProfile profile, int order, WorkloadSelector subject, CalicoEntityCompiler entities, ProgramBuilder program)
    {
        var asPolicy = new CalicoPolicy(CalicoPolicyKind.GlobalNetworkPolicy, null, profile.Name, Profiles.Name, order, CalicoSelector.All, null, null,
            ValueArray<TrafficDirection>.Empty, profile.Ingress, profile.Egress);
        return new ProgramPolicy(
            ((IPolicyResource)profile).Key, profile.ToString(), order, profile.Name, subject, true, true,
            profile.Ingress.Select((r, i) => CompileRule(r, i, TrafficDirection.Ingress, null, entities, program, asPolicy).Rule).ToValueArray(),
            profile.Egress.Select((r, i) => CompileRule(r, i, TrafficDirection.Egress, null, entities, program, asPolicy).Rule).ToValueArray());
    }

    /// <summary>A rule as it compiles: the same for every policy when neither side reads the policy's namespace (<see cref="Scope"/> null).</summary>
    private readonly record struct RuleKey(CalicoRule Rule, int Index, TrafficDirection Direction, string? Scope);

    /// <summary>A rule compiled, with the condition its own side (if any) puts on the policy's endpoints.</summary>
    private sealed record DialectRule(ProgramRule Rule, string? SubjectKey, Func<Workload, LabelSet, bool>? SubjectCondition)
    {
        /// <summary>The same condition on host endpoints (null: none satisfies it).</summary>
        public Func<Workload, LabelSet, bool>? SubjectHostCondition { get; init; }

        /// <summary>The condition on pods as label requirements that say it exactly, when they can (null: only <see cref="SubjectCondition"/> says it).</summary>
        public LabelSelector? SubjectPods { get; init; }
    }
}
