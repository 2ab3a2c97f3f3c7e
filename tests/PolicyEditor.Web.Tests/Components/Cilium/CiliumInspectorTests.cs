using Bunit;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Explorer;

namespace PolicyEditor.Web.Tests.Components.Cilium;

/// <summary>The workload inspector and explanations on the Cilium sample: Cilium policies count as policies that select a workload.</summary>
public sealed class CiliumInspectorTests : MudTestContext
{
    private static readonly Cluster CiliumSample = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "cilium-shop")).Cluster;

    private readonly TestExplorer _explorer;

    public CiliumInspectorTests()
        : this(new TestExplorer())
    {
    }

    private CiliumInspectorTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    [Fact]
    public async Task WorkloadInspector_ListsTheCiliumPolicyThatSelectsIt_InsteadOfSayingAnythingMayReachIt()
    {
        await _explorer.OpenAsync(CiliumSample);

        var inspector = Render<WorkloadInspector>(p => p.Add(x => x.WorkloadId, "shop/cart[Deployment]"));

        var ingress = inspector.FindAll("[data-testid=ingress-other-policies] [data-testid=other-policy-chip]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["CiliumNetworkPolicy shop/backends"], ingress);
        Assert.Empty(inspector.FindAll("[data-testid=ingress-policies]"));
        Assert.DoesNotContain("anything may reach it", inspector.Markup, StringComparison.Ordinal);
        Assert.All(inspector.FindAll("[data-testid=tier-policy]"), row => Assert.Contains("Cilium policies", row.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Explanation_NamesTheCiliumPolicy_NotTheNetworkPolicyTier()
    {
        var explanation = new ClusterEvaluator(CiliumSample).Explain(
            Endpoint.Of(CiliumSample.FindWorkload("shop/catalog[Deployment]")!), Endpoint.Of(CiliumSample.FindWorkload("shop/cart[Deployment]")!), Protocol.TCP, 8080);

        var view = Render<ExplanationView>(p => p.Add(x => x.Explanation, explanation));

        Assert.DoesNotContain("NetworkPolicy tier", view.Markup, StringComparison.Ordinal);
        Assert.Contains("decided by the Cilium policies", view.Find("[data-testid=side-ingress]").TextContent, StringComparison.Ordinal);
    }
}
