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
            dnsRules.AddRange(program.Reuse(policy, "dns rules", string.Empty, () => CiliumDnsProxy.RulesOf(policy)));
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
        var index = 0;
        foreach (var rule in policy.Rules)
        {
            var name = policy.RuleName(index);
            var where = $"{policy} {name}";
            var description = policy.Spec is not null && policy.Specs.IsEmpty ? policy.ToString() : $"{policy} ({name})";
            var subject = Subject(rule, policy.Namespace, where, program);
            var tieBreak = $"{policy.Namespace}/{policy.Name}/{index:D4}";
            var (isolatesIngress, isolatesEgress) = (rule.IsolatesIngress, rule.IsolatesEgress);
            program.Add(ProgramTier.Default.Name, new ProgramPolicy(key, description, DenyOrder, tieBreak, subject, isolatesIngress, isolatesEgress,
                Rules(rule.IngressDeny, "ingressDeny", RuleAction.Deny, policy, peers, where),
                Rules(rule.EgressDeny, "egressDeny", RuleAction.Deny, policy, peers, where)) { Part = index });
            var egress = Rules(rule.Egress, "egress", RuleAction.Allow, policy, peers, where);
            var allows = new ProgramPolicy(key, description, ProgramTier.NetworkPolicyOrder, tieBreak, subject, isolatesIngress, isolatesEgress,
                Rules(rule.Ingress, "ingress", RuleAction.Allow, policy, peers, where),
                egress.Select((r, i) => rule.Egress[i].Fqdns.IsEmpty ? r : r with { Peers = new[] { ProgramPeer.Nothing(r.Peers[0].Description) with { Kind = r.Peers[0].Kind } } }).ToValueArray())
            {
                Part = index,
            };
            program.Add(ProgramTier.Default.Name, allows);
            var names = egress.Where((_, i) => !rule.Egress[i].Fqdns.IsEmpty).ToValueArray();
            if (!names.IsEmpty)
            {
                dnsAllows.Add(new DnsAllows(allows, names));
            }

            index++;
        }

        return dnsAllows;
    }

    /// <inheritdoc />
    public IEnumerable<Endpoint> Endpoints(Cluster cluster)
    {
        var specials = new HashSet<string>(StringComparer.Ordinal);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in cluster.OtherPolicies.OfType<CiliumPolicy>().SelectMany(p => p.Rules))
        {
            foreach (var peer in rule.Ingress.Concat(rule.IngressDeny).Concat(rule.Egress).Concat(rule.EgressDeny))
            {
                var entities = peer.Entities.Concat(peer.Endpoints.Select(s => CiliumSelector.Compile(s, null, false).Entity).OfType<string>());
                specials.UnionWith(entities.SelectMany(CiliumEntities.SpecialsOf));
                names.UnionWith(peer.Fqdns.Select(f => f.PeerName).Where(n => n.Length > 0));
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
        private readonly System.Collections.Concurrent.ConcurrentDictionary<ValueArray<CiliumFqdn>, ValueArray<ProgramRule>> _learned = new();

        /// <summary>The policy of these allows for the endpoints that <paramref name="asks"/> lets ask about <paramref name="asked"/>.</summary>
        public ProgramPolicy For(ValueArray<CiliumFqdn> asked, Func<Workload, LabelSet, bool> asks) =>
            allows with
            {
                Subject = allows.Subject.And(allows.Subject.Description, asks),
                Ingress = [],
                Egress = _learned.GetOrAdd(asked, static (a, rules) => rules.Select(r => r with { Peers = new[] { Learned(r.Peers[0], a) } }).ToValueArray(), rules),
            };

        /// <summary>A DNS-name peer narrowed to the names the DNS proxy shows (<paramref name="asked"/>).</summary>
        private static ProgramPeer Learned(ProgramPeer peer, ValueArray<CiliumFqdn> asked)
        {
            var names = peer.Others!;
            return peer with { Others = e => names(e) && e is DnsEndpoint d && asked.Any(a => a.Selects(d.Name, d.IsPattern)) };
        }
    }

    private static WorkloadSelector Subject(CiliumRule rule, string? ns, string where, ProgramBuilder program)
    {
        if (rule.EndpointSelector is null)
        {
            program.Warn(where, "a host policy (nodeSelector) applies to nodes, which this model does not have; its rules are kept but decide nothing here.");
            return WorkloadSelector.Matching($"nodes [{rule.NodeSelector}]", static (_, _) => false);
        }

        return CiliumSelector.Compile(rule.EndpointSelector, ns, isSubject: true, m => program.Warn(where, m)).Workloads!;
    }

    private static ValueArray<ProgramRule> Rules(ValueArray<CiliumPeerRule> rules, string section, RuleAction action, CiliumPolicy policy, CiliumPeers peers, string where)
    {
        var result = new ProgramRule[rules.Count];
        var word = section.StartsWith("ingress", StringComparison.Ordinal) ? "from" : "to";
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var ports = CiliumPorts.Of(rule);
            List<ProgramPeer> list;
            string whom;
            if (rule.HasPeers)
            {
                list = peers.Of(rule, policy.Namespace, where);
                whom = string.Join(" or ", list.Select(p => p.Description));
            }
            else if (rule.HasPorts)
            {
                list = [];
                whom = "every peer";
            }
            else
            {
                // An empty rule ({}) selects the endpoint for the direction and allows nothing.
                list = [ProgramPeer.Nothing("no peer (an empty rule)")];
                whom = "no peer (an empty rule)";
            }

            var l7 = rule.Ports.Select(p => p.L7Text).OfType<string>().ToList();
            result[i] = new ProgramRule(action, list.ToValueArray(), ports, i + 1, $"{section}[{i}]", Text(action, word, whom, rule))
            {
                Proxy = l7.Count == 0 ? null : string.Join("; ", l7),
            };
        }

        return result;
    }

    private static string Text(RuleAction action, string word, string whom, CiliumPeerRule rule)
    {
        var ports = rule.HasPorts
            ? " on " + string.Join(", ", rule.Ports.SelectMany(p => p.Ports).Select(p => p.ToString()).Concat(rule.Icmps.Select(i => i.ToString())))
            : " on any port";
        var l7 = rule.Ports.Select(p => p.L7Text).OfType<string>().ToList();
        var proxy = l7.Count == 0 ? string.Empty : $"; L7 {string.Join("; ", l7)}: allowed at L4 and filtered by Cilium's proxy";
        var auth = rule.Undecided.FirstOrDefault(u => u.Key == "authentication") is { } a ? $"; requires {a} (not checked here)" : string.Empty;
        return $"{(action == RuleAction.Deny ? "Deny" : "Allow")} {word} {whom}{ports}{proxy}{auth}";
    }
}
