using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>Calico host endpoints as endpoints: selected by global policies, taken in by rules, failsafe ports, profiles, pre-DNAT.</summary>
public class CalicoHostEndpointTests
{
    private const string Hosts = """
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node1-eth0, labels: {role: worker}}
        spec: {node: node1, interfaceName: eth0, expectedIPs: [10.0.0.1]}
        ---
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node2-eth0, labels: {role: worker}}
        spec: {node: node2, interfaceName: eth0}
        """;

    private const string DefaultInbound = "TCP 22,179,2379-2380,5473,6443,6666-6667,UDP 68";

    private const string NoFailsafe = """
        apiVersion: projectcalico.org/v3
        kind: FelixConfiguration
        metadata: {name: default}
        spec: {failsafeInboundHostPorts: [], failsafeOutboundHostPorts: []}
        """;

    private static readonly Endpoint Internet = Endpoint.Of(System.Net.IPAddress.Parse("203.0.113.5"));

    private static Cluster Load(string yaml) => Manifest.Load(Hosts + "\n---\n" + yaml);

    private static HostEndpoint Host(Cluster cluster, string name) => new(cluster.OtherPolicies.OfType<CalicoHostEndpoint>().Single(h => h.Name == name));

    private static string Allowed(Cluster cluster, Endpoint source, Endpoint destination) =>
        new ClusterEvaluator(cluster).Evaluate(source, destination).AsReported(ProtocolScope.Every).ToString();

    [Fact]
    public void HostEndpoint_WithoutPolicy_IsDeniedAllButTheDefaultFailsafePorts()
    {
        var c = Load(string.Empty);

        Assert.Equal(DefaultInbound, Allowed(c, Internet, Host(c, "node1-eth0")));
        Assert.Equal("TCP 179,2379-2380,5473,6443,6666-6667,UDP 53,67", Allowed(c, Host(c, "node1-eth0"), Internet));
    }

    [Fact]
    public void FelixConfiguration_WithEmptyFailsafeLists_OpensNothing()
    {
        var c = Load(NoFailsafe);

        Assert.Equal("No Connections", Allowed(c, Internet, Host(c, "node1-eth0")));
        Assert.Equal("No Connections", Allowed(c, Host(c, "node1-eth0"), Host(c, "node2-eth0")));
    }

    [Fact]
    public void FelixConfiguration_OfANode_OverridesTheDefaultForThatNodesHostEndpoints()
    {
        var c = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: {name: node.node2}
            spec: {failsafeInboundHostPorts: [{protocol: TCP, port: 22}]}
            """);

        Assert.Equal("No Connections", Allowed(c, Internet, Host(c, "node1-eth0")));
        Assert.Equal("TCP 22", Allowed(c, Internet, Host(c, "node2-eth0")));
    }

    [Fact]
    public void GlobalNetworkPolicy_SelectsHostEndpointsByTheirLabels()
    {
        var c = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: workers-web}
            spec:
              selector: role == 'worker'
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
            """);

        Assert.Equal("TCP 80", Allowed(c, Internet, Host(c, "node1-eth0")));
    }

    [Fact]
    public void APolicyForHostEndpoints_ShowsInTheDiff_AndInTheChangeImpact_WithOutsideAddressesAndOtherHosts()
    {
        var before = Load(NoFailsafe);
        var after = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: workers-web}
            spec:
              selector: role == 'worker'
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
              egress: [{action: Allow}]
            """);

        static string[] Lines(IEnumerable<ConnectionChange> changes) =>
            [.. changes.Where(c => c.Source is HostEndpoint || c.Destination is HostEndpoint)
                .Select(c => $"{c.Source} -> {c.Destination}: {c.Kind} {c.After.AsReported(ProtocolScope.Every)}").Distinct().Order(StringComparer.Ordinal)];
        var diff = Lines(ConnectivityDiff.Compare(before, after));
        var impact = Lines(ChangeImpact.Compute(ReachabilityMatrix.Build(new ClusterEvaluator(before)), after).Changes);

        Assert.Contains("node1-eth0[HostEndpoint] -> node2-eth0[HostEndpoint]: Added TCP 80", diff);
        Assert.Contains(diff, l => l.StartsWith("0.0.0.0-", StringComparison.Ordinal) && l.EndsWith("-> node1-eth0[HostEndpoint]: Added TCP 80", StringComparison.Ordinal));
        Assert.Contains(diff, l => l.StartsWith("node2-eth0[HostEndpoint] -> 0.0.0.0-", StringComparison.Ordinal) && l.EndsWith("Added All Connections", StringComparison.Ordinal));
        Assert.Equal(diff, impact);
    }

    [Fact]
    public void NamespacedPolicies_NeverSelectHostEndpoints()
    {
        var c = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: all-in-shop, namespace: shop}
            spec: {selector: all(), ingress: [{action: Allow}]}
            """);

        Assert.Equal("No Connections", Allowed(c, Internet, Host(c, "node1-eth0")));
    }

    [Fact]
    public void DefaultAllowProfile_GivesAHostEndpointAllowAllWithoutPolicy()
    {
        var c = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node3-all, labels: {role: worker}}
            spec: {node: node3, interfaceName: "*", profiles: [projectcalico-default-allow]}
            """);

        Assert.Equal("All Connections", Allowed(c, Internet, Host(c, "node3-all")));
        Assert.Equal("All Connections", Allowed(c, Host(c, "node3-all"), Internet));
    }

    [Fact]
    public void RuleSelector_TakesInAHostEndpointOnlyWhenItHasExpectedIps()
    {
        var c = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: web-to-workers}
            spec:
              selector: app == 'web'
              types: [Egress]
              egress: [{action: Allow, destination: {selector: role == 'worker'}}]
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: workers-open}
            spec: {selector: role == 'worker', ingress: [{action: Allow}]}
            """);

        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), Host(c, "node1-eth0")));
        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), Host(c, "node2-eth0")));
    }

    [Fact]
    public void KubernetesNetworkPolicy_TakesInAHostEndpointByIpBlockOnly()
    {
        var c = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: workers-out}
            spec: {selector: role == 'worker', egress: [{action: Allow}], types: [Egress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{from: [{namespaceSelector: {}}]}, {from: [{ipBlock: {cidr: 10.0.0.0/24}}], ports: [{port: 5432}]}]
            """);

        Assert.Equal("TCP 5432", Allowed(c, Host(c, "node1-eth0"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, Host(c, "node2-eth0"), c.W("shop/db")));
    }

    [Fact]
    public void PreDnatAllow_SkipsTheNormalPolicies_AndItsMissHasNoDefaultDrop()
    {
        var c = Load(NoFailsafe + """

            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: nodeports}
            spec:
              selector: role == 'worker'
              preDNAT: true
              applyOnForward: true
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [30080]}}, {action: Deny, protocol: TCP, destination: {ports: [30081]}}]
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: workers}
            spec:
              selector: role == 'worker'
              ingress: [{action: Deny, protocol: TCP, destination: {ports: [30080]}}, {action: Allow, protocol: TCP}]
            """);

        Assert.Equal("TCP 1-30080,30082-65535", Allowed(c, Internet, Host(c, "node1-eth0")));
    }

    [Fact]
    public void Explanation_NamesTheFailsafeRule()
    {
        var c = Load(string.Empty);

        var explanation = new ClusterEvaluator(c).Explain(Internet, Host(c, "node1-eth0"), Protocol.TCP, 22);

        Assert.True(explanation.Allowed);
        Assert.Contains("Calico failsafe rule: TCP 22 inbound", explanation.Ingress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_OfAHostEndpointNoPolicyAllows_SaysCalicoDeniesIt()
    {
        var c = Load(NoFailsafe);

        var explanation = new ClusterEvaluator(c).Explain(Internet, Host(c, "node1-eth0"), Protocol.TCP, 80);

        Assert.False(explanation.Allowed);
        Assert.Contains("Calico denies a host endpoint's traffic that no policy or profile allows", explanation.Ingress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void List_NamesHostEndpointsWithoutANamespace()
    {
        var c = Load(string.Empty);

        var connections = ReachabilityMatrix.Build(new ClusterEvaluator(c)).Connections().ToList();

        Assert.Contains(connections, x => x.Source.Id == "node1-eth0[HostEndpoint]" && x.Destination.Id == "node2-eth0[HostEndpoint]");
        Assert.Contains(connections, x => x.Source is ExternalEndpoint && x.Destination.Id == "node1-eth0[HostEndpoint]");
        Assert.Contains(connections, x => x.Source.Id == "shop/web[Pod]" && x.Destination.Id == "node1-eth0[HostEndpoint]");
    }

    [Fact]
    public void Lint_APolicyForHostEndpointsOnly_SelectsSomething()
    {
        // A policy written for nodes selects no pod, but it does select the host endpoints: no "selects nothing" warning.
        var forNodes = Load("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: nodes}
            spec: {selector: role == 'worker', types: [Ingress], ingress: [{action: Allow, protocol: TCP, destination: {ports: [9100]}}]}
            """);
        Assert.DoesNotContain(CalicoLinter.Lint(forNodes).Select(f => f.Code), c => c == CalicoLinter.Codes.SelectsNothing);

        var forNobody = Load("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: nobody}
            spec: {selector: role == 'db', types: [Ingress]}
            """);
        var finding = Assert.Single(CalicoLinter.Lint(forNobody), f => f.Code == CalicoLinter.Codes.SelectsNothing);
        Assert.Contains("no workload and no host endpoint", finding.Message, StringComparison.Ordinal);
    }
}
