using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.PolicyDiagrams;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>Calico and Cilium policies edited in the policy view of their samples: each change one draft edit with its impact, drawn in order, undone.</summary>
public sealed class PolicyViewDialectEditTests
{
    private readonly TestExplorer _explorer = new();

    private ExplorerSession Session => _explorer.Session;

    [Fact]
    public async Task ACalicoDenyPeer_GoesFirst_IsDrawnFirst_AndUndoTakesItBack()
    {
        await _explorer.OpenAsync(SampleFiles.Load("calico").Result.Cluster);
        Session.OpenPolicyView("GlobalNetworkPolicy security.guardrails");
        var diagram = Session.PolicyDiagram!;
        Assert.Equal([RuleAction.Allow, RuleAction.Deny, RuleAction.Pass, RuleAction.Log], diagram.Actions);
        Assert.Contains(PeerKind.NetworkSet, diagram.PeerKinds);
        Assert.True(diagram.PlacesRules && diagram.EditsPeers);

        Session.DropPeer(PeerKind.Namespace, TrafficDirection.Ingress);
        await Session.ProposeAddPeerAsync(Session.NewPeer! with { Namespace = "monitoring", Ports = "TCP 9090", Action = RuleAction.Deny, Position = 0 });

        Assert.Equal("Deny from namespace monitoring on TCP 9090 in GlobalNetworkPolicy security.guardrails, as ingress rule 1", Session.PendingEdit!.Description);
        await Session.ApplyPendingEditAsync();
        var first = Session.PolicyDiagram!.LinksOf(TrafficDirection.Ingress).First();
        Assert.Equal("1. DENY · TCP 9090", first.Label);
        Assert.Contains("monitoring", Session.PolicyDiagram.Node(first.PeerNode)!.Name, StringComparison.Ordinal);
        Assert.Equal(5, ((CalicoPolicy)Session.State!.Draft.FindPolicy(diagram.Key)!).Ingress.Count);

        await Session.ExecuteAsync(new UndoEdit());
        Assert.Equal(4, ((CalicoPolicy)Session.State!.Draft.FindPolicy(diagram.Key)!).Ingress.Count);
    }

    [Fact]
    public async Task TheGuardrailsDenyOfPciNamespaces_SaysItHoldsOnlyForThem()
    {
        await _explorer.OpenAsync(SampleFiles.Load("calico").Result.Cluster);
        Session.OpenPolicyView("GlobalNetworkPolicy security.guardrails");

        var deny = Assert.Single(Session.PolicyDiagram!.LinksOf(TrafficDirection.Ingress), l => l.Action == RuleAction.Deny);
        Assert.Equal(("3. DENY · any port", "only to ns [compliance == 'pci-dss']"), (deny.Label, deny.Condition));
        Assert.Null(Session.PolicyDiagram.LinksOf(TrafficDirection.Ingress).Last().Condition);
    }

    [Fact]
    public async Task CalicoPeers_HaveShortTitles_AndTheirWholeTextAsTheirName()
    {
        await _explorer.OpenAsync(SampleFiles.Load("calico").Result.Cluster);
        Session.OpenPolicyView("GlobalNetworkPolicy security.guardrails");

        var peers = Session.PolicyDiagram!.Peers;
        Assert.Equal(["endpoints in namespaces", "namespaces", "every source", "network sets", "every destination"], peers.Select(p => p.Title));
        Assert.Equal(["app == 'checkout'"], peers[0].Selector);
        Assert.Equal(["namespace shop"], peers[0].NamespaceSelector);
        Assert.Equal("endpoints [app == 'checkout'] in namespaces [projectcalico.org/name == 'shop']", peers[0].Name);
        Assert.Equal(DiagramNodeShape.Namespaces, peers[1].Shape);
        Assert.Equal(["role == 'cloud-metadata'"], peers[3].Selector);
        Assert.Equal(("every endpoint", 0), (Session.PolicyDiagram.Subject.Title, Session.PolicyDiagram.Subject.Lines.Count));

        Session.OpenPolicyView("CalicoNetworkPolicy shop/applications.storefront");
        Assert.Equal(("every endpoint in shop", 0), (Session.PolicyDiagram!.Subject.Title, Session.PolicyDiagram.Subject.Selector.Count));
        Session.OpenPolicyView("CalicoNetworkPolicy payments/applications.payments");
        Assert.Equal(("endpoints in payments", "app == 'payments-api'"), (Session.PolicyDiagram!.Subject.Title, Session.PolicyDiagram.Subject.Selector.Single()));
    }

    [Fact]
    public async Task ACalicoLinksPeer_OpensInTheEditor_AndItsRuleIsRewritten()
    {
        await _explorer.OpenAsync(SampleFiles.Load("calico").Result.Cluster);
        Session.OpenPolicyView("GlobalNetworkPolicy security.guardrails");

        Session.EditPeer(Session.PolicyDiagram!.LinksOf(TrafficDirection.Ingress).First());
        Assert.Equal((PeerKind.PodsInNamespace, "shop", "app=checkout", RuleAction.Pass), (Session.NewPeer!.Kind, Session.NewPeer.Namespace, Session.NewPeer.Labels, Session.NewPeer.Action));
        await Session.ProposeAddPeerAsync(Session.NewPeer with { Labels = "app=cart" });
        await Session.ApplyPendingEditAsync();

        var rule = ((CalicoPolicy)Session.State!.Draft.FindPolicy(Session.PolicyDiagram!.Key)!).Ingress[0];
        Assert.Equal(("app == 'cart'", "compliance == 'pci-dss'"), (rule.Source.Selector?.Text, rule.Destination.NamespaceSelector?.Text));
    }

    [Fact]
    public async Task ACiliumDnsNamePeer_AddsToFqdnsAndItsDnsRule_InOneEdit()
    {
        await _explorer.OpenAsync(SampleFiles.Load("cilium-shop").Result.Cluster);
        Session.OpenPolicyView("CiliumNetworkPolicy shop/frontend");
        Assert.Equal([RuleAction.Allow, RuleAction.Deny], Session.PolicyDiagram!.Actions);

        Session.DropPeer(PeerKind.DnsName, TrafficDirection.Egress);
        await Session.ProposeAddPeerAsync(Session.NewPeer! with { DnsName = "cdn.example.com", Ports = "TCP 443" });

        Assert.Contains("with the DNS rule it needs", Session.PendingEdit!.Description, StringComparison.Ordinal);
        await Session.ApplyPendingEditAsync();
        var policy = (CiliumPolicy)Session.State!.Draft.FindPolicy(Session.PolicyDiagram!.Key)!;
        Assert.Equal(["cdn.example.com"], policy.Spec!.Egress[0].Fqdns.Select(f => f.MatchName));
        Assert.Equal(2, policy.Spec.Egress.Count);
        var dnsNode = Assert.Single(Session.PolicyDiagram!.Peers, p => p.Shape == DiagramNodeShape.DnsName);
        Assert.Contains("cdn.example.com", dnsNode.Title, StringComparison.Ordinal);

        await Session.ExecuteAsync(new UndoEdit());
        Assert.Empty(((CiliumPolicy)Session.State!.Draft.FindPolicy(Session.PolicyDiagram!.Key)!).Spec!.Egress);
    }

    [Fact]
    public async Task ACiliumDenyOfAnEntity_IsAnIngressDenyRule_DrawnAsDeny()
    {
        await _explorer.OpenAsync(SampleFiles.Load("cilium-shop").Result.Cluster);
        Session.OpenPolicyView("CiliumNetworkPolicy shop/frontend");

        Session.DropPeer(PeerKind.Entity, TrafficDirection.Ingress);
        await Session.ProposeAddPeerAsync(Session.NewPeer! with { Entity = "cluster", Action = RuleAction.Deny });
        await Session.ApplyPendingEditAsync();

        var deny = Assert.Single(Session.PolicyDiagram!.Links, l => l.Action == RuleAction.Deny);
        Assert.Equal("entity cluster", Session.PolicyDiagram.Node(deny.PeerNode)!.Title);
        Assert.Single(((CiliumPolicy)Session.State!.Draft.FindPolicy(Session.PolicyDiagram.Key)!).Spec!.IngressDeny);

        Session.EditPeer(deny);
        Assert.Equal((PeerKind.Entity, "cluster", RuleAction.Deny), (Session.NewPeer!.Kind, Session.NewPeer.Entity, Session.NewPeer.Action));
    }

    [Fact]
    public async Task ACiliumPolicysSecondSpec_IsDrawnOnItsOwn_AndEditedThere()
    {
        await _explorer.OpenAsync(SampleFiles.Load("cilium-shop").Result.Cluster);
        Session.OpenPolicyView("CiliumClusterwideNetworkPolicy monitoring-and-metadata");
        Assert.Equal(2, Session.PolicyDiagram!.Specs.Count);
        Assert.Equal(TrafficDirection.Ingress, Assert.Single(Session.PolicyDiagram.Links).Direction);

        Session.ShowSpec(1);
        var deny = Assert.Single(Session.PolicyDiagram!.Links);
        Assert.Equal((TrafficDirection.Egress, RuleAction.Deny, 1), (deny.Direction, deny.Action, deny.Spec));
        Session.DropPeer(PeerKind.Cidr, TrafficDirection.Egress);
        await Session.ProposeAddPeerAsync(Session.NewPeer! with { Cidr = "100.100.100.200/32", Action = RuleAction.Deny });
        Assert.Contains("monitoring-and-metadata specs[1]", Session.PendingEdit!.Description, StringComparison.Ordinal);
        await Session.ApplyPendingEditAsync();

        Assert.Equal(2, Session.PolicyDiagram!.Links.Count);
        var policy = (CiliumPolicy)Session.State!.Draft.FindPolicy(Session.PolicyDiagram.Key)!;
        Assert.Equal(2, policy.Specs[1].EgressDeny.Count);
        Assert.Single(policy.Specs[0].Ingress);

        Session.ShowSpec(0);
        Assert.Equal(TrafficDirection.Ingress, Assert.Single(Session.PolicyDiagram!.Links).Direction);
    }
}
