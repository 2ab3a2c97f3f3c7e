using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>Calico policies edited from the policy view's editor: new rules where the user puts them, a rule's peer, ports and action rewritten, written by Calico's writer.</summary>
public sealed class CalicoPolicyEditsTests
{
    private static CalicoPolicy Policy(string kind = "NetworkPolicy") => ManifestLoader.LoadText($$"""
        apiVersion: projectcalico.org/v3
        kind: {{kind}}
        metadata: { name: app.web{{(kind == "NetworkPolicy" ? ", namespace: shop" : string.Empty)}} }
        spec:
          tier: app
          selector: app == 'web'
          types: [Ingress, Egress]
          ingress:
          - action: Allow
            protocol: TCP
            source: { selector: app == 'frontend' }
            destination: { ports: [8080] }
          - action: Deny
          egress:
          - action: Allow
        """).Cluster.OtherPolicies.OfType<CalicoPolicy>().Single();

    private static PeerDraft Ingress(PeerKind kind) => new(kind, TrafficDirection.Ingress);

    [Fact]
    public void ADenyRule_GoesWhereTheUserPutsIt_AndIsWrittenAsCalicoWritesIt()
    {
        var draft = Ingress(PeerKind.Cidr) with { Cidr = "10.0.0.0/8", Except = "10.1.0.0/16", Ports = "TCP 22", Action = RuleAction.Deny, Position = 0 };

        var edited = CalicoPolicyEdits.AddRule(Policy(), draft);

        Assert.Equal([RuleAction.Deny, RuleAction.Allow, RuleAction.Deny], edited.Ingress.Select(r => r.Action));
        var rule = edited.Ingress[0];
        Assert.Equal(["10.0.0.0/8"], rule.Source.Nets.Select(n => n.Text));
        Assert.Equal(["10.1.0.0/16"], rule.Source.NotNets.Select(n => n.Text));
        Assert.Equal(("TCP", "22"), (rule.Protocol?.Name, string.Join(",", rule.Destination.Ports)));
        var yaml = ManifestWriter.Write(edited);
        Assert.True(yaml.IndexOf("notNets", StringComparison.Ordinal) < yaml.IndexOf("app == 'frontend'", StringComparison.Ordinal), yaml);
    }

    [Theory]
    [InlineData(PeerKind.Pods, "", "app=web, tier=db", "", "selector: app == 'web' && tier == 'db'")]
    [InlineData(PeerKind.Namespace, "monitoring", "", "", "namespaceSelector: projectcalico.org/name == 'monitoring'")]
    [InlineData(PeerKind.NetworkSet, "", "role=cloud-metadata", "", "namespaceSelector: global()")]
    [InlineData(PeerKind.ServiceAccount, "shop", "", "checkout", "- checkout")]
    public void EachKindOfPeer_IsWrittenAsCalicosFields(PeerKind kind, string ns, string labels, string account, string written)
    {
        var draft = Ingress(kind) with { Namespace = ns, Labels = labels, ServiceAccount = account, Action = RuleAction.Pass };

        var yaml = ManifestWriter.Write(CalicoPolicyEdits.AddRule(Policy(), draft));

        Assert.Contains(written, yaml, StringComparison.Ordinal);
        Assert.Contains("action: Pass", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void PortsOfTwoProtocols_AreTwoRulesInARow()
    {
        var edited = CalicoPolicyEdits.AddRule(Policy(), Ingress(PeerKind.Pods) with { Labels = "app=dns", Ports = "UDP 53, TCP 53", Position = 1 });

        Assert.Equal(["TCP", "UDP", "TCP", null], edited.Ingress.Select(r => r.Protocol?.Name));
    }

    [Fact]
    public void ARulesPeer_ReadsBackIntoTheForm_AndIsRewrittenWithItsActionAndPorts()
    {
        var draft = CalicoPolicyEdits.Draft(Policy(), TrafficDirection.Ingress, 0)!;
        Assert.Equal((PeerKind.Pods, "app=frontend", "TCP 8080", RuleAction.Allow), (draft.Kind, draft.Labels, draft.Ports, draft.Action));

        var edited = CalicoPolicyEdits.ReplacePeer(Policy(), draft with { Kind = PeerKind.PodsInNamespace, Namespace = "monitoring", Labels = "app=prometheus", Ports = "TCP 9090", Action = RuleAction.Log });

        var rule = edited.Ingress[0];
        Assert.Equal((RuleAction.Log, "app == 'prometheus'", "projectcalico.org/name == 'monitoring'", "9090"),
            (rule.Action, rule.Source.Selector?.Text, rule.Source.NamespaceSelector?.Text, string.Join(",", rule.Destination.Ports)));
        Assert.Equal(3, edited.Ingress.Count + edited.Egress.Count);
    }

    [Fact]
    public void RewritingARule_WithPortsOfTwoProtocols_IsRefused() =>
        Assert.Throws<ArgumentException>(() => CalicoPolicyEdits.ReplacePeer(Policy(), CalicoPolicyEdits.Draft(Policy(), TrafficDirection.Ingress, 0)! with { Ports = "TCP 80, UDP 53" }));

    [Theory]
    [InlineData(PeerKind.Entity)]
    [InlineData(PeerKind.DnsName)]
    public void CiliumsKindsOfPeer_AreRefused(PeerKind kind) =>
        Assert.Throws<ArgumentException>(() => CalicoPolicyEdits.AddRule(Policy("GlobalNetworkPolicy"), Ingress(kind) with { DnsName = "a.example.com" }));
}
