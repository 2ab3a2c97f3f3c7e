using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>The workload view's diagram: every policy that selects one workload, combined, each group of peers linked by the rules that decide it.</summary>
public sealed class WorkloadDiagramBuilderTests
{
    private const string Cluster = """
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
        metadata: { name: api, namespace: shop }
        spec:
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [ { name: api, image: api } ] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: prometheus, namespace: monitoring }
        spec:
          template:
            metadata: { labels: { app: prometheus } }
            spec: { containers: [ { name: p, image: prometheus } ] }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: db, namespace: shop }
        spec:
          podSelector: { matchLabels: { app: db } }
          ingress:
          - from: [ { podSelector: { matchLabels: { app: web } } } ]
            ports: [ { protocol: TCP, port: 5432 } ]
        ---
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
        """;

    private static PolicyDiagram Draw(string workload, string more = "")
    {
        var loaded = ManifestLoader.LoadText(Cluster + more);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(loaded.Cluster));
        return WorkloadDiagramBuilder.Build(matrix, workload) ?? throw new InvalidOperationException($"{workload} was not drawn.");
    }

    private static DiagramNode GroupOf(PolicyDiagram diagram, TrafficDirection side, string member) =>
        Assert.Single(diagram.Peers, n => n.Side == side && n.Members.Contains(member));

    [Fact]
    public void Subject_IsTheWorkload_WithItsLabelsAndEveryPolicySelectingIt()
    {
        var diagram = Draw("shop/db[Deployment]");

        Assert.Equal("shop/db[Deployment]", diagram.Workload);
        Assert.Equal("shop/db", diagram.Subject.Title);
        Assert.Equal(["app=db"], diagram.Subject.Selector);
        Assert.Equal([PolicyKey.OfNetworkPolicy("shop", "db"), new PolicyKey(nameof(AdminNetworkPolicy), null, "guard")], diagram.Policies);
        Assert.False(diagram.Editable);
    }

    [Fact]
    public void PeersTreatedAlike_AreOneGroup_LinkedByTheRulesThatDecideThem_InOrder()
    {
        var diagram = Draw("shop/db[Deployment]");

        var web = GroupOf(diagram, TrafficDirection.Ingress, "shop/web[Deployment]");
        Assert.Equal(["shop/api[Deployment]", "shop/web[Deployment]"], web.Members.Order());
        Assert.Equal("2 workloads", web.Title);
        var links = diagram.Links.Where(l => l.PeerNode == web.Id).ToList();
        Assert.Equal([(RuleAction.Allow, "1. db #1 · TCP 5432"), (RuleAction.Deny, "2. DENY · isolated · the rest")], links.Select(l => (l.Action, l.Label)));
        Assert.Equal(PolicyKey.OfNetworkPolicy("shop", "db"), links[0].Policy);
        Assert.Null(links[1].Policy);
    }

    [Fact]
    public void WhyCantXReachMe_IsTheLinkIntoItsGroup_TheAdminDenyBeforeAnyNetworkPolicy()
    {
        var diagram = Draw("shop/db[Deployment]");

        var prometheus = GroupOf(diagram, TrafficDirection.Ingress, "monitoring/prometheus[Deployment]");
        var link = Assert.Single(diagram.Links, l => l.PeerNode == prometheus.Id);
        Assert.Equal((RuleAction.Deny, "1. DENY · guard 'no-monitoring' · any port"), (link.Action, link.Label));
        Assert.Equal(new PolicyKey(nameof(AdminNetworkPolicy), null, "guard"), link.Policy);
        Assert.Contains("no-monitoring", link.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AGroupsNodeId_FollowsWhatDecidesIt_NotItsPlace_SoAMovedNodeStaysWithItsGroup()
    {
        const string OutsideAllowed = """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: db-outside, namespace: shop }
            spec:
              podSelector: { matchLabels: { app: db } }
              ingress:
              - from: [ { ipBlock: { cidr: 0.0.0.0/0 } } ]
                ports: [ { protocol: TCP, port: 5432 } ]
            """;
        var before = Draw("shop/db[Deployment]");
        var after = Draw("shop/db[Deployment]", OutsideAllowed);

        var (was, now) = (GroupOf(before, TrafficDirection.Ingress, "monitoring/prometheus[Deployment]"), GroupOf(after, TrafficDirection.Ingress, "monitoring/prometheus[Deployment]"));
        Assert.Equal(was.Id, now.Id);
        Assert.NotEqual(before.Peers.ToList().IndexOf(was), after.Peers.ToList().IndexOf(now));
        Assert.Equal(GroupOf(before, TrafficDirection.Ingress, "shop/web[Deployment]").Id, GroupOf(after, TrafficDirection.Ingress, "shop/web[Deployment]").Id);
        Assert.Equal(after.Peers.Count, after.Peers.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void ASideNoPolicyRestricts_IsOneOpenGroupPerKindOfPeer()
    {
        var diagram = Draw("shop/db[Deployment]");

        var workloads = GroupOf(diagram, TrafficDirection.Egress, "monitoring/prometheus[Deployment]");
        Assert.Equal(4, workloads.Workloads);
        var link = Assert.Single(diagram.Links, l => l.PeerNode == workloads.Id);
        Assert.Equal((RuleAction.Allow, "1. not restricted · any port"), (link.Action, link.Label));
        Assert.All(diagram.Peers.Where(p => p.Side == TrafficDirection.Egress), p => Assert.NotEqual(DiagramNodeShape.Nothing, p.Shape));
    }

    [Fact]
    public void AWorkloadNotInTheDraft_IsNotDrawn()
    {
        var loaded = ManifestLoader.LoadText(Cluster);

        Assert.Null(WorkloadDiagramBuilder.Build(ReachabilityMatrix.Build(new ClusterEvaluator(loaded.Cluster)), "shop/gone[Deployment]"));
    }
}
