using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.ClusterGeneration;

/// <summary>
/// CiliumNetworkPolicies over a generated cluster, as application teams on Cilium write them: per app, ingress
/// from the apps of its namespace and of a peer namespace on its http port (some with an L7 HTTP rule); egress to
/// its namespace, to DNS names (with the DNS rule to kube-dns), to CIDR sets with except and to the
/// kube-apiserver and host entities; ingressDeny from a web-tier namespace and egressDeny to a CIDR; and a few
/// CiliumClusterwideNetworkPolicies (world denied to the database tier, monitoring open everywhere).
/// </summary>
public static class CiliumPolicyGenerator
{
    private static readonly string[] Names = ["api.stripe.com", "api.github.com", "hooks.slack.com", "*.amazonaws.com", "login.example.com"];

    /// <summary><paramref name="cluster"/> with <paramref name="count"/> Cilium policies added, deterministically for the random source.</summary>
    public static Cluster AddCiliumPolicies(Cluster cluster, int count, IReadOnlyList<Cidr> cidrs, Random random)
    {
        var namespaces = cluster.Workloads.Select(w => w.Namespace).Where(n => n != "kube-system").Distinct(StringComparer.Ordinal).ToList();
        var others = cluster.OtherPolicies.Items.ToList();
        var dns = CiliumSynthesizer.DnsVisibility(cluster, []);
        for (var i = 0; i < count - 2; i++)
        {
            var ns = namespaces[i % namespaces.Count];
            var peerNs = namespaces[random.Next(namespaces.Count)];
            var app = $"app-{random.Next(3)}";
            var http = ValueArray.Create(new CiliumPort("8080", null, "TCP"));
            var l7 = random.Next(3) == 0
                ? new CiliumField("rules", CiliumValue.Map([new CiliumField("http", CiliumValue.List([CiliumValue.Map([new CiliumField("method", CiliumValue.Of("GET")), new CiliumField("path", CiliumValue.Of("/api/.*"))])]))]))
                : null;
            var fromPeers = ValueArray.Create(LabelSelector.ForLabels(("app", $"app-{random.Next(3)}")),
                LabelSelector.ForLabels((CiliumSynthesizer.NamespaceLabel, peerNs), ("app", $"app-{random.Next(3)}")));
            var ingress = ValueArray.Create(CiliumPeerRule.Empty with { Endpoints = fromPeers, Ports = ValueArray.Create(new CiliumPortRule(http, l7, [])) });
            var egress = new List<CiliumPeerRule>
            {
                CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(LabelSelector.Everything) },
                dns,
                CiliumPeerRule.Empty with { Fqdns = ValueArray.Create(Fqdn(Names[random.Next(Names.Length)]), Fqdn(Names[random.Next(Names.Length)])), Ports = Https() },
                CiliumPeerRule.Empty with { Cidrs = ValueArray.Create(new CiliumCidr(true, cidrs[random.Next(cidrs.Count)].ToString(), null, null, [])), Ports = Https() },
                CiliumPeerRule.Empty with { Entities = ValueArray.Create(random.Next(2) == 0 ? "kube-apiserver" : "host") },
            };
            var ingressDeny = random.Next(4) == 0
                ? ValueArray.Create(CiliumPeerRule.Empty with { Endpoints = ValueArray.Create(LabelSelector.ForLabels((CiliumSynthesizer.NamespaceLabel, namespaces[random.Next(namespaces.Count)]))) })
                : [];
            var egressDeny = random.Next(4) == 0
                ? ValueArray.Create(CiliumPeerRule.Empty with { Cidrs = ValueArray.Create(CiliumCidr.Plain(cidrs[random.Next(cidrs.Count)].ToString())) })
                : [];
            var rule = new CiliumRule(LabelSelector.ForLabels(("app", app)), null, ingress, ingressDeny, egress.ToValueArray(), egressDeny, null, null, null);
            others.Add(new CiliumPolicy(ns, $"cnp-{i:D4}-{app}", rule, []));
        }

        var dbTier = new CiliumRule(LabelSelector.ForLabels(("io.cilium.k8s.namespace.labels.tier", "db")), null, [], [], [],
            ValueArray.Create(CiliumPeerRule.Empty with { Entities = ValueArray.Create("world") }), null, false, null);
        var monitoring = new CiliumRule(LabelSelector.Everything, null,
            ValueArray.Create(CiliumPeerRule.Empty with { Entities = ValueArray.Create("host", "remote-node"), Ports = ValueArray.Create(new CiliumPortRule(ValueArray.Create(new CiliumPort("9090", null, "TCP")), null, [])) }),
            [], [], [], false, null, null);
        others.Add(new CiliumPolicy(null, "db-tier-no-world", dbTier, []));
        others.Add(new CiliumPolicy(null, "metrics-from-nodes", monitoring, []));
        return cluster with { OtherPolicies = others.ToValueArray() };
    }

    /// <summary>Edits of the Cilium policies, when the cluster has them: a rule's port changed, a deny added, a policy deleted.</summary>
    public static IEnumerable<EditStep> EditSteps(Cluster cluster)
    {
        var policies = cluster.OtherPolicies.OfType<CiliumPolicy>().Where(p => !p.IsClusterwide).ToList();
        if (policies.Count == 0)
        {
            yield break;
        }

        var first = policies[policies.Count / 4];
        var rule = first.Spec!;
        var wider = rule with { Ingress = rule.Ingress.Select(r => r with { Ports = ValueArray.Create(new CiliumPortRule(ValueArray.Create(new CiliumPort("8000", 8100, "TCP")), null, [])) }).ToValueArray() };
        yield return new EditStep($"widen the ingress ports of CiliumNetworkPolicy {first.Namespace}/{first.Name} to 8000-8100", PolicyChange.Upsert(first with { Spec = wider }));

        var second = policies[policies.Count / 2];
        var denied = second.Spec! with { IngressDeny = ValueArray.Create(CiliumPeerRule.Empty with { Entities = ValueArray.Create("world") }) };
        yield return new EditStep($"add an ingressDeny from world to CiliumNetworkPolicy {second.Namespace}/{second.Name}", PolicyChange.Upsert(second with { Spec = denied }));

        var third = policies[(policies.Count * 3) / 4];
        yield return new EditStep($"delete CiliumNetworkPolicy {third.Namespace}/{third.Name}", PolicyChange.Delete(third));
    }

    private static CiliumFqdn Fqdn(string name) => name.Contains('*', StringComparison.Ordinal) ? new CiliumFqdn(null, name) : new CiliumFqdn(name, null);

    private static ValueArray<CiliumPortRule> Https() => ValueArray.Create(new CiliumPortRule(ValueArray.Create(new CiliumPort("443", null, "TCP")), null, []));
}
