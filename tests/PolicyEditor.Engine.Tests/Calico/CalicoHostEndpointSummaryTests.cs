using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>What the app shows of a host endpoint: the policies applying to it in Felix's order, its failsafe ports and their source, and its default.</summary>
public class CalicoHostEndpointSummaryTests
{
    private const string Hosts = """
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node1-eth0, labels: {role: worker}}
        spec: {node: node1, interfaceName: eth0, expectedIPs: [10.0.0.1]}
        ---
        apiVersion: projectcalico.org/v3
        kind: HostEndpoint
        metadata: {name: node2-all, labels: {role: worker}}
        spec: {node: node2, interfaceName: '*', profiles: [projectcalico-default-allow]}
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 100}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: security.workers}
        spec:
          tier: security
          order: 20
          selector: role == 'worker'
          ingress: [{action: Allow, protocol: TCP, destination: {ports: [9100]}}]
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: edge}
        spec:
          order: 5
          selector: role == 'worker'
          preDNAT: true
          applyOnForward: true
          ingress: [{action: Deny, source: {nets: [192.0.2.0/24]}}]
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: pods-only}
        spec:
          selector: app == 'web'
          ingress: [{action: Allow}]
        """;

    private static HostEndpointSummary Summary(string yaml, string host)
    {
        var cluster = Manifest.Load(yaml);
        return new ClusterEvaluator(cluster).Summarize(new HostEndpoint(cluster.OtherPolicies.OfType<CalicoHostEndpoint>().Single(h => h.Name == host)));
    }

    [Fact]
    public void Summary_ListsThePoliciesSelectingIt_PreDnatFirst_ThenByTierAndOrder()
    {
        var summary = Summary(Hosts, "node1-eth0");

        Assert.Equal(["edge", "security.workers"], summary.Policies.Select(p => p.Key.Name));
        Assert.Equal(("pre-DNAT", "default", 5.0), (summary.Policies[0].Stage, summary.Policies[0].Tier, summary.Policies[0].Order!.Value));
        Assert.Equal(("normal", "security", 20.0), (summary.Policies[1].Stage, summary.Policies[1].Tier, summary.Policies[1].Order!.Value));
        Assert.True(summary.Policies[1].HasIngressRules);
        Assert.False(summary.Policies[1].HasEgressRules);
    }

    [Fact]
    public void Summary_WithoutFelixConfiguration_GivesFelixsDefaultFailsafePorts()
    {
        var summary = Summary(Hosts, "node1-eth0");

        Assert.Equal(CalicoFailsafePort.DefaultInbound, summary.FailsafeInbound);
        Assert.Equal("Felix's defaults", summary.FailsafeInboundSource);
        Assert.Equal(CalicoFailsafePort.DefaultOutbound, summary.FailsafeOutbound);
    }

    [Fact]
    public void Summary_NamesTheFelixConfigurationTheFailsafePortsComeFrom_TheNodesOverTheDefault()
    {
        var summary = Summary(Hosts + """

            ---
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: {name: default}
            spec: {failsafeInboundHostPorts: [], failsafeOutboundHostPorts: [{protocol: UDP, port: 53}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: {name: node.node1}
            spec: {failsafeInboundHostPorts: [{protocol: TCP, port: 22, net: 10.0.0.0/8}]}
            """, "node1-eth0");

        Assert.Equal(("TCP 22 (10.0.0.0/8)", "FelixConfiguration node.node1"), (Assert.Single(summary.FailsafeInbound).ToString(), summary.FailsafeInboundSource));
        Assert.Equal(("UDP 53", "FelixConfiguration default"), (Assert.Single(summary.FailsafeOutbound).ToString(), summary.FailsafeOutboundSource));
    }

    [Fact]
    public void AHostEndpointWithoutProfile_IsDefaultDeny_AndOneWithTheDefaultAllowProfileIsNot()
    {
        var named = Summary(Hosts, "node1-eth0");
        var all = Summary(Hosts, "node2-all");

        Assert.True(named.IsDefaultDeny);
        Assert.Null(named.IngressAllowedBy);
        Assert.False(all.IsDefaultDeny);
        Assert.Equal("projectcalico-default-allow", all.IngressAllowedBy);
        Assert.Equal("profiles", all.Policies[^1].Tier);
    }

    [Fact]
    public void AProfileTheManifestsDefine_AllowsWhatItsFirstRuleAllows()
    {
        var summary = Summary(Hosts.Replace("profiles: [projectcalico-default-allow]", "profiles: [open-in]", StringComparison.Ordinal) + """

            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: open-in}
            spec: {ingress: [{action: Allow}], egress: [{action: Allow, protocol: UDP}]}
            """, "node2-all");

        Assert.Equal("open-in", summary.IngressAllowedBy);
        Assert.Null(summary.EgressAllowedBy);
        Assert.True(summary.IsDefaultDeny);
    }
}
