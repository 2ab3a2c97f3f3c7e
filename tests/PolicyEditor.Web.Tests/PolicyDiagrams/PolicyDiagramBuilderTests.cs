using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>The policy view's diagram per dialect: which node, link and label each rule and peer becomes, and where.</summary>
public sealed class PolicyDiagramBuilderTests
{
    private const string Workloads = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: shop, labels: { team: shop } }
        ---
        apiVersion: v1
        kind: Namespace
        metadata: { name: monitoring }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: db, namespace: shop }
        spec:
          template:
            metadata: { labels: { app: db } }
            spec: { containers: [ { name: db, image: postgres, ports: [ { containerPort: 5432 } ] } ] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: shop }
        spec:
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [ { name: web, image: nginx } ] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: prometheus, namespace: monitoring }
        spec:
          template:
            metadata: { labels: { app: prometheus } }
            spec: { containers: [ { name: p, image: prometheus } ] }
        """;

    private static PolicyDiagram Draw(string policies, PolicyKey key, int spec = 0)
    {
        var loaded = ManifestLoader.LoadText(Workloads + "\n---\n" + policies);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return PolicyDiagramBuilder.Build(new ClusterEvaluator(loaded.Cluster), key, spec) ?? throw new InvalidOperationException($"{key} was not drawn.");
    }

    [Fact]
    public void NetworkPolicy_OneLinkPerRuleAndPeer_WithItsPortsAndItsPeersShape()
    {
        var diagram = Draw("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: db, namespace: shop }
            spec:
              podSelector: { matchLabels: { app: db } }
              policyTypes: [Ingress, Egress]
              ingress:
              - from:
                - podSelector: { matchLabels: { app: web } }
                - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } }
                ports: [ { protocol: TCP, port: 5432 } ]
              - from:
                - ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] }
            """, PolicyKey.OfNetworkPolicy("shop", "db"));

        Assert.Equal(["app=db"], diagram.Subject.Selector);
        Assert.Equal(1, diagram.Subject.Workloads);
        Assert.True(diagram.Editable);
        Assert.False(diagram.Ordered);
        Assert.Equal([(0, 0, "TCP 5432"), (0, 1, "TCP 5432"), (1, 0, "any port")], diagram.LinksOf(TrafficDirection.Ingress).Select(l => (l.Rule, l.Peer, l.Label)));
        var shapes = diagram.LinksOf(TrafficDirection.Ingress).Select(l => diagram.Node(l.PeerNode)!).ToList();
        Assert.Equal([DiagramNodeShape.Pods, DiagramNodeShape.Namespaces, DiagramNodeShape.Cidr], shapes.Select(n => n.Shape));
        Assert.Equal(["app=web"], shapes[0].Selector);
        Assert.Equal(["namespace monitoring"], shapes[1].NamespaceSelector);
        Assert.Equal(1, shapes[1].Workloads);
        Assert.Equal(("10.0.0.0/8", "except 10.1.0.0/16"), (shapes[2].Title, shapes[2].Lines.Single()));

        // Egress is isolated with no rule: drawn as "nothing may go out" on the right.
        var nothing = Assert.Single(diagram.Peers, p => p.Side == TrafficDirection.Egress);
        Assert.Equal(DiagramNodeShape.Nothing, nothing.Shape);
        Assert.All(shapes, s => Assert.True(s.X + PolicyDiagramBuilder.PeerWidth < diagram.Subject.X));
        Assert.True(nothing.X > diagram.Subject.X + PolicyDiagramBuilder.SubjectWidth);
    }

    [Fact]
    public void NetworkPolicy_RuleWithoutPeers_IsALinkToEveryPeer()
    {
        var diagram = Draw("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: web, namespace: shop }
            spec:
              podSelector: {}
              ingress:
              - ports: [ { protocol: TCP, port: http } ]
            """, PolicyKey.OfNetworkPolicy("shop", "web"));

        var link = Assert.Single(diagram.Links);
        Assert.Equal((-1, DiagramNodeShape.AnyPeer, "TCP http"), (link.Peer, diagram.Node(link.PeerNode)!.Shape, link.Label));
        Assert.Equal("every pod in shop", diagram.Subject.Title);
        Assert.Equal(2, diagram.Subject.Workloads);
        Assert.Contains("Egress is not restricted by this policy.", diagram.Notes);
    }

    [Fact]
    public void AdminNetworkPolicy_IsOrdered_DenyAndPassDrawnAsSuch()
    {
        var diagram = Draw("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: { name: guard }
            spec:
              priority: 10
              subject: { namespaces: { matchLabels: { team: shop } } }
              ingress:
              - name: no-monitoring
                action: Deny
                from: [ { namespaces: { matchLabels: { kubernetes.io/metadata.name: monitoring } } } ]
              - name: others-decide
                action: Pass
                from: [ { namespaces: {} } ]
                ports: [ { portNumber: { protocol: TCP, port: 80 } } ]
            """, new PolicyKey(nameof(AdminNetworkPolicy), null, "guard"));

        Assert.True(diagram.Ordered);
        Assert.True(diagram.Reorderable);
        Assert.True(diagram.AddsPeers);
        Assert.False(diagram.EditsPeers);
        Assert.Contains("Admin tier, priority 10", diagram.Placement);
        Assert.Equal(["team=shop"], diagram.Subject.NamespaceSelector);
        Assert.Equal(2, diagram.Subject.Workloads);
        Assert.Equal([(RuleAction.Deny, "1. DENY · any port", "no-monitoring"), (RuleAction.Pass, "2. PASS · TCP 80", "others-decide")],
            diagram.Links.Select(l => (l.Action, l.Label, l.RuleName)));
        Assert.Equal([DiagramNodeShape.Namespaces, DiagramNodeShape.Namespaces], diagram.Links.Select(l => diagram.Node(l.PeerNode)!.Shape));
    }

    [Fact]
    public void BaselineAdminNetworkPolicy_IsDrawnInTheBaselineTier()
    {
        var diagram = Draw("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: { name: default }
            spec:
              subject: { namespaces: {} }
              egress:
              - name: no-internet
                action: Deny
                to: [ { networks: [0.0.0.0/0] } ]
            """, new PolicyKey(nameof(BaselineAdminNetworkPolicy), null, "default"));

        Assert.StartsWith("Baseline tier", diagram.Placement, StringComparison.Ordinal);
        var link = Assert.Single(diagram.LinksOf(TrafficDirection.Egress));
        Assert.Equal((RuleAction.Deny, DiagramNodeShape.Cidr), (link.Action, diagram.Node(link.PeerNode)!.Shape));
        Assert.Equal("1. DENY · any port", link.Label);
    }

    [Fact]
    public void CalicoPolicy_RulesInOrder_NetsAsAddressRanges()
    {
        var diagram = Draw("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: { name: security.guard }
            spec:
              tier: security
              order: 100
              selector: app == 'db'
              types: [Ingress, Egress]
              ingress:
              - action: Deny
                source: { nets: [192.168.0.0/16] }
              - action: Pass
              egress:
              - action: Allow
                protocol: UDP
                destination: { ports: [53] }
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: { name: security }
            spec: { order: 100 }
            """, new PolicyKey("GlobalNetworkPolicy", null, "security.guard"));

        Assert.True(diagram.Ordered);
        Assert.Contains("order 100", diagram.Placement);
        Assert.Equal(1, diagram.Subject.Workloads);
        Assert.Equal([("1. DENY · any port", DiagramNodeShape.Cidr), ("2. PASS · any port", DiagramNodeShape.AnyPeer)],
            diagram.LinksOf(TrafficDirection.Ingress).Select(l => (l.Label, diagram.Node(l.PeerNode)!.Shape)));
        Assert.Equal("1. UDP 53", Assert.Single(diagram.LinksOf(TrafficDirection.Egress)).Label);
    }

    [Fact]
    public void CalicoRule_WithAConditionOnThePolicysOwnEndpoints_SaysIt()
    {
        var diagram = Draw("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: { name: guard }
            spec:
              selector: all()
              types: [Ingress, Egress]
              ingress:
              - action: Deny
                destination: { namespaceSelector: team == 'shop' }
              - action: Allow
                protocol: TCP
                destination: { ports: [5432] }
              egress:
              - action: Deny
                source: { selector: app == 'web' }
                destination: { nets: [10.0.0.0/8] }
            """, new PolicyKey("GlobalNetworkPolicy", null, "guard"));

        Assert.Equal([("1. DENY · any port", "only to ns [team == 'shop']"), ("2. TCP 5432", null)],
            diagram.LinksOf(TrafficDirection.Ingress).Select(l => (l.Label, l.Condition)));
        Assert.Equal("only from [app == 'web']", Assert.Single(diagram.LinksOf(TrafficDirection.Egress)).Condition);
    }

    [Fact]
    public void CiliumPolicy_DnsNamesAndEntitiesHaveTheirOwnShapes_DeniesFirst()
    {
        var diagram = Draw("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: { name: web, namespace: shop }
            spec:
              endpointSelector: { matchLabels: { app: web } }
              egress:
              - toFQDNs: [ { matchName: api.example.com } ]
                toPorts: [ { ports: [ { port: "443", protocol: TCP } ] } ]
              - toEntities: [world]
              egressDeny:
              - toCIDR: [169.254.169.254/32]
            """, new PolicyKey("CiliumNetworkPolicy", "shop", "web"));

        Assert.False(diagram.Ordered);
        Assert.True(diagram.Editable);
        Assert.Equal(1, diagram.Subject.Workloads);
        var links = diagram.LinksOf(TrafficDirection.Egress).ToList();
        Assert.Equal([RuleAction.Deny, RuleAction.Allow, RuleAction.Allow], links.Select(l => l.Action));
        Assert.Equal([DiagramNodeShape.Cidr, DiagramNodeShape.DnsName, DiagramNodeShape.Entity], links.Select(l => diagram.Node(l.PeerNode)!.Shape));
        Assert.Equal(["DENY · any port", "TCP 443", "any port"], links.Select(l => l.Label));
    }

    [Theory]
    [InlineData(0, "specs[0]: scrape", TrafficDirection.Ingress, RuleAction.Allow, "TCP metrics")]
    [InlineData(1, "specs[1]: metadata", TrafficDirection.Egress, RuleAction.Deny, "DENY · any port")]
    public void CiliumPolicyWithSeveralSpecs_DrawsOneSpecAtATime_EachLinkKnowingItsSpec(int spec, string text, TrafficDirection direction, RuleAction action, string label)
    {
        var diagram = Draw("""
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: { name: two }
            specs:
            - description: scrape
              endpointSelector: { matchLabels: { app: db } }
              ingress:
              - fromEndpoints: [ { matchLabels: { k8s:io.kubernetes.pod.namespace: monitoring } } ]
                toPorts: [ { ports: [ { port: metrics, protocol: TCP } ] } ]
            - description: metadata
              endpointSelector: {}
              egressDeny:
              - toCIDR: [169.254.169.254/32]
            """, new PolicyKey("CiliumClusterwideNetworkPolicy", null, "two"), spec);

        Assert.Equal(["specs[0]: scrape", "specs[1]: metadata"], diagram.Specs);
        Assert.Equal((spec, text), (diagram.Spec, diagram.Specs[diagram.Spec]));
        var link = Assert.Single(diagram.Links);
        Assert.Equal((direction, action, label, spec), (link.Direction, link.Action, link.Label, link.Spec));
        Assert.Equal(spec == 0 ? 1 : 3, diagram.Subject.Workloads);
        Assert.True(diagram.AddsPeers);
        Assert.EndsWith($"spec {spec + 1}", diagram.ViewId, StringComparison.Ordinal);
    }

    [Fact]
    public void FiftyPeers_AreDrawnCompact_InColumnsOfTwenty_WithoutOverlapping()
    {
        var peers = string.Join("\n", Enumerable.Range(0, 50).Select(i => $"    - podSelector: {{ matchLabels: {{ n: \"{i}\" }} }}"));
        var diagram = Draw($$"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: many, namespace: shop }
            spec:
              podSelector: {}
              ingress:
              - from:
            {{peers}}
            """, PolicyKey.OfNetworkPolicy("shop", "many"));

        Assert.Equal(50, diagram.Links.Count);
        var boxes = diagram.Peers.Select(p => (p.X, p.Y)).ToList();
        Assert.Equal(50, boxes.Distinct().Count());
        Assert.True(diagram.Compact);
        Assert.All(diagram.Peers, p => Assert.True(p.Compact));
        Assert.Equal(3, boxes.Select(b => b.X).Distinct().Count());
        Assert.All(diagram.Peers, p => Assert.InRange(p.Y, 0, diagram.Extent.Height - PolicyDiagramBuilder.CompactHeight));
        Assert.All(diagram.Peers, p => Assert.InRange(p.X, 0, diagram.Subject.X - PolicyDiagramBuilder.PeerWidth));
    }
}
