using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Properties;

/// <summary>Small random clusters that exercise every shape of selector, peer, port and admin rule.</summary>
internal sealed class RandomCluster(int seed)
{
    private static readonly string[] Keys = ["app", "tier", "env"];
    private static readonly string[] Values = ["a", "b", "c"];
    private static readonly string[] PortNames = ["http", "dns", "metrics"];
    private static readonly int[] Numbers = [53, 80, 443, 8080];
    private static readonly string[] Cidrs = ["10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/16", "0.0.0.0/0", "2001:db8::/32"];
    private static readonly string[] PodAddresses = ["10.1.2.3/32", "10.9.0.1/32", "192.168.4.4/32", "2001:db8::5/128"];
    private readonly Random _random = new(seed);

    public Cluster Next()
    {
        var namespaces = Enumerable.Range(0, _random.Next(2, 5)).Select(i => new Namespace($"ns{i}", Labels(2))).ToList();
        var workloads = Enumerable.Range(0, _random.Next(2, 9)).Select(i => new Workload(
            Pick(namespaces).Name, $"w{i}", "Pod", Labels(3),
            Enumerable.Range(0, _random.Next(0, 3)).Select(_ => new ContainerPort(_random.Next(3) == 0 ? null : Pick(PortNames), Pick(Numbers), PickProtocol())).Distinct().ToValueArray())
        {
            // Some pods carry their addresses (status.podIPs), which admin networks peers match.
            Addresses = _random.Next(3) == 0 ? Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Cidr.Parse(Pick(PodAddresses))).Distinct().ToValueArray() : ValueArray<Cidr>.Empty,
        }).ToList();
        var policies = Enumerable.Range(0, _random.Next(0, 7)).Select(i => Policy(Pick(namespaces).Name, $"p{i}", namespaces)).ToList();
        var admin = _random.Next(3) == 0 ? Enumerable.Range(0, _random.Next(1, 3)).Select(i => new AdminNetworkPolicy($"anp{i}", _random.Next(3), Subject(), Rules(true, true), Rules(true, false))).ToList() : [];
        var baseline = _random.Next(3) == 0 ? new BaselineAdminNetworkPolicy("default", Subject(), Rules(false, true), Rules(false, false)) : null;
        var clusterPolicies = _random.Next(3) == 0
            ? Enumerable.Range(0, _random.Next(1, 4)).Select(i => (IPolicyResource)new ClusterNetworkPolicy(
                $"cnp{i}", _random.Next(2) == 0 ? ClusterNetworkPolicyTier.Admin : ClusterNetworkPolicyTier.Baseline, _random.Next(3), Subject(), Rules(true, true), Rules(true, false))).ToList()
            : [];
        var services = new List<Service>();
        var exposures = new List<Exposure>();
        if (_random.Next(2) == 0 && workloads.Count > 0)
        {
            var target = Pick(workloads);
            var selector = new LabelSelector(LabelSet.From(target.Labels.Take(1)), ValueArray<LabelRequirement>.Empty);
            var port = _random.Next(2) == 0 ? PortReference.OfNumber(Pick(Numbers)) : PortReference.OfName(Pick(PortNames));
            services.Add(new Service(target.Namespace, "svc", selector, ValueArray.Create(new ServicePort("web", 80, Protocol.TCP, port), new ServicePort(null, 9000, PickProtocol(), PortReference.OfNumber(Pick(Numbers))))));
            exposures.Add(_random.Next(2) == 0
                ? new Exposure(ExposureKind.Ingress, target.Namespace, "ing", ValueArray.Create(new ExposureBackend("svc", _random.Next(3) == 0 ? PortReference.OfName("web") : PortReference.OfNumber(_random.Next(2) == 0 ? 80 : 9000))))
                : new Exposure(ExposureKind.Route, target.Namespace, "route", ValueArray.Create(new ExposureBackend("svc", _random.Next(3) == 0 ? null : port))));
        }

        return new Cluster(namespaces.ToValueArray(), workloads.ToValueArray(), policies.ToValueArray(), admin.ToValueArray(), baseline, services.ToValueArray(), exposures.ToValueArray())
        {
            OtherPolicies = clusterPolicies.ToValueArray(),
        };
    }

    /// <summary>
    /// A random edit of the cluster's program policies: an AdminNetworkPolicy, the BaselineAdminNetworkPolicy or a
    /// ClusterNetworkPolicy added, changed (subject, rules or priority) or deleted.
    /// </summary>
    public PolicyChange ProgramEdit(Cluster cluster)
    {
        switch (_random.Next(3))
        {
            case 0 when cluster.AdminNetworkPolicies.Count > 0 && _random.Next(3) > 0:
                var anp = Pick(cluster.AdminNetworkPolicies.Items);
                return _random.Next(3) switch
                {
                    0 => PolicyChange.Delete(anp),
                    1 => PolicyChange.Upsert(anp with { Subject = Subject() }),
                    _ => PolicyChange.Upsert(anp with { Priority = _random.Next(3), Ingress = Rules(true, true), Egress = Rules(true, false) }),
                };
            case 0:
                return PolicyChange.Upsert(new AdminNetworkPolicy($"anp{_random.Next(4)}", _random.Next(3), Subject(), Rules(true, true), Rules(true, false)));
            case 1 when cluster.BaselineAdminNetworkPolicy is { } banp && _random.Next(3) > 0:
                return _random.Next(2) == 0 ? PolicyChange.Delete(banp) : PolicyChange.Upsert(banp with { Subject = Subject(), Ingress = Rules(false, true) });
            case 1:
                return PolicyChange.Upsert(new BaselineAdminNetworkPolicy("default", Subject(), Rules(false, true), Rules(false, false)));
            default:
                var existing = cluster.ClusterNetworkPolicies.ToList();
                if (existing.Count > 0 && _random.Next(3) > 0)
                {
                    var cnp = Pick(existing);
                    return _random.Next(3) switch
                    {
                        0 => PolicyChange.Delete(cnp),
                        1 => PolicyChange.Upsert(cnp with { Subject = Subject(), Egress = Rules(true, false) }),
                        _ => PolicyChange.Upsert(cnp with { Priority = _random.Next(3), Ingress = Rules(true, true) }),
                    };
                }

                return PolicyChange.Upsert(new ClusterNetworkPolicy(
                    $"cnp{_random.Next(5)}", _random.Next(2) == 0 ? ClusterNetworkPolicyTier.Admin : ClusterNetworkPolicyTier.Baseline, _random.Next(3), Subject(), Rules(true, true), Rules(true, false)));
        }
    }

    /// <summary>A random edit of the cluster's NetworkPolicies: one added, replaced or deleted.</summary>
    public PolicyChange NetworkPolicyEdit(Cluster cluster)
    {
        if (cluster.NetworkPolicies.Count > 0 && _random.Next(3) == 0)
        {
            return PolicyChange.Delete(Pick(cluster.NetworkPolicies.Items));
        }

        var namespaces = cluster.Namespaces.ToList();
        return PolicyChange.Upsert(Policy(Pick(namespaces).Name, $"p{_random.Next(8)}", namespaces));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private Protocol PickProtocol() => _random.Next(4) switch { 0 => Protocol.UDP, 1 => Protocol.SCTP, _ => Protocol.TCP };

    private LabelSet Labels(int max) => LabelSet.From(Enumerable.Range(0, _random.Next(0, max + 1)).Select(_ => new KeyValuePair<string, string>(Pick(Keys), Pick(Values))));

    private LabelSelector Selector()
    {
        var labels = _random.Next(2) == 0 ? LabelSet.Empty : Labels(1);
        var expressions = Enumerable.Range(0, _random.Next(0, 2)).Select(_ =>
        {
            var op = (SelectorOperator)_random.Next(4);
            var values = op is SelectorOperator.In or SelectorOperator.NotIn ? Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Pick(Values)).Distinct().ToValueArray() : ValueArray<string>.Empty;
            return new LabelRequirement(Pick(Keys), op, values);
        }).ToValueArray();
        return new LabelSelector(labels, expressions);
    }

    private NetworkPolicy Policy(string ns, string name, List<Namespace> namespaces)
    {
        PolicyTypes? types = _random.Next(4) switch { 0 => null, 1 => PolicyTypes.Ingress, 2 => PolicyTypes.Egress, _ => PolicyTypes.Both };
        return new NetworkPolicy(ns, name, Selector(), types, PolicyRules(), PolicyRules());
    }

    private ValueArray<NetworkPolicyRule> PolicyRules() =>
        Enumerable.Range(0, _random.Next(0, 3)).Select(_ => new NetworkPolicyRule(
            Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Peer()).ToValueArray(),
            Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Port()).ToValueArray())).ToValueArray();

    private NetworkPolicyPeer Peer()
    {
        switch (_random.Next(4))
        {
            case 0:
                return NetworkPolicyPeer.Pods(Selector());
            case 1:
                return NetworkPolicyPeer.Namespaces(_random.Next(3) == 0 ? LabelSelector.Everything : Selector());
            case 2:
                return new NetworkPolicyPeer(_random.Next(2) == 0 ? null : Selector(), _random.Next(2) == 0 ? LabelSelector.Everything : Selector(), null);
            default:
                var cidr = Cidr.Parse(Pick(Cidrs));
                var except = cidr.Text == "10.0.0.0/8" && _random.Next(2) == 0 ? ValueArray.Create(Cidr.Parse("10.1.0.0/16")) : ValueArray<Cidr>.Empty;
                return NetworkPolicyPeer.Addresses(new IpBlock(cidr, except));
        }
    }

    private NetworkPolicyPort Port() => _random.Next(4) switch
    {
        0 => NetworkPolicyPort.AllOf(PickProtocol()),
        1 => NetworkPolicyPort.Named(PickProtocol(), Pick(PortNames)),
        2 => NetworkPolicyPort.Range(PickProtocol(), 50, 100),
        _ => NetworkPolicyPort.Of(PickProtocol(), Pick(Numbers)),
    };

    private AdminSubject Subject() => _random.Next(2) == 0 ? AdminSubject.OfNamespaces(_random.Next(2) == 0 ? LabelSelector.Everything : Selector()) : AdminSubject.OfPods(Selector(), Selector());

    private ValueArray<AdminRule> Rules(bool allowPass, bool ingress) =>
        Enumerable.Range(0, _random.Next(0, 3)).Select(i => new AdminRule($"r{i}",
            (AdminAction)_random.Next(allowPass ? 3 : 2),
            Enumerable.Range(0, _random.Next(1, 3)).Select(_ => AdminPeerOf(ingress)).ToValueArray(),
            Enumerable.Range(0, _random.Next(0, 3)).Select(_ => _random.Next(3) switch
            {
                0 => AdminPort.Named(Pick(PortNames)),
                1 => AdminPort.Range(PickProtocol(), 60, 90),
                _ => AdminPort.Number(PickProtocol(), Pick(Numbers)),
            }).ToValueArray())).ToValueArray();

    private AdminPeer AdminPeerOf(bool ingress) => _random.Next(ingress ? 2 : 3) switch
    {
        0 => AdminPeer.OfNamespaces(_random.Next(2) == 0 ? LabelSelector.Everything : Selector()),
        1 => AdminPeer.OfPods(Selector(), Selector()),
        _ => AdminPeer.OfNetworks(Cidr.Parse(Pick(Cidrs))),
    };
}
