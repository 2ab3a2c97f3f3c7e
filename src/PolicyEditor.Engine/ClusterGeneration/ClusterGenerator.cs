using System.Globalization;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.ClusterGeneration;

/// <summary>
/// Builds synthetic clusters from a <see cref="GeneratorProfile"/>, deterministically for a seed, for
/// benchmarks and tests; and the edit script that goes with each (add a rule, change a selector,
/// delete a policy, add a default deny).
/// </summary>
public static class ClusterGenerator
{
    private static readonly int[] CommonPorts = [80, 443, 8080, 8443, 5432, 6379, 3306, 9090, 9100, 27017, 5672, 11211, 2379, 8000, 3000, 5000];
    private static readonly string[] Tiers = ["web", "api", "worker", "cache", "db"];

    /// <summary>The cluster of a profile for a seed.</summary>
    public static Cluster Generate(GeneratorProfile profile, int seed = 1)
    {
        if (profile.Name == GeneratorProfile.S0.Name)
        {
            return ConformanceShape();
        }

        var random = new Random(seed);
        var namespaces = new List<Namespace>();
        var workloads = new List<Workload>();
        var policies = new List<NetworkPolicy>();
        var names = Enumerable.Range(0, profile.Namespaces).Select(NamespaceName).ToArray();
        var cidrPool = Enumerable.Range(0, 64).Select(i => Cidr.Parse($"100.{64 + (i / 16)}.{(i % 16) * 16}.0/20")).ToArray();
        var realistic = profile.SelectNothingFraction > 0;

        if (realistic)
        {
            namespaces.Add(new Namespace("kube-system"));
            foreach (var i in Enumerable.Range(1, 2))
            {
                workloads.Add(new Workload("kube-system", $"coredns-{Hash(random)}-{Hash(random, 5)}", "Pod",
                    LabelSet.Of(("k8s-app", "kube-dns"), ("pod-template-hash", Hash(random))),
                    ValueArray.Create(new ContainerPort("dns", 53, Protocol.UDP), new ContainerPort("dns-tcp", 53, Protocol.TCP), new ContainerPort("metrics", 9153, Protocol.TCP))));
            }
        }

        for (var n = 0; n < profile.Namespaces; n++)
        {
            var ns = names[n];
            namespaces.Add(new Namespace(ns, LabelSet.Of(("group", $"g{n % 10}"), ("tier", Tiers[n % Tiers.Length]))));
            for (var i = 1; i <= profile.PodsPerNamespace; i++)
            {
                workloads.Add(realistic ? AppPod(ns, i, random) : Pod(profile, ns, i, random));
            }

            for (var p = 0; p < profile.PoliciesPerNamespace; p++)
            {
                policies.Add(Policy(profile, names, n, p, cidrPool, random, realistic));
            }
        }

        var cluster = Cluster.Empty with
        {
            Namespaces = namespaces.ToValueArray(),
            Workloads = workloads.ToValueArray(),
            NetworkPolicies = policies.ToValueArray(),
        };
        cluster = profile.AdminPolicies > 0 ? AdminTierGenerator.AddAdminTiers(cluster, profile.AdminPolicies, cidrPool, random) : cluster;
        cluster = profile.CalicoPolicies > 0 ? CalicoTierGenerator.AddCalicoTiers(cluster, profile.CalicoPolicies, cidrPool, random) : cluster;
        return profile.CiliumPolicies > 0 ? CiliumPolicyGenerator.AddCiliumPolicies(cluster, profile.CiliumPolicies, cidrPool, random) : cluster;
    }

    /// <summary>The edit script of a profile: four realistic single-policy changes to <paramref name="cluster"/>.</summary>
    public static IReadOnlyList<EditStep> EditScript(Cluster cluster)
    {
        var policies = cluster.NetworkPolicies;
        var withIngress = policies.FirstOrDefault(p => p.AffectsIngress && !p.PodSelector.IsEmpty) ?? policies.FirstOrDefault();
        var steps = new List<EditStep>();
        var firstNamespace = cluster.Workloads.Count > 0 ? cluster.Workloads[^1].Namespace : "default";
        var peerNamespace = cluster.Workloads.Count > 0 ? cluster.Workloads[0].Namespace : "default";

        if (withIngress is not null)
        {
            var rule = new NetworkPolicyRule(
                ValueArray.Create(NetworkPolicyPeer.PodsInNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, peerNamespace)), LabelSelector.Everything)),
                ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 7777)));
            steps.Add(new EditStep($"add an ingress rule to {withIngress.Id} allowing namespace {peerNamespace} on TCP 7777",
                PolicyChange.Upsert(withIngress with { Ingress = withIngress.Ingress.Append(rule).ToValueArray() })));
        }

        var toNarrow = policies.Skip(policies.Count / 2).FirstOrDefault(p => !p.PodSelector.IsEmpty) ?? policies.FirstOrDefault();
        if (toNarrow is not null)
        {
            var narrowed = toNarrow with { PodSelector = LabelSelector.ForLabels(("num", "1")) };
            steps.Add(new EditStep($"change the pod selector of {toNarrow.Id} to num=1", PolicyChange.Upsert(narrowed)));
        }

        var toDelete = policies.Count > 2 ? policies[policies.Count / 3] : null;
        if (toDelete is not null)
        {
            steps.Add(new EditStep($"delete {toDelete.Id}", PolicyChange.Delete(toDelete)));
        }

        var deny = new NetworkPolicy(firstNamespace, "default-deny-all", LabelSelector.Everything, PolicyTypes.Both, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);
        steps.Add(new EditStep($"add a default deny (ingress and egress) in namespace {firstNamespace}", PolicyChange.Upsert(deny)));
        steps.AddRange(AdminTierGenerator.EditSteps(cluster));
        steps.AddRange(CalicoTierGenerator.EditSteps(cluster));
        steps.AddRange(CiliumPolicyGenerator.EditSteps(cluster));
        return steps;
    }

    private static string NamespaceName(int n) => $"ns-{n:D5}";

    private static string Hash(Random random, int length = 10)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    /// <summary>A pod of one of three apps of a team's namespace (three replicas each), with a unique hash label as controllers add.</summary>
    private static Workload AppPod(string ns, int i, Random random)
    {
        var app = $"app-{(i - 1) % 3}";
        var hash = Hash(random);
        var labels = LabelSet.Of(("app", app), ("team", ns), ("tier", Tiers[(i - 1) % 3]), ("version", "v1"), ("pod-template-hash", hash));
        var ports = ValueArray.Create(new ContainerPort("http", 8080, Protocol.TCP), new ContainerPort("metrics", 9090, Protocol.TCP));
        return new Workload(ns, $"{app}-{hash}-{Hash(random, 5)}", "Pod", labels, ports);
    }

    private static Workload Pod(GeneratorProfile profile, string ns, int i, Random random)
    {
        var labels = new List<(string, string)>();
        for (var k = 1; k <= i; k++)
        {
            labels.Add((k.ToString(CultureInfo.InvariantCulture), "true"));
        }

        labels.Add(("num", i.ToString(CultureInfo.InvariantCulture)));
        labels.Add(("app", $"app-{(i - 1) % 3}"));
        var name = $"pod-{i}";
        if (profile.UniqueHashLabels)
        {
            var hash = Hash(random);
            labels.Add(("pod-template-hash", hash));
            name = $"app-{(i - 1) % 3}-{hash}-{Hash(random, 5)}";
        }

        var ports = profile.NamedPorts
            ? ValueArray.Create(new ContainerPort("http", 8080, Protocol.TCP), new ContainerPort("metrics", 9090, Protocol.TCP), new ContainerPort("dns", 5353, Protocol.UDP))
            : ValueArray.Create(new ContainerPort(null, 80, Protocol.TCP), new ContainerPort(null, 81, Protocol.TCP));
        return new Workload(ns, name, "Pod", LabelSet.Of([.. labels]), ports);
    }

    private static NetworkPolicy Policy(GeneratorProfile profile, string[] names, int n, int p, Cidr[] cidrPool, Random random, bool realistic)
    {
        var ns = names[n];
        var pods = profile.PodsPerNamespace;
        if (realistic && p == 0)
        {
            return new NetworkPolicy(ns, "default-deny", LabelSelector.Everything, PolicyTypes.Both, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);
        }

        if (realistic && p == 1)
        {
            var dns = NetworkPolicyPeer.PodsInNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, "kube-system")), LabelSelector.ForLabels(("k8s-app", "kube-dns")));
            return new NetworkPolicy(ns, "allow-dns", LabelSelector.Everything, PolicyTypes.Egress, ValueArray<NetworkPolicyRule>.Empty,
                ValueArray.Create(new NetworkPolicyRule(ValueArray.Create(dns), ValueArray.Create(NetworkPolicyPort.Of(Protocol.UDP, 53), NetworkPolicyPort.Of(Protocol.TCP, 53)))));
        }

        LabelSelector subject;
        if (random.NextDouble() < profile.SelectNothingFraction)
        {
            subject = LabelSelector.ForLabels(("app", $"retired-{Hash(random, 6)}"));
        }
        else if (realistic)
        {
            subject = LabelSelector.ForLabels(("app", $"app-{p % 3}"));
        }
        else
        {
            var local = Enumerable.Range(0, Math.Min(profile.LocalPods, pods)).Select(j => ((p + j) % pods + 1).ToString(CultureInfo.InvariantCulture)).ToValueArray();
            subject = new LabelSelector(LabelSet.Empty, ValueArray.Create(new LabelRequirement("num", SelectorOperator.In, local)));
        }

        ValueArray<NetworkPolicyRule> Rules()
        {
            var peers = new List<NetworkPolicyPeer>();
            for (var s = 0; s < profile.PodSelectors && realistic; s++)
            {
                var app = LabelSelector.ForLabels(("app", $"app-{random.Next(3)}"));
                peers.Add(random.Next(2) == 0
                    ? NetworkPolicyPeer.Pods(app)
                    : NetworkPolicyPeer.PodsInNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, names[random.Next(names.Length)])), app));
            }

            for (var s = 0; s < profile.PodSelectors && !realistic; s++)
            {
                var peerNamespaces = Enumerable.Range(0, profile.PeerNamespaces).Select(_ => names[random.Next(names.Length)]).Distinct().Order(StringComparer.Ordinal).ToValueArray();
                var key = Math.Max(1, pods - profile.PeerPods + 1 - random.Next(2)).ToString(CultureInfo.InvariantCulture);
                peers.Add(NetworkPolicyPeer.PodsInNamespaces(
                    new LabelSelector(LabelSet.Empty, ValueArray.Create(new LabelRequirement(Namespace.NameLabel, SelectorOperator.In, peerNamespaces))),
                    LabelSelector.ForLabels((key, "true"))));
            }

            for (var c = 0; c < profile.Cidrs; c++)
            {
                var cidr = cidrPool[random.Next(cidrPool.Length)];
                var except = random.Next(3) == 0 ? ValueArray.Create(Cidr.Parse($"{AddressRange.Format(IpFamily.V4, cidr.Network + 256)}/24")) : ValueArray<Cidr>.Empty;
                peers.Add(NetworkPolicyPeer.Addresses(new IpBlock(cidr, except)));
            }

            var ports = new List<NetworkPolicyPort>();
            for (var s = 0; s < profile.SinglePorts; s++)
            {
                ports.Add(profile.NamedPorts && s == 0 && random.Next(2) == 0
                    ? NetworkPolicyPort.Named(Protocol.TCP, random.Next(2) == 0 ? "http" : "metrics")
                    : NetworkPolicyPort.Of(random.Next(5) == 0 ? Protocol.UDP : Protocol.TCP, CommonPorts[random.Next(CommonPorts.Length)]));
            }

            for (var r = 0; r < profile.PortRanges; r++)
            {
                var start = 10000 + (random.Next(50) * 100);
                ports.Add(NetworkPolicyPort.Range(Protocol.TCP, start, start + 99));
            }

            return ValueArray.Create(new NetworkPolicyRule(peers.ToValueArray(), ports.Distinct().ToValueArray()));
        }

        var types = (profile.Ingress ? PolicyTypes.Ingress : PolicyTypes.None) | (profile.Egress ? PolicyTypes.Egress : PolicyTypes.None);
        if (realistic)
        {
            // Real clusters mostly hold ingress-only policies, some egress-only, few both.
            types = (p % 5) switch { 0 => PolicyTypes.Both, 1 => PolicyTypes.Egress, _ => PolicyTypes.Ingress };
        }

        return new NetworkPolicy(ns, $"policy-{p:D2}", subject, types,
            (types & PolicyTypes.Ingress) != 0 ? Rules() : ValueArray<NetworkPolicyRule>.Empty,
            (types & PolicyTypes.Egress) != 0 ? Rules() : ValueArray<NetworkPolicyRule>.Empty);
    }

    private static Cluster ConformanceShape()
    {
        var namespaces = new[] { "x", "y", "z" }.Select(n => new Namespace(n, LabelSet.Of(("ns", n)))).ToList();
        var ports = ValueArray.Create(
            new ContainerPort("serve-80-tcp", 80, Protocol.TCP), new ContainerPort("serve-81-tcp", 81, Protocol.TCP),
            new ContainerPort("serve-80-udp", 80, Protocol.UDP), new ContainerPort("serve-81-udp", 81, Protocol.UDP),
            new ContainerPort("serve-80-sctp", 80, Protocol.SCTP), new ContainerPort("serve-81-sctp", 81, Protocol.SCTP));
        var workloads = namespaces.SelectMany(ns => new[] { "a", "b", "c" }.Select(pod => new Workload(ns.Name, pod, "Pod", LabelSet.Of(("pod", pod)), ports))).ToList();
        var policies = new List<NetworkPolicy>
        {
            new("x", "deny-all-ingress", LabelSelector.Everything, PolicyTypes.Ingress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty),
            new("x", "allow-a-from-y-b", LabelSelector.ForLabels(("pod", "a")), PolicyTypes.Ingress,
                ValueArray.Create(new NetworkPolicyRule(
                    ValueArray.Create(NetworkPolicyPeer.PodsInNamespaces(LabelSelector.ForLabels(("ns", "y")), LabelSelector.ForLabels(("pod", "b")))),
                    ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 80), NetworkPolicyPort.Named(Protocol.UDP, "serve-81-udp")))),
                ValueArray<NetworkPolicyRule>.Empty),
            new("z", "c-egress-within-namespace", LabelSelector.ForLabels(("pod", "c")), PolicyTypes.Egress, ValueArray<NetworkPolicyRule>.Empty,
                ValueArray.Create(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Pods(LabelSelector.Everything)), ValueArray.Create(NetworkPolicyPort.AllOf(Protocol.SCTP))))),
        };
        return Cluster.Empty with
        {
            Namespaces = namespaces.ToValueArray(),
            Workloads = workloads.ToValueArray(),
            NetworkPolicies = policies.ToValueArray(),
        };
    }
}
