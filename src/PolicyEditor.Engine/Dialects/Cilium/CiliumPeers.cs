using System.Collections.Immutable;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// Compiles the peers of a Cilium rule into program peers: endpoint selectors, CIDRs (never pods: CIDR
/// rules apply to addresses outside the cluster), entities, services, DNS names, and what cannot be
/// decided statically (nodes by labels, cloud groups), which matches nothing and says so. One instance
/// serves one compile: the selectors, CIDRs, DNS names, port lists and L7 rules that many rules write
/// alike are compiled once (when they give no warning), and their rules share the same peers.
/// </summary>
internal sealed class CiliumPeers(Cluster cluster, ProgramBuilder program)
{
    private readonly Dictionary<string, CiliumCidrGroup> _groups = Groups(cluster);

    /// <summary>The endpoint selectors compiled so far, with their peer, per selector, subject or peer, and namespace when it matters.</summary>
    private readonly Dictionary<(LabelSelector Selector, bool IsSubject, string? Namespace), (CiliumSelector Compiled, ProgramPeer? Peer)> _selectors = [];

    /// <summary>The connections made so far of the ports of one <c>toPorts</c> item (<see cref="Ports"/>).</summary>
    private readonly Dictionary<ValueArray<CiliumPort>, ProgramPorts> _ports = [];

    private readonly Dictionary<CiliumCidr, ProgramPeer> _cidrs = [];
    private readonly Dictionary<ValueArray<CiliumFqdn>, ProgramPeer> _fqdns = [];
    private readonly Dictionary<CiliumField, string> _l7 = [];

    /// <summary>The peers of the entities the documentation defines, made once.</summary>
    private static readonly Dictionary<string, ProgramPeer> KnownEntities = CiliumEntities.All.ToDictionary(e => e, e => Entities(e) with { Kind = ProgramPeerKind.Entity }, StringComparer.Ordinal);

    /// <summary>The CIDR groups peers may reference, in the cluster's order.</summary>
    public ValueArray<CiliumCidrGroup> CidrGroups { get; } = cluster.OtherPolicies.OfType<CiliumCidrGroup>().ToValueArray();

    /// <summary>The peers of <paramref name="rule"/>, of a policy in <paramref name="policyNamespace"/> (null: cluster-wide); <paramref name="where"/> names the rule in warnings.</summary>
    public ValueArray<ProgramPeer> Of(CiliumPeerRule rule, string? policyNamespace, Func<string> where)
    {
        var count = rule.Endpoints.Count + rule.Cidrs.Count + rule.Entities.Count + rule.Services.Count + (rule.Fqdns.IsEmpty ? 0 : 1);
        foreach (var field in rule.Undecided)
        {
            count += field.IsPeer ? 1 : 0;
        }

        var peers = ImmutableArray.CreateBuilder<ProgramPeer>(count);
        foreach (var selector in rule.Endpoints)
        {
            peers.Add(Selector(selector, policyNamespace, isSubject: false, where).Peer!);
        }

        foreach (var cidr in rule.Cidrs)
        {
            peers.Add(CidrPeer(cidr, where));
        }

        foreach (var entity in rule.Entities)
        {
            peers.Add(Entity(entity));
        }

        foreach (var service in rule.Services)
        {
            peers.Add(Service(service, policyNamespace, where));
        }

        if (!rule.Fqdns.IsEmpty)
        {
            peers.Add(DnsNames(rule.Fqdns));
        }

        foreach (var field in rule.Undecided)
        {
            if (field.IsPeer)
            {
                program.Warn(where(), $"{field.Key} cannot be decided from manifests (it depends on the nodes or the cloud provider); the rule is kept but matches no peer here.");
                peers.Add(ProgramPeer.Nothing($"{field.Key} (not decided statically)"));
            }
        }

        return peers.MoveToImmutable();
    }

    /// <summary>The connections of a rule's ports (<see cref="CiliumPorts.Of"/>), made once per compile for each list of ports of one <c>toPorts</c> item.</summary>
    public ProgramPorts Ports(CiliumPeerRule rule)
    {
        if (rule.Ports.Count != 1 || !rule.Icmps.IsEmpty)
        {
            return CiliumPorts.Of(rule);
        }

        // One toPorts item and no ICMP: its ports alone make the connections.
        var ports = rule.Ports[0].Ports;
        if (!_ports.TryGetValue(ports, out var made))
        {
            made = CiliumPorts.Of(rule);
            _ports[ports] = made;
        }

        return made;
    }

    /// <summary>The endpoints a rule of a policy in <paramref name="policyNamespace"/> applies to, as <see cref="Selector"/> compiles them, without warnings.</summary>
    public WorkloadSelector Subject(LabelSelector selector, string? policyNamespace) => Selector(selector, policyNamespace, isSubject: true, null).Compiled.Workloads!;

    /// <summary>The L7 rules of a rule's ports in words; null when none.</summary>
    public string? Proxy(CiliumPeerRule rule)
    {
        string? text = null;
        foreach (var port in rule.Ports)
        {
            if (port.Rules is not { } rules)
            {
                continue;
            }

            if (!_l7.TryGetValue(rules, out var l7))
            {
                l7 = CiliumL7.Describe(rules);
                _l7[rules] = l7;
            }

            text = text is null ? l7 : $"{text}; {l7}";
        }

        return text;
    }

    /// <summary>
    /// An endpoint selector of a policy in <paramref name="policyNamespace"/> compiled (<see cref="CiliumSelector.Compile"/>),
    /// with its peer unless it is the subject. A selector that gives no warning compiles once per compile, for every policy
    /// of the namespace, or of any namespace when its meaning does not depend on it. Without <paramref name="where"/>, its
    /// warnings are not given.
    /// </summary>
    public (CiliumSelector Compiled, ProgramPeer? Peer) Selector(LabelSelector selector, string? policyNamespace, bool isSubject, Func<string>? where)
    {
        var key = (selector, isSubject, CiliumSelector.DependsOnNamespace(selector, isSubject) ? policyNamespace : null);
        if (_selectors.TryGetValue(key, out var done))
        {
            return done;
        }

        var warned = false;
        var compiled = CiliumSelector.Compile(selector, policyNamespace, isSubject, m =>
        {
            warned = true;
            if (where is not null)
            {
                program.Warn(where(), m);
            }
        });
        var result = (compiled, isSubject ? null : compiled.Entity is { } entity ? Entity(entity) : ProgramPeer.Of(compiled.Workloads!));
        if (!warned)
        {
            _selectors[key] = result;
        }

        return result;
    }

    /// <summary>The CIDR groups by name (the first of a name).</summary>
    private static Dictionary<string, CiliumCidrGroup> Groups(Cluster cluster)
    {
        var groups = new Dictionary<string, CiliumCidrGroup>(StringComparer.Ordinal);
        foreach (var policy in cluster.OtherPolicies)
        {
            if (policy is CiliumCidrGroup group)
            {
                groups.TryAdd(group.Name, group);
            }
        }

        return groups;
    }

    /// <summary>The peer an entity stands for.</summary>
    public static ProgramPeer Entity(string entity) =>
        KnownEntities.TryGetValue(entity, out var known) ? known : Entities(entity) with { Kind = ProgramPeerKind.Entity };

    /// <summary>A CIDR peer; made once per compile unless it names a CIDR group that is missing (which warns).</summary>
    private ProgramPeer CidrPeer(CiliumCidr cidr, Func<string> where)
    {
        if (_cidrs.TryGetValue(cidr, out var peer))
        {
            return peer;
        }

        peer = ProgramPeer.External(Addresses(cidr, where), cidr.ToString());
        if (cidr.GroupRef is null || _groups.ContainsKey(cidr.GroupRef))
        {
            _cidrs[cidr] = peer;
        }

        return peer;
    }

    /// <summary>The peer of a rule's DNS names, made once per compile for each list of names.</summary>
    private ProgramPeer DnsNames(ValueArray<CiliumFqdn> fqdns)
    {
        if (_fqdns.TryGetValue(fqdns, out var peer))
        {
            return peer;
        }

        var names = new string[fqdns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = fqdns[i].PeerName;
        }

        peer = ProgramPeer.Nothing($"DNS {string.Join(", ", names)}") with
        {
            Others = e => e is DnsEndpoint d && fqdns.Any(f => f.Selects(d.Name, d.IsPattern)),
            Kind = ProgramPeerKind.DnsNames,
        };
        _fqdns[fqdns] = peer;
        return peer;
    }

    private static ProgramPeer Entities(string entity) => entity switch
    {
        "all" => new ProgramPeer(WorkloadSelector.Everything, AddressSet.All, false, "entity all") { Others = static _ => true },
        "world" => World(AddressSet.All, entity),
        "world-ipv4" => World(AddressSet.Of(AddressRange.AllV4), entity),
        "world-ipv6" => new ProgramPeer(null, AddressSet.Of(AddressRange.AllV6), false, "entity world-ipv6"),
        "cluster" => new ProgramPeer(WorkloadSelector.Everything, null, false, "entity cluster") { Others = static e => e is SpecialEndpoint },
        _ => ProgramPeer.Nothing($"entity {entity}") with { Others = e => e is SpecialEndpoint s && s.Name == entity },
    };

    private static ProgramPeer World(AddressSet addresses, string entity) =>
        new ProgramPeer(null, addresses, false, $"entity {entity}") { Others = static e => e is DnsEndpoint };

    private AddressSet Addresses(CiliumCidr cidr, Func<string> where)
    {
        var set = AddressSet.Empty;
        if (cidr.Cidr is not null && Cidr.TryParse(cidr.Cidr, out var c, out _))
        {
            set = AddressSet.Of(c);
        }

        foreach (var group in Groups(cidr, where))
        {
            foreach (var text in group.ExternalCidrs)
            {
                if (Cidr.TryParse(text, out var g, out _))
                {
                    set = set.Union(AddressSet.Of(g));
                }
            }
        }

        foreach (var text in cidr.Except)
        {
            if (Cidr.TryParse(text, out var e, out _))
            {
                set = set.Subtract(AddressSet.Of(e));
            }
        }

        return set;
    }

    private IEnumerable<CiliumCidrGroup> Groups(CiliumCidr cidr, Func<string> where)
    {
        if (cidr.GroupRef is { } name)
        {
            if (_groups.TryGetValue(name, out var group))
            {
                return [group];
            }

            program.Warn(where(), $"CiliumCIDRGroup {name} is not in the manifests; the CIDR peer that references it matches nothing.");
            return [];
        }

        return cidr.GroupSelector is { } selector ? _groups.Values.Where(g => selector.Matches(g.Labels)) : [];
    }

    private ProgramPeer Service(CiliumService service, string? policyNamespace, Func<string> where)
    {
        var ns = service.Namespace ?? policyNamespace;
        var matching = cluster.Services.Where(s => (ns is null || s.Namespace == ns)
            && (service.Name is not null ? s.Name == service.Name : service.Selector is not null && service.Selector.IsEmpty)).ToList();
        if (service.Name is null && service.Selector is { IsEmpty: false })
        {
            program.Warn(where(), $"{service}: Services are selected by their labels, which this model does not keep; the peer matches nothing.");
        }
        else if (matching.Count == 0)
        {
            program.Warn(where(), $"{service} is not in the manifests; the peer matches nothing.");
        }

        var selectors = matching.Where(s => s.Selector is not null).Select(s => s.Selector!).ToList();
        if (selectors.Count == 0)
        {
            return ProgramPeer.Nothing(service.ToString());
        }

        return ProgramPeer.Of(WorkloadSelector.Matching(service.ToString(), (w, _) => matching.Any(s => s.Selector is not null && s.Namespace == w.Namespace && s.Selector.Matches(w.Labels))));
    }
}
