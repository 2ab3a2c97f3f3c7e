using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Tests.Properties;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>Small random clusters mixing NetworkPolicies with Calico tiers, Pass, Deny, Log, notNets, notPorts, ICMP, network sets, service accounts, profiles' labelsToApply, global() namespace selectors and destination Services.</summary>
internal sealed class CalicoRandomCluster(int seed)
{
    private static readonly string[] Selectors =
        ["all()", "app == 'a'", "app != 'b'", "has(tier)", "!has(env)", "tier in {'a', 'b'}", "env not in {'c'}", "app starts with 'a' || tier ends with 'c'",
         "env contains 'b' && has(app)", "projectcalico.org/namespace == 'ns1'", "projectcalico.org/serviceaccount == 'sa1'", "kind == 'partner'"];
    private static readonly string[] NamespaceSelectors = ["all()", "projectcalico.org/name == 'ns0'", "app == 'a'", "!has(tier)", "global()"];
    private static readonly string[] Nets = ["10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/16", "0.0.0.0/0", "8.8.8.0/24", "2001:db8::/32"];
    private static readonly string[] Ports = ["53", "80", "443:8080", "http", "dns", "metrics"];
    private static readonly string[] Accounts = ["default", "sa1", "sa2"];
    private readonly Random _random = new(seed);

    // Draws for what was added later (profiles' labelsToApply, global() in namespace selectors) come from their own
    // stream, so that every seed still makes the cluster it made before, plus these.
    private readonly Random _later = new(seed * 31 + 7);

    // Host endpoints, pre-DNAT flags and Felix's failsafe ports draw from a third stream, for the same reason.
    private readonly Random _hosts = new(seed * 53 + 11);

    private static readonly string[] HostAddresses = ["10.1.2.3", "192.168.1.1", "10.200.0.1"];

    private static readonly string[] GlobalNamespaceSelectors = ["global() || all()", "!(global() && all())", "all() && !global()"];

    public Cluster Next()
    {
        var k8s = new RandomCluster(seed).Next();
        var workloads = k8s.Workloads.Select(w => w with { ServiceAccount = _random.Next(3) == 0 ? null : Pick(Accounts) }).ToValueArray();
        var others = new List<IPolicyResource>();
        var tiers = new List<string> { CalicoPolicy.DefaultTier };
        for (var i = 0; i < _random.Next(0, 3); i++)
        {
            var tier = new CalicoTier($"t{i}", _random.Next(4) == 0 ? null : _random.Next(0, 3) * 100, _random.Next(3) == 0 ? TierDefault.Pass : TierDefault.Deny);
            others.Add(tier);
            tiers.Add(tier.Name);
        }

        if (_random.Next(2) == 0)
        {
            others.Add(new CalicoNetworkSet(null, "partners", LabelSet.Of(("kind", "partner")), new[] { Cidr.Parse(Pick(Nets)) }));
        }

        if (_random.Next(2) == 0)
        {
            others.Add(new CalicoNetworkSet(Pick(k8s.Namespaces).Name, "local", LabelSet.Of(("app", "a")), new[] { Cidr.Parse("10.1.0.0/16") }));
        }

        for (var i = 0; i < _random.Next(1, 6); i++)
        {
            others.Add(Policy($"p{i}", k8s.Namespaces.Items, tiers));
        }

        AddLater(others, k8s.Namespaces, k8s.Services);
        AddHosts(others);
        return k8s with
        {
            Workloads = workloads,
            AdminNetworkPolicies = ValueArray<AdminNetworkPolicy>.Empty,
            BaselineAdminNetworkPolicy = null,
            OtherPolicies = others.ToValueArray(),
            ServiceAccounts = new[] { new ServiceAccount("ns0", "sa1", LabelSet.Of(("role", "front"))) },
        };
    }

    /// <summary>A random edit of the cluster's Calico policies: one added, replaced (its tier, order, selectors and rules drawn anew) or deleted.</summary>
    public PolicyChange Edit(Cluster cluster)
    {
        var policies = cluster.OtherPolicies.OfType<CalicoPolicy>().ToList();
        if (policies.Count > 0 && _random.Next(3) == 0)
        {
            return PolicyChange.Delete(Pick(policies));
        }

        var tiers = cluster.OtherPolicies.OfType<CalicoTier>().Select(t => t.Name).Prepend(CalicoPolicy.DefaultTier).ToList();
        var name = policies.Count > 0 && _random.Next(2) == 0 ? Pick(policies).Name : $"p{_random.Next(8)}";
        return PolicyChange.Upsert(Policy(name, cluster.Namespaces.Items, tiers));
    }

    private CalicoPolicy Policy(string name, IReadOnlyList<Namespace> namespaces, List<string> tiers)
    {
        var global = _random.Next(2) == 0;
        var types = _random.Next(3) switch
        {
            0 => ValueArray<TrafficDirection>.Empty,
            1 => new[] { TrafficDirection.Ingress },
            _ => new[] { TrafficDirection.Ingress, TrafficDirection.Egress },
        };
        return new CalicoPolicy(
            global ? CalicoPolicyKind.GlobalNetworkPolicy : CalicoPolicyKind.NetworkPolicy,
            global ? null : Pick(namespaces).Name,
            name,
            Pick(tiers),
            _random.Next(4) == 0 ? null : Pick(new double[] { 100, 500, 1000, 2000 }),
            CalicoSelector.Parse(Pick(Selectors)),
            global && _random.Next(3) == 0 ? CalicoSelector.Parse(Pick(NamespaceSelectors)) : null,
            _random.Next(6) == 0 ? CalicoSelector.Parse("projectcalico.org/serviceaccount != 'sa2'") : null,
            types,
            Rules(),
            Rules());
    }

    /// <summary>
    /// Profiles as Calico writes them for Kubernetes (allow everything), labelling their endpoints with labels the
    /// selectors test; rules whose source namespace selector mixes <c>global()</c> and <c>all()</c>; rules to a Service.
    /// </summary>
    private void AddLater(List<IPolicyResource> others, ValueArray<Namespace> namespaces, ValueArray<Service> services)
    {
        CalicoRule[] allow = [CalicoRule.Of(RuleAction.Allow)];
        if (_later.Next(2) == 0)
        {
            others.Add(new CalicoProfile($"kns.{namespaces[_later.Next(namespaces.Count)].Name}", allow, allow, LabelSet.Of(("app", "a"), ("tier", "b"))));
        }

        if (_later.Next(3) == 0)
        {
            others.Add(new CalicoProfile($"ksa.{namespaces[_later.Next(namespaces.Count)].Name}.sa1", allow, allow, LabelSet.Of(("env", "c"), ("app", "b"))));
        }

        for (var i = 0; i < others.Count; i++)
        {
            if (others[i] is CalicoPolicy { Ingress.IsEmpty: false } policy && _later.Next(4) == 0)
            {
                var first = policy.Ingress[0];
                var source = first.Source with { NamespaceSelector = CalicoSelector.Parse(GlobalNamespaceSelectors[_later.Next(GlobalNamespaceSelectors.Length)]) };
                others[i] = policy with { Ingress = policy.Ingress.Items.SetItem(0, first with { Source = source }) };
            }

            // A destination Service: its endpoints, on its ports.
            if (others[i] is CalicoPolicy { Egress.IsEmpty: false } withEgress && !services.IsEmpty && _later.Next(4) == 0)
            {
                var first = withEgress.Egress[0];
                var destination = first.Destination with { Services = new CalicoServiceMatch(services[0].Name, services[0].Namespace), Ports = ValueArray<CalicoPort>.Empty, NotPorts = ValueArray<CalicoPort>.Empty };
                others[i] = withEgress with { Egress = withEgress.Egress.Items.SetItem(0, first with { Destination = destination }) };
            }
        }
    }

    /// <summary>
    /// Host endpoints with labels the selectors test, with or without an expected address and the default-allow profile;
    /// some global policies made pre-DNAT; sometimes a FelixConfiguration with other failsafe ports.
    /// </summary>
    private void AddHosts(List<IPolicyResource> others)
    {
        (string, string)[] labels = [("app", "a"), ("tier", "b"), ("env", "c"), ("kind", "partner")];
        for (var i = 0; i < _hosts.Next(0, 3); i++)
        {
            var own = LabelSet.Of([.. labels.Where(_ => _hosts.Next(2) == 0)]);
            Cidr[] ips = _hosts.Next(2) == 0 ? [Cidr.Parse(HostAddresses[_hosts.Next(HostAddresses.Length)] + "/32")] : [];
            string[] profiles = _hosts.Next(3) == 0 ? ["projectcalico-default-allow"] : [];
            others.Add(new CalicoHostEndpoint($"h{i}", $"node{i}", _hosts.Next(2) == 0 ? "*" : "eth0", ips, own, profiles)
            {
                Ports = ValueArray.Create(new ContainerPort("http", 80, Connections.Protocol.TCP)),
            });
        }

        for (var i = 0; i < others.Count; i++)
        {
            if (others[i] is CalicoPolicy { IsGlobal: true, Egress.IsEmpty: true } policy && _hosts.Next(4) == 0)
            {
                others[i] = policy with { HostOptions = ValueArray.Create("preDNAT", "applyOnForward") };
            }
        }

        if (_hosts.Next(3) == 0)
        {
            ValueArray<CalicoFailsafePort> ports = _hosts.Next(2) == 0
                ? ValueArray<CalicoFailsafePort>.Empty
                : ValueArray.Create(new CalicoFailsafePort(Connections.Protocol.TCP, 80, _hosts.Next(2) == 0 ? Cidr.Parse("10.0.0.0/8") : null));
            others.Add(new CalicoFelixConfiguration(CalicoFelixConfiguration.DefaultName, ports, _hosts.Next(2) == 0 ? ports : (ValueArray<CalicoFailsafePort>?)null));
        }
    }

    private ValueArray<CalicoRule> Rules() => Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Rule()).ToValueArray();

    private CalicoRule Rule()
    {
        var action = Pick(new[] { RuleAction.Allow, RuleAction.Allow, RuleAction.Deny, RuleAction.Pass, RuleAction.Log });
        CalicoProtocol? protocol = _random.Next(3) switch
        {
            0 => null,
            1 => CalicoProtocol.Tcp,
            _ => Pick(new[] { CalicoProtocol.Udp, new CalicoProtocol("SCTP", 132), new CalicoProtocol("ICMP", 1), new CalicoProtocol("UDPLite", 136), new CalicoProtocol("47", 47) }),
        };
        CalicoProtocol? notProtocol = protocol is null && _random.Next(4) == 0 ? Pick(new[] { CalicoProtocol.Udp, new CalicoProtocol("ICMP", 1) }) : null;
        var withPorts = protocol is { HasPorts: true };
        var icmp = protocol is { IsIcmp: true } && _random.Next(2) == 0 ? new CalicoIcmp(Pick(new[] { 0, 8 }), _random.Next(2) == 0 ? 0 : null) : null;
        var notIcmp = protocol is { IsIcmp: true } && _random.Next(3) == 0 ? new CalicoIcmp(8, null) : null;
        return new CalicoRule(action, protocol, notProtocol, icmp, notIcmp, _random.Next(8) == 0 ? 4 : null, Entity(false), Entity(withPorts), null);
    }

    private CalicoEntityRule Entity(bool ports)
    {
        if (_random.Next(3) == 0)
        {
            return ports && _random.Next(2) == 0 ? CalicoEntityRule.Any with { Ports = PortList() } : CalicoEntityRule.Any;
        }

        return new CalicoEntityRule(
            _random.Next(4) == 0 ? new[] { Cidr.Parse(Pick(Nets)) } : ValueArray<Cidr>.Empty,
            _random.Next(4) == 0 ? new[] { Cidr.Parse(Pick(Nets)) } : ValueArray<Cidr>.Empty,
            _random.Next(2) == 0 ? CalicoSelector.Parse(Pick(Selectors)) : null,
            _random.Next(5) == 0 ? CalicoSelector.Parse(Pick(Selectors)) : null,
            _random.Next(4) == 0 ? CalicoSelector.Parse(Pick(NamespaceSelectors)) : null,
            ports && _random.Next(2) == 0 ? PortList() : ValueArray<CalicoPort>.Empty,
            ports && _random.Next(3) == 0 ? PortList() : ValueArray<CalicoPort>.Empty,
            _random.Next(6) == 0 ? new CalicoServiceAccountMatch(new[] { Pick(Accounts) }, _random.Next(2) == 0 ? CalicoSelector.Parse("role == 'front'") : null) : null,
            null);
    }

    private ValueArray<CalicoPort> PortList() => Enumerable.Range(0, _random.Next(1, 3)).Select(_ =>
    {
        var text = Pick(Ports);
        return text.Contains(':') ? CalicoPort.Range(int.Parse(text.Split(':')[0]), int.Parse(text.Split(':')[1]))
            : int.TryParse(text, out var n) ? CalicoPort.Number(n) : CalicoPort.Named(text);
    }).Distinct().ToValueArray();

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
