using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.ClusterGeneration;

/// <summary>
/// Calico policy over a generated cluster, as a Calico shop writes it, in three tiers: <c>security</c>
/// (GlobalNetworkPolicies per group of namespaces that Deny database ports to web pods and egress to blocked
/// global network sets, and Pass the rest), <c>platform</c> (GlobalNetworkPolicies that Allow DNS and metrics
/// scraping, and Pass the rest), and <c>applications</c> (namespaced NetworkPolicies that Allow ingress from
/// a group's web pods and egress to partner network sets, half of them ending in Pass); global network sets
/// name the external networks. The Kubernetes NetworkPolicies of the cluster keep running in the default tier.
/// </summary>
public static class CalicoTierGenerator
{
    private const int Groups = 10;
    private const int NetworkSets = 20;

    /// <summary><paramref name="cluster"/> with <paramref name="count"/> Calico policies, three tiers and global network sets added, deterministically for the random source.</summary>
    public static Cluster AddCalicoTiers(Cluster cluster, int count, IReadOnlyList<Cidr> cidrs, Random random)
    {
        var added = new List<IPolicyResource>
        {
            new CalicoTier("security", 100, TierDefault.Deny),
            new CalicoTier("platform", 200, TierDefault.Deny),
            new CalicoTier("applications", 300, TierDefault.Deny),
        };
        for (var k = 0; k < NetworkSets; k++)
        {
            var role = k % 2 == 0 ? $"blocked-{k / 2}" : $"partner-{k / 2}";
            added.Add(new CalicoNetworkSet(null, $"net-{k:D2}", LabelSet.Of(("role", role)), ValueArray.Create(cidrs[random.Next(cidrs.Count)], cidrs[random.Next(cidrs.Count)])));
        }

        var security = Math.Max(1, count / 20);
        var platform = Math.Max(1, count * 3 / 20);
        var namespaces = cluster.Namespaces.Select(n => n.Name).Where(n => n != "kube-system").ToArray();
        for (var i = 0; i < count; i++)
        {
            added.Add(i < security ? Security(i, random)
                : i < security + platform ? Platform(i - security)
                : Application(i - security - platform, namespaces[random.Next(namespaces.Length)], random));
        }

        return cluster with { OtherPolicies = cluster.OtherPolicies.Concat(added).ToValueArray() };
    }

    /// <summary>Edits of the Calico tiers, when the cluster has them: an Allow rule put first in an applications policy, a platform policy deleted.</summary>
    public static IEnumerable<EditStep> EditSteps(Cluster cluster)
    {
        var policies = cluster.OtherPolicies.OfType<CalicoPolicy>().ToList();
        if (policies.FirstOrDefault(p => p.Tier == "applications") is { } application)
        {
            var rule = Rule(RuleAction.Allow, CalicoProtocol.Tcp, Entity(namespaceSelector: "group == 'g1'"), Entity(ports: [CalicoPort.Number(7777)]));
            yield return new EditStep($"put an ingress Allow rule on TCP 7777 first in Calico NetworkPolicy {application.Namespace}/{application.Name}",
                PolicyChange.Upsert(application with { Ingress = application.Ingress.Prepend(rule).ToValueArray() }));
        }

        if (policies.Where(p => p.Tier == "platform").Skip(1).FirstOrDefault() is { } platform)
        {
            yield return new EditStep($"delete GlobalNetworkPolicy {platform.Name}", PolicyChange.Delete(platform));
        }
    }

    private static CalicoPolicy Security(int i, Random random)
    {
        var group = $"g{i % Groups}";
        var ingress = ValueArray.Create(
            Rule(RuleAction.Deny, CalicoProtocol.Tcp, Entity(namespaceSelector: "tier == 'web'"), Entity(selector: "tier == 'worker'", ports: [CalicoPort.Number(5432), CalicoPort.Range(5000, 5999)])),
            CalicoRule.Of(RuleAction.Pass));
        var egress = ValueArray.Create(
            Rule(RuleAction.Deny, null, CalicoEntityRule.Any, Entity(selector: $"role == 'blocked-{random.Next(NetworkSets / 2)}'")),
            CalicoRule.Of(RuleAction.Pass));
        return Global($"security.{group}-guard-{i:D3}", "security", 100 + i, "all()", $"group == '{group}'", ingress, egress);
    }

    private static CalicoPolicy Platform(int i)
    {
        var group = $"g{i % Groups}";
        var dns = Entity(selector: "k8s-app == 'kube-dns'", namespaceSelector: "projectcalico.org/name == 'kube-system'", ports: [CalicoPort.Number(53)]);
        var egress = ValueArray.Create(
            Rule(RuleAction.Allow, CalicoProtocol.Udp, CalicoEntityRule.Any, dns),
            Rule(RuleAction.Allow, CalicoProtocol.Tcp, CalicoEntityRule.Any, dns),
            CalicoRule.Of(RuleAction.Pass));
        var ingress = ValueArray.Create(
            Rule(RuleAction.Allow, CalicoProtocol.Tcp, Entity(namespaceSelector: "tier == 'cache'"), Entity(ports: [CalicoPort.Number(9090)])),
            CalicoRule.Of(RuleAction.Pass));
        return Global($"platform.{group}-app-{i % 3}-{i:D3}", "platform", 100 + i, $"app == 'app-{i % 3}'", $"group == '{group}'", ingress, egress);
    }

    private static CalicoPolicy Application(int i, string ns, Random random)
    {
        var passes = i % 2 == 0;
        var ingress = new List<CalicoRule>
        {
            Rule(RuleAction.Allow, CalicoProtocol.Tcp, Entity(selector: "tier == 'web'", namespaceSelector: $"group == 'g{random.Next(Groups)}'"), Entity(ports: [CalicoPort.Named("http")])),
            Rule(RuleAction.Allow, CalicoProtocol.Tcp, Entity(selector: $"app == 'app-{random.Next(3)}'"), Entity(ports: [CalicoPort.Number(8080)])),
        };
        var egress = new List<CalicoRule>
        {
            Rule(RuleAction.Allow, CalicoProtocol.Tcp, CalicoEntityRule.Any, Entity(selector: $"role == 'partner-{random.Next(NetworkSets / 2)}'", ports: [CalicoPort.Number(443)])),
        };
        if (passes)
        {
            ingress.Add(CalicoRule.Of(RuleAction.Pass));
            egress.Add(CalicoRule.Of(RuleAction.Pass));
        }

        var types = i % 4 < 2 ? ValueArray.Create(TrafficDirection.Ingress, TrafficDirection.Egress) : ValueArray.Create(TrafficDirection.Ingress);
        return new CalicoPolicy(CalicoPolicyKind.NetworkPolicy, ns, $"applications.app-{i:D4}", "applications", (i % 50) * 10,
            CalicoSelector.Parse($"app == 'app-{random.Next(3)}'"), null, null, types, ingress.ToValueArray(),
            types.Count == 2 ? egress.ToValueArray() : ValueArray<CalicoRule>.Empty);
    }

    private static CalicoPolicy Global(string name, string tier, int order, string selector, string namespaceSelector, ValueArray<CalicoRule> ingress, ValueArray<CalicoRule> egress) =>
        new(CalicoPolicyKind.GlobalNetworkPolicy, null, name, tier, order, CalicoSelector.Parse(selector), CalicoSelector.Parse(namespaceSelector), null,
            ValueArray.Create(TrafficDirection.Ingress, TrafficDirection.Egress), ingress, egress);

    private static CalicoRule Rule(RuleAction action, CalicoProtocol? protocol, CalicoEntityRule source, CalicoEntityRule destination) =>
        new(action, protocol, null, null, null, null, source, destination, null);

    private static CalicoEntityRule Entity(string? selector = null, string? namespaceSelector = null, CalicoPort[]? ports = null) => CalicoEntityRule.Any with
    {
        Selector = selector is null ? null : CalicoSelector.Parse(selector),
        NamespaceSelector = namespaceSelector is null ? null : CalicoSelector.Parse(namespaceSelector),
        Ports = ports is null ? ValueArray<CalicoPort>.Empty : ports.ToValueArray(),
    };
}
