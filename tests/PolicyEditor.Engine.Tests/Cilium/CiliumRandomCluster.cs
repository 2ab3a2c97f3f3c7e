using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.Tests.Properties;

namespace PolicyEditor.Engine.Tests.Cilium;

/// <summary>
/// Small random clusters mixing NetworkPolicies with CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies:
/// allows and denies both ways, endpoints by pod and namespace labels, CIDRs and CIDR sets with except,
/// entities, DNS names with and without the DNS rule, ports, enableDefaultDeny and the enforcement mode.
/// </summary>
internal sealed class CiliumRandomCluster(int seed)
{
    /// <summary>The DNS name the clusters' rules name.</summary>
    public const string DnsName = "api.example.com";

    private static readonly string[] Values = ["a", "b", "c"];
    private static readonly string[] Entities = ["world", "cluster", "host", "all", "remote-node"];
    private readonly Random _random = new(seed);

    public Cluster Next()
    {
        var k8s = new RandomCluster(seed).Next();
        var namespaces = k8s.Namespaces.Select(n => n.Name).ToList();
        var others = new List<IPolicyResource>();
        for (var i = 0; i < _random.Next(1, 6); i++)
        {
            others.Add(Policy($"c{i}", namespaces));
        }

        if (_random.Next(4) == 0)
        {
            others.Add(new CiliumConfig(CiliumConfig.DefaultNamespace, (CiliumEnforcementMode)_random.Next(3)));
        }

        // Admin policies are not combined with Cilium's in the reference (Cilium does not implement them).
        return k8s with { AdminNetworkPolicies = [], BaselineAdminNetworkPolicy = null, OtherPolicies = others.ToValueArray() };
    }

    /// <summary>A random edit of the cluster's Cilium policies: one added, replaced (its subject and rules drawn anew) or deleted, never the last one.</summary>
    public PolicyChange Edit(Cluster cluster)
    {
        var policies = cluster.OtherPolicies.OfType<CiliumPolicy>().ToList();
        if (policies.Count > 1 && _random.Next(3) == 0)
        {
            return PolicyChange.Delete(Pick(policies));
        }

        var name = policies.Count > 0 && _random.Next(2) == 0 ? Pick(policies).Name : $"c{_random.Next(8)}";
        return PolicyChange.Upsert(Policy(name, [.. cluster.Namespaces.Select(n => n.Name)]));
    }

    private CiliumPolicy Policy(string name, List<string> namespaces)
    {
        var clusterwide = _random.Next(3) == 0;
        var rule = new CiliumRule(Subject(clusterwide, namespaces), null,
            Items(true, false, namespaces), Items(true, true, namespaces), Items(false, false, namespaces), Items(false, true, namespaces),
            _random.Next(5) == 0 ? false : null, _random.Next(5) == 0 ? false : null, null);
        return new CiliumPolicy(clusterwide ? null : Pick(namespaces), name, rule, []);
    }

    private LabelSelector Subject(bool clusterwide, List<string> namespaces) => _random.Next(4) switch
    {
        0 => LabelSelector.Everything,
        1 when clusterwide => LabelSelector.ForLabels(("k8s:io.kubernetes.pod.namespace", Pick(namespaces))),
        _ => LabelSelector.ForLabels((Pick(["app", "k8s:tier", "env"]), Pick(Values))),
    };

    private ValueArray<CiliumPeerRule> Items(bool ingress, bool deny, List<string> namespaces)
    {
        if (_random.Next(3) != 0)
        {
            return [];
        }

        var items = new List<CiliumPeerRule>();
        for (var i = 0; i < _random.Next(1, 3); i++)
        {
            var item = _random.Next(7) switch
            {
                0 => CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(LabelSelector.ForLabels(("app", Pick(Values)))) },
                1 => CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(LabelSelector.ForLabels(("k8s:io.kubernetes.pod.namespace", Pick(namespaces)))) },
                2 => CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(LabelSelector.Everything) },
                3 => CiliumPeerRule.Empty with { Cidrs = ValueArray.Create(CiliumCidr.Plain(Pick(["8.8.8.0/24", "10.0.0.0/8"]))) },
                4 => CiliumPeerRule.Empty with { Cidrs = ValueArray.Create(new CiliumCidr(true, "0.0.0.0/0", null, null, ValueArray.Create("8.8.8.0/24"))) },
                5 when !ingress && !deny => CiliumPeerRule.Empty with { Fqdns = ValueArray.Create(new CiliumFqdn(DnsName, null)) },
                _ => CiliumPeerRule.Empty with { Entities = ValueArray.Create(Pick(Entities)) },
            };
            items.Add(item with { Ports = Ports(!ingress && !deny) });
        }

        return items.ToValueArray();
    }

    private ValueArray<CiliumPortRule> Ports(bool mayAskDns) => _random.Next(4) switch
    {
        0 => ValueArray.Create(new CiliumPortRule(ValueArray.Create(new CiliumPort("80", null, "TCP"), new CiliumPort("443", null, null)), null, [])),
        1 when mayAskDns => ValueArray.Create(new CiliumPortRule(ValueArray.Create(new CiliumPort("53", null, "ANY")),
            new CiliumField("rules", CiliumValue.Map([new CiliumField("dns", CiliumValue.List([CiliumValue.Map([new CiliumField(_random.Next(2) == 0 ? "matchPattern" : "matchName", CiliumValue.Of(_random.Next(2) == 0 ? "*" : DnsName))])]))])), [])),
        2 => ValueArray.Create(new CiliumPortRule(ValueArray.Create(new CiliumPort("0", null, "UDP"), new CiliumPort("8000", 8100, "TCP")), null, [])),
        _ => [],
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
