using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>Cilium policies edited from the policy view's editor: peers of every kind added as allow or deny rules, a DNS name with the DNS rule it needs, links rewritten and deleted.</summary>
public sealed class CiliumPolicyEditsTests
{
    private static readonly Cluster Cluster = ManifestLoader.LoadText("""
        apiVersion: v1
        kind: Pod
        metadata: { name: web, namespace: shop, labels: { app: web } }
        spec: { containers: [{ name: web, image: web }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: coredns, namespace: kube-system, labels: { k8s-app: kube-dns } }
        spec: { containers: [{ name: dns, image: dns }] }
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: { name: web, namespace: shop }
        spec:
          endpointSelector: { matchLabels: { app: web } }
          ingress:
          - fromEndpoints: [{ matchLabels: { app: frontend } }, { matchLabels: { app: admin } }]
            toPorts: [{ ports: [{ port: "8080", protocol: TCP }] }]
        """).Cluster;

    private static CiliumPolicy Web => Cluster.OtherPolicies.OfType<CiliumPolicy>().Single();

    [Fact]
    public void ADnsName_IsAddedWithTheDnsRuleItNeeds()
    {
        var draft = new PeerDraft(PeerKind.DnsName, TrafficDirection.Egress) { DnsName = "api.stripe.com", Ports = "TCP 443" };

        var edited = CiliumPolicyEdits.AddPeer(Cluster, Web, draft, out var dns);

        Assert.True(dns);
        Assert.Equal(["api.stripe.com"], edited.Spec!.Egress[0].Fqdns.Select(f => f.MatchName));
        Assert.Equal(CiliumSynthesizer.DnsVisibility(Cluster, []), edited.Spec.Egress[1]);
        var yaml = ManifestWriter.Write(edited);
        Assert.Contains("matchName: api.stripe.com", yaml, StringComparison.Ordinal);
        Assert.Contains("k8s:k8s-app: kube-dns", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondDnsName_NeedsNoSecondDnsRule()
    {
        var once = CiliumPolicyEdits.AddPeer(Cluster, Web, new PeerDraft(PeerKind.DnsName, TrafficDirection.Egress) { DnsName = "api.stripe.com" }, out _);
        var cluster = Cluster.Apply(PolicyChange.Upsert(once));

        var twice = CiliumPolicyEdits.AddPeer(cluster, once, new PeerDraft(PeerKind.DnsName, TrafficDirection.Egress) { DnsName = "*.example.com" }, out var dns);

        Assert.False(dns);
        Assert.Equal("*.example.com", twice.Spec!.Egress[^1].Fqdns[0].MatchPattern);
    }

    [Theory]
    [InlineData(PeerKind.Entity, RuleAction.Deny, "egressDeny:", "toEntities:")]
    [InlineData(PeerKind.Cidr, RuleAction.Allow, "toCIDRSet:", "except:")]
    [InlineData(PeerKind.PodsInNamespace, RuleAction.Allow, "k8s:io.kubernetes.pod.namespace: payments", "protocol: UDP")]
    public void EachKindOfPeer_IsWrittenInItsSection(PeerKind kind, RuleAction action, string section, string field)
    {
        var draft = new PeerDraft(kind, TrafficDirection.Egress)
        {
            Entity = "kube-apiserver", Cidr = "10.0.0.0/8", Except = "10.1.0.0/16", Namespace = "payments", Labels = "app=api", Ports = "UDP 53", Action = action,
        };

        var yaml = ManifestWriter.Write(CiliumPolicyEdits.AddPeer(Cluster, Web, draft, out _));

        Assert.Contains(section, yaml, StringComparison.Ordinal);
        Assert.Contains(field, yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ADnsNameInADenyRule_IsRefused() =>
        Assert.Throws<ArgumentException>(() => CiliumPolicyEdits.AddPeer(Cluster, Web, new PeerDraft(PeerKind.DnsName, TrafficDirection.Egress) { DnsName = "a.example.com", Action = RuleAction.Deny }, out _));

    [Fact]
    public void ALinksPeer_IsRewritten_AndMovesToTheDenySectionWithItsAction()
    {
        var link = new DiagramLink("in-0-1", TrafficDirection.Ingress, 0, 1, "in:x", RuleAction.Allow, "TCP 8080");
        var draft = CiliumPolicyEdits.Draft(Web, link)!;
        Assert.Equal((PeerKind.Pods, "app=admin", "TCP 8080"), (draft.Kind, draft.Labels, draft.Ports));

        var edited = CiliumPolicyEdits.ReplacePeer(Web, draft with { Action = RuleAction.Deny, Ports = string.Empty });

        Assert.Equal(["app=frontend"], edited.Spec!.Ingress[0].Endpoints.Select(e => e.ToString()));
        Assert.Equal(["app=admin"], Assert.Single(edited.Spec.IngressDeny).Endpoints.Select(e => e.ToString()));
    }

    [Fact]
    public void DeletingTheLastPeerOfADirection_LeavesItIsolated()
    {
        var link = new DiagramLink("in-0-0", TrafficDirection.Ingress, 0, 0, "in:x", RuleAction.Allow, "TCP 8080");
        var once = CiliumPolicyEdits.RemovePeer(Web, link);
        var twice = CiliumPolicyEdits.RemovePeer(once, link);

        Assert.Single(once.Spec!.Ingress[0].Endpoints);
        Assert.Equal(CiliumPeerRule.Empty, Assert.Single(twice.Spec!.Ingress));
        Assert.True(twice.Spec.IsolatesIngress);
    }

    private static readonly Cluster TwoSpecs = ManifestLoader.LoadText("""
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: { name: two }
        specs:
        - description: scrape
          endpointSelector: {}
          ingress:
          - fromEndpoints: [{ matchLabels: { k8s:io.kubernetes.pod.namespace: monitoring } }]
        - description: metadata
          endpointSelector: {}
          egressDeny:
          - toCIDR: [169.254.169.254/32]
        """).Cluster;

    private static CiliumPolicy Two => TwoSpecs.OtherPolicies.OfType<CiliumPolicy>().Single();

    [Fact]
    public void APeerAddedToTheSecondSpec_IsWrittenIntoThatSpecOnly()
    {
        var draft = new PeerDraft(PeerKind.Entity, TrafficDirection.Egress) { Entity = "kube-apiserver", Action = RuleAction.Deny, Spec = 1 };

        var edited = CiliumPolicyEdits.AddPeer(TwoSpecs, Two, draft, out _);

        Assert.Equal(Two.Specs[0], edited.Specs[0]);
        Assert.Equal(["kube-apiserver"], edited.Specs[1].EgressDeny[1].Entities);
    }

    [Fact]
    public void ALinkOfTheSecondSpec_IsRewrittenAndDeletedThere()
    {
        var link = new DiagramLink("out-0-0", TrafficDirection.Egress, 0, 0, "out:x", RuleAction.Deny, "any port") { Spec = 1 };
        var draft = CiliumPolicyEdits.Draft(Two, link)!;
        Assert.Equal((PeerKind.Cidr, "169.254.169.254/32", 1), (draft.Kind, draft.Cidr, draft.Spec));

        var rewritten = CiliumPolicyEdits.ReplacePeer(Two, draft with { Cidr = "169.254.0.0/16" });
        var removed = CiliumPolicyEdits.RemovePeer(Two, link);

        Assert.Equal("169.254.0.0/16", rewritten.Specs[1].EgressDeny[0].Cidrs[0].Cidr);
        Assert.Equal(Two.Specs[0], rewritten.Specs[0]);
        Assert.Equal(Two.Specs[0], removed.Specs[0]);
        Assert.True(removed.Specs[1].EgressDeny.IsEmpty);
    }
}
