using Bunit;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Explorer;

namespace PolicyEditor.Web.Tests.Components.Calico;

/// <summary>The explanation's rule line names a Calico rule's tier and order, as the sentence above it does.</summary>
public sealed class CalicoExplanationViewTests : MudTestContext
{
    private const string Manifests = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 100}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: security.guard}
        spec:
          tier: security
          order: 100
          selector: app == 'db'
          ingress: [{action: Deny, protocol: TCP, source: {selector: app == 'web'}}]
        """;

    [Fact]
    public void TheRuleLine_SaysTierAndOrder_NotPriority()
    {
        var cluster = ManifestLoader.LoadText(Manifests, "calico.yaml").Cluster;
        var explanation = new ClusterEvaluator(cluster).Explain(
            Endpoint.Of(cluster.FindWorkload("shop/web")!), Endpoint.Of(cluster.FindWorkload("shop/db")!), Protocol.TCP, 5432);

        var view = Render<ExplanationView>(p => p.Add(x => x.Explanation, explanation));

        var line = view.Find("[data-testid=rule-ingress]").TextContent;
        Assert.Contains("GlobalNetworkPolicy, tier security, order 100: ingress rule 1, Deny", line, StringComparison.Ordinal);
        Assert.DoesNotContain("priority", line, StringComparison.Ordinal);
    }
}
