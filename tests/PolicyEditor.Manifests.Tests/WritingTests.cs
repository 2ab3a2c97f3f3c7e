using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Tests;

public class WritingTests
{
    private static readonly NetworkPolicy Rich = new(
        "shop",
        "db-access",
        new LabelSelector(LabelSet.Of(("app", "db"), ("version", "1.0")), ValueArray.Create(new LabelRequirement("tier", SelectorOperator.NotIn, ValueArray.Create("cache", "true")))),
        PolicyTypes.Both,
        ValueArray.Create(
            new NetworkPolicyRule(
                ValueArray.Create(
                    NetworkPolicyPeer.Pods(LabelSelector.ForLabels(("app", "api"))),
                    NetworkPolicyPeer.PodsInNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, "ops")), LabelSelector.Everything),
                    NetworkPolicyPeer.Namespaces(new LabelSelector(LabelSet.Empty, ValueArray.Create(new LabelRequirement("env", SelectorOperator.Exists, ValueArray<string>.Empty))))),
                ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 5432), NetworkPolicyPort.Named(Protocol.TCP, "metrics"), NetworkPolicyPort.Range(Protocol.UDP, 1000, 2000), NetworkPolicyPort.AllOf(Protocol.SCTP))),
            NetworkPolicyRule.AllowAll),
        ValueArray.Create(new NetworkPolicyRule(
            ValueArray.Create(NetworkPolicyPeer.Addresses(new IpBlock(Cidr.Parse("0.0.0.0/0"), ValueArray.Create(Cidr.Parse("10.0.0.0/8"), Cidr.Parse("192.168.0.0/16"))))),
            ValueArray<NetworkPolicyPort>.Empty)));

    [Fact]
    public void NetworkPolicy_RoundTripsToAnEqualModel()
    {
        var yaml = ManifestWriter.Write(Rich);

        var loaded = ManifestLoader.LoadText(yaml, "written.yaml");

        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(Rich, Assert.Single(loaded.Cluster.NetworkPolicies));
    }

    [Fact]
    public void Writing_IsCanonical_WithStableKeyOrderAndQuotedAmbiguousStrings()
    {
        var policy = new NetworkPolicy("a", "p", LabelSelector.ForLabels(("version", "1.0"), ("enabled", "true")), PolicyTypes.Ingress,
            ValueArray.Create(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Pods(LabelSelector.Everything)), ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 80)))),
            ValueArray<NetworkPolicyRule>.Empty);

        var yaml = ManifestWriter.Write(policy);

        Assert.Equal("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: p
              namespace: a
            spec:
              podSelector:
                matchLabels:
                  enabled: "true"
                  version: "1.0"
              policyTypes:
              - Ingress
              ingress:
              - from:
                - podSelector: {}
                ports:
                - protocol: TCP
                  port: 80

            """.Replace("\r\n", "\n", StringComparison.Ordinal), yaml);
    }

    [Fact]
    public void SeveralPolicies_AreSeparatedByDocumentMarkers()
    {
        var second = Rich with { Name = "second" };

        var yaml = ManifestWriter.Write([Rich, second]);
        var loaded = ManifestLoader.LoadText(yaml);

        Assert.Equal([Rich, second], loaded.Cluster.NetworkPolicies.ToArray());
        Assert.Contains("\n---\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminPolicies_RoundTrip()
    {
        var anp = new AdminNetworkPolicy("guard", 5, AdminSubject.OfPods(LabelSelector.Everything, LabelSelector.ForLabels(("app", "x"))),
            ValueArray.Create(new AdminRule("from-ops", AdminAction.Pass, ValueArray.Create(AdminPeer.OfNamespaces(LabelSelector.ForLabels(("team", "ops")))), ValueArray<AdminPort>.Empty)),
            ValueArray.Create(new AdminRule("no-metadata", AdminAction.Deny, ValueArray.Create(AdminPeer.OfNetworks(Cidr.Parse("169.254.169.254/32"))),
                ValueArray.Create(AdminPort.Number(Protocol.TCP, 80), AdminPort.Range(Protocol.UDP, 5, 9), AdminPort.Named("dns")))));
        var banp = new BaselineAdminNetworkPolicy("default", AdminSubject.OfNamespaces(LabelSelector.Everything),
            ValueArray.Create(new AdminRule("deny", AdminAction.Deny, ValueArray.Create(AdminPeer.OfPods(LabelSelector.Everything, LabelSelector.Everything)), ValueArray<AdminPort>.Empty)),
            ValueArray<AdminRule>.Empty);

        var loaded = ManifestLoader.LoadText(ManifestWriter.Write([], [anp], banp));

        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(anp, Assert.Single(loaded.Cluster.AdminNetworkPolicies));
        Assert.Equal(banp, loaded.Cluster.BaselineAdminNetworkPolicy);
    }

    [Fact]
    public void EveryPolicyOfTheConformanceCorpus_RoundTrips()
    {
        var corpus = CorpusLocator.Find();
        if (corpus is null)
        {
            return; // The corpus lives outside the repository; without it there is nothing to round-trip.
        }

        var checkedPolicies = 0;
        foreach (var dir in Directory.EnumerateDirectories(corpus, "input", SearchOption.AllDirectories))
        {
            var original = ManifestLoader.LoadDirectory(dir).Cluster;
            var written = ManifestWriter.Write(original.NetworkPolicies, original.AdminNetworkPolicies, original.BaselineAdminNetworkPolicy);
            var reloaded = ManifestLoader.LoadText(written, dir).Cluster;
            Assert.Equal(original.NetworkPolicies.ToArray(), reloaded.NetworkPolicies.ToArray());
            Assert.Equal(original.AdminNetworkPolicies.ToArray(), reloaded.AdminNetworkPolicies.ToArray());
            Assert.Equal(original.BaselineAdminNetworkPolicy, reloaded.BaselineAdminNetworkPolicy);
            checkedPolicies += original.NetworkPolicies.Count + original.AdminNetworkPolicies.Count;
        }

        Assert.True(checkedPolicies > 100, $"only {checkedPolicies} policies found in the corpus at {corpus}");
    }
}
