using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, compiled into the default tier beside the
/// NetworkPolicies as Cilium's documentation describes them: an endpoint that a rule selects for a
/// direction (a rule with that section, unless <c>enableDefaultDeny</c> says otherwise) is in default
/// deny there; allows of every kind add up; a deny wins over every allow (each rule's deny sections run
/// before every allow, at order 0); the local host always reaches the endpoints of its node (Cilium's
/// <c>allow-localhost</c> default), unless a deny says otherwise.
/// </summary>
public sealed class CiliumDialect : IPolicyDialect
{
    /// <summary>The order of deny rules in the default tier: before every allow.</summary>
    public const double DenyOrder = 0;

    /// <summary>The order of the local host's allow: after the denies, before the allows.</summary>
    public const double HostOrder = 1;

    /// <summary>The order of the enforcement mode <c>never</c>'s allow: before every deny and allow of the default tier.</summary>
    public const double NeverOrder = -1;

    /// <summary>The order of the enforcement mode <c>always</c>'s isolation: after every rule of the default tier.</summary>
    public const double AlwaysOrder = double.MaxValue;

    /// <summary>Cilium's <c>allow-localhost</c>: the same policy object in every program, so that it keeps its compiled form.</summary>
    private static readonly ProgramPolicy LocalHost = new(new PolicyKey("CiliumAgent", null, "allow-localhost"), "Cilium's default for the local host",
        HostOrder, string.Empty, WorkloadSelector.Everything, false, false,
        new[]
        {
            new ProgramRule(RuleAction.Allow, new[] { CiliumPeers.Entity("host") }, ProgramPorts.Any, 1, "allow-localhost",
                "Cilium lets the local host reach the endpoints of its node (allow-localhost)"),
        },
        ValueArray<ProgramRule>.Empty);

    /// <summary>Whether a cluster uses Cilium: it has Cilium's policies, CIDR groups or configuration.</summary>
    public static bool IsUsedBy(Cluster cluster) =>
        cluster.OtherPolicies.Any(p => p is CiliumPolicy or CiliumConfig or CiliumCidrGroup);

    /// <inheritdoc />
    public void Compile(Cluster cluster, ProgramBuilder program)
    {
        var policies = cluster.OtherPolicies.OfType<CiliumPolicy>().ToList();
        var config = CiliumConfig.Find(cluster);
        if (policies.Count == 0 && config is null)
        {
            return;
        }

        program.Tier(ProgramTier.Default);
        if (config is not null)
        {
            CiliumEnforcement.Compile(config, program);
        }

        // A compile builds only the policies that no earlier compile built for the same objects (an edit's: only the policies
        // it changed). A policy's denies and allows read, besides the policy, the CIDR groups and the Services; its DNS
        // names' allows also read which endpoints may ask DNS about which names (from every policy's DNS rules), so a
        // change there compiles those again, from the rules compiled before.
        var peers = new CiliumPeers(cluster, program);
        var dnsRules = new List<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)>();
        foreach (var policy in policies)
        {
            dnsRules.AddRange(program.Reuse(policy, "dns rules", string.Empty, () => CiliumDnsProxy.RulesOf(policy, peers.Subject)));
        }

        // The list of every DNS rule is the context of every policy's DNS-name allows: the one kept from an earlier compile
        // when equal, so that each of them compares it at once. (Kept under the first policy: any key object serves, as the
        // context is the whole value.)
        ValueArray<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)> allDnsRules = dnsRules.ToValueArray();
        if (policies.Count > 0)
        {
            allDnsRules = program.Reuse(policies[0], "every DNS rule", allDnsRules, () => allDnsRules);
        }
        IReadOnlyList<(ValueArray<CiliumFqdn> Names, Func<Workload, LabelSet, bool> Asks)>? askers = null;
        object context = (peers.CidrGroups, cluster.Services);
        foreach (var policy in policies)
        {
            var allows = program.Reuse(policy, "policy", context, () => CompilePolicy(policy, peers, program));
            if (allows.Count == 0)
            {
                continue;
            }

            program.Reuse(allows, "learned", allDnsRules, () =>
            {
                // A DNS name is allowed only to the endpoints that learn its addresses through the DNS proxy.
                askers ??= new CiliumDnsProxy(allDnsRules).Askers();
                foreach (var rule in allows)
                {
                    foreach (var (asked, asks) in askers)
                    {
                        program.Add(ProgramTier.Default.Name, rule.For(asked, asks));
                    }
                }

                return true;
            });
        }

        program.Add(ProgramTier.Default.Name, LocalHost);
    }

    /// <summary>
    /// Adds the program policies of one Cilium policy: per rule, its denies and its allows (with no DNS name, which only
    /// the endpoints that learn it may reach); returns the rules' allows of DNS names, for the policies of those endpoints.
    /// </summary>
    private static List<DnsAllows> CompilePolicy(CiliumPolicy policy, CiliumPeers peers, ProgramBuilder program)
    {
        var key = ((IPolicyResource)policy).Key;
        var dnsAllows = new List<DnsAllows>();
        var count = policy.RuleCount;
        for (var index = 0; index < count; index++)
        {
            var rule = policy.RuleAt(index);
            var at = index;
            Func<string> where = () => $"{policy} {policy.RuleName(at)}";
            var description = policy.Spec is not null && policy.Specs.IsEmpty ? policy.ToString() : $"{policy} ({policy.RuleName(index)})";
            var subject = Subject(rule, policy.Namespace, where, peers, program);
            var tieBreak = $"{policy.Namespace}/{policy.Name}/{index:D4}";
            var (isolatesIngress, isolatesEgress) = (rule.IsolatesIngress, rule.IsolatesEgress);
            program.Add(ProgramTier.Default.Name, new ProgramPolicy(key, description, DenyOrder, tieBreak, subject, isolatesIngress, isolatesEgress,
                Rules(rule.IngressDeny, Section.IngressDeny, policy, peers, where),
                Rules(rule.EgressDeny, Section.EgressDeny, policy, peers, where)) { Part = index });
            var egress = Rules(rule.Egress, Section.Egress, policy, peers, where);
            var (unlearned, names) = SplitDnsNames(rule, egress);
            var allows = new ProgramPolicy(key, description, ProgramTier.NetworkPolicyOrder, tieBreak, subject, isolatesIngress, isolatesEgress,
                Rules(rule.Ingress, Section.Ingress, policy, peers, where), unlearned)
            {
                Part = index,
            };
            program.Add(ProgramTier.Default.Name, allows);
            if (!names.IsEmpty)
            {
                dnsAllows.Add(new DnsAllows(allows, names));
            }
        }

        return dnsAllows;
    }

    /// <summary>
    /// The egress allows of a rule as the rule's own policy runs them, each rule with DNS names matching no peer there; and
    /// the rules with DNS names, which apply only to the endpoints that learn the names.
    /// </summary>
    private static (ValueArray<ProgramRule> Unlearned, ValueArray<ProgramRule> Names) SplitDnsNames(CiliumRule rule, ValueArray<ProgramRule> egress)
    {
        ImmutableArray<ProgramRule>.Builder? unlearned = null;
        ImmutableArray<ProgramRule>.Builder? names = null;
        for (var i = 0; i < egress.Count; i++)
        {
            if (rule.Egress[i].Fqdns.IsEmpty)
            {
                continue;
            }

            if (unlearned is null)
            {
                unlearned = ImmutableArray.CreateBuilder<ProgramRule>(egress.Count);
                unlearned.AddRange(egress.Items);
                names = ImmutableArray.CreateBuilder<ProgramRule>();
            }

            var r = egress[i];
            unlearned[i] = r with { Peers = ImmutableArray.Create(ProgramPeer.Nothing(r.Peers[0].Description) with { Kind = r.Peers[0].Kind }) };
            names!.Add(r);
        }

        return unlearned is null ? (egress, ValueArray<ProgramRule>.Empty) : (unlearned.MoveToImmutable(), names!.ToImmutable());
    }

    /// <inheritdoc />
    public IEnumerable<Endpoint> Endpoints(Cluster cluster)
    {
        var specials = new HashSet<string>(StringComparer.Ordinal);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        void Add(ValueArray<CiliumPeerRule> peers)
        {
            foreach (var peer in peers)
            {
                foreach (var entity in peer.Entities)
                {
                    specials.UnionWith(CiliumEntities.SpecialsOf(entity));
                }

                foreach (var selector in peer.Endpoints)
                {
                    if (CiliumSelector.EntityOf(selector) is { } entity)
                    {
                        specials.UnionWith(CiliumEntities.SpecialsOf(entity));
                    }
                }

                foreach (var fqdn in peer.Fqdns)
                {
                    if (fqdn.PeerName is { Length: > 0 } name)
                    {
                        names.Add(name);
                    }
                }
            }
        }

        foreach (var resource in cluster.OtherPolicies)
        {
            if (resource is CiliumPolicy policy)
            {
                for (var i = 0; i < policy.RuleCount; i++)
                {
                    var rule = policy.RuleAt(i);
                    Add(rule.Ingress);
                    Add(rule.IngressDeny);
                    Add(rule.Egress);
                    Add(rule.EgressDeny);
                }
            }
        }

        return CiliumEntities.Specials.Where(specials.Contains).Select(s => (Endpoint)new SpecialEndpoint(s))
            .Concat(names.Select(n => new DnsEndpoint(n)));
    }

    /// <summary>
    /// The allows of DNS names of one Cilium rule (<paramref name="rules"/>, beside its other allows in
    /// <paramref name="allows"/>): they apply to the endpoints the rule selects that learn the names through the DNS
    /// proxy. The rules narrowed to the names a list of DNS rules lets endpoints ask about are made once per list, so a
    /// change of which endpoints may ask keeps the compiled peers.
    /// </summary>
    private sealed class DnsAllows(ProgramPolicy allows, ValueArray<ProgramRule> rules)
    {
        /// <summary>
        /// The DNS-name peers narrowed to the names the proxy shows, per peer (rules naming the same names share it within
        /// a compile) and list of names asked: the same narrowed peer for every rule of every policy, while the peer lives.
        /// </summary>
        private static readonly ConditionalWeakTable<ProgramPeer, ConcurrentDictionary<ValueArray<CiliumFqdn>, ProgramPeer>> LearnedPeers = new();

        /// <summary>The rules narrowed per list of names asked (usually one list), replaced whole when one is added.</summary>
        private (ValueArray<CiliumFqdn> Asked, ValueArray<ProgramRule> Rules)[] _learned = [];

        /// <summary>The policy of these allows for the endpoints that <paramref name="asks"/> lets ask about <paramref name="asked"/>.</summary>
        public ProgramPolicy For(ValueArray<CiliumFqdn> asked, Func<Workload, LabelSet, bool> asks) =>
            allows with
            {
                Subject = allows.Subject.And(allows.Subject.Description, asks),
                Ingress = [],
                Egress = Learned(asked),
            };

        private ValueArray<ProgramRule> Learned(ValueArray<CiliumFqdn> asked)
        {
            foreach (var (a, learned) in Volatile.Read(ref _learned))
            {
                if (a == asked)
                {
                    return learned;
                }
            }

            var narrowed = ImmutableArray.CreateBuilder<ProgramRule>(rules.Count);
            foreach (var rule in rules)
            {
                narrowed.Add(rule with { Peers = ImmutableArray.Create(Learned(rule.Peers[0], asked)) });
            }

            var result = (ValueArray<ProgramRule>)narrowed.MoveToImmutable();
            lock (this)
            {
                foreach (var (a, learned) in _learned)
                {
                    if (a == asked)
                    {
                        return learned;
                    }
                }

                Volatile.Write(ref _learned, [.. _learned, (asked, result)]);
            }

            return result;
        }

        /// <summary>A DNS-name peer narrowed to the names the DNS proxy shows (<paramref name="asked"/>).</summary>
        private static ProgramPeer Learned(ProgramPeer peer, ValueArray<CiliumFqdn> asked) =>
            LearnedPeers.GetValue(peer, static _ => new()).GetOrAdd(asked, static (asked, peer) =>
            {
                var names = peer.Others!;
                return peer with { Others = e => names(e) && e is DnsEndpoint d && asked.Any(a => a.Selects(d.Name, d.IsPattern)) };
            }, peer);
    }

    private static WorkloadSelector Subject(CiliumRule rule, string? ns, Func<string> where, CiliumPeers peers, ProgramBuilder program)
    {
        if (rule.EndpointSelector is null)
        {
            program.Warn(where(), "a host policy (nodeSelector) applies to nodes, which this model does not have; its rules are kept but decide nothing here.");
            return WorkloadSelector.Matching($"nodes [{rule.NodeSelector}]", static (_, _) => false);
        }

        return peers.Selector(rule.EndpointSelector, ns, isSubject: true, where).Compiled.Workloads!;
    }

    /// <summary>A section of a Cilium rule: its name, the word for its peers, and what its rules do.</summary>
    private sealed class Section
    {
        public static readonly Section Ingress = new("ingress", "from", RuleAction.Allow);
        public static readonly Section IngressDeny = new("ingressDeny", "from", RuleAction.Deny);
        public static readonly Section Egress = new("egress", "to", RuleAction.Allow);
        public static readonly Section EgressDeny = new("egressDeny", "to", RuleAction.Deny);

        /// <summary>The names of the first rules, written once.</summary>
        private readonly string[] _names = new string[8];

        private Section(string name, string word, RuleAction action)
        {
            Name = name;
            Word = word;
            Action = action;
            for (var i = 0; i < _names.Length; i++)
            {
                _names[i] = $"{name}[{i}]";
            }
        }

        public string Name { get; }

        public string Word { get; }

        public RuleAction Action { get; }

        /// <summary>The name of the rule at <paramref name="index"/> of the section, e.g. <c>egress[2]</c>.</summary>
        public string RuleName(int index) => index < _names.Length ? _names[index] : $"{Name}[{index}]";
    }

    /// <summary>An empty rule's peer: <c>{}</c> selects the endpoint for the direction and allows nothing.</summary>
    private static readonly ValueArray<ProgramPeer> NoPeer = ImmutableArray.Create(ProgramPeer.Nothing("no peer (an empty rule)"));

    private static ValueArray<ProgramRule> Rules(ValueArray<CiliumPeerRule> rules, Section section, CiliumPolicy policy, CiliumPeers peers, Func<string> where)
    {
        if (rules.IsEmpty)
        {
            return ValueArray<ProgramRule>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<ProgramRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var list = rule.HasPeers ? peers.Of(rule, policy.Namespace, where) : rule.HasPorts ? ValueArray<ProgramPeer>.Empty : NoPeer;
            result.Add(new ProgramRule(section.Action, list, peers.Ports(rule), i + 1, section.RuleName(i), () => Text(section, list, rule)) { Proxy = peers.Proxy(rule) });
        }

        return result.MoveToImmutable();
    }

    private static string Text(Section section, ValueArray<ProgramPeer> peers, CiliumPeerRule rule)
    {
        var whom = rule.HasPeers ? string.Join(" or ", peers.Select(p => p.Description)) : rule.HasPorts ? "every peer" : "no peer (an empty rule)";
        var ports = rule.HasPorts
            ? " on " + string.Join(", ", rule.Ports.SelectMany(p => p.Ports).Select(p => p.ToString()).Concat(rule.Icmps.Select(i => i.ToString())))
            : " on any port";
        var l7 = rule.Ports.Select(p => p.L7Text).OfType<string>().ToList();
        var proxy = l7.Count == 0 ? string.Empty : $"; L7 {string.Join("; ", l7)}: allowed at L4 and filtered by Cilium's proxy";
        var auth = rule.Undecided.FirstOrDefault(u => u.Key == "authentication") is { } a ? $"; requires {a} (not checked here)" : string.Empty;
        return $"{(section.Action == RuleAction.Deny ? "Deny" : "Allow")} {section.Word} {whom}{ports}{proxy}{auth}";
    }
}
