using System.Text;
using Bunit;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Components.Matrix;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.Components.Matrix;

/// <summary>The Traffic tab's count of allowed pairs no flow was observed on, and the matrix's marks of observed traffic.</summary>
public sealed class NeverObservedChipTests : MudTestContext
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private readonly TestExplorer _explorer;

    public NeverObservedChipTests()
        : this(new TestExplorer(withTraffic: true))
    {
    }

    private NeverObservedChipTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    [Fact]
    public async Task TheChip_CountsTheAllowedPairsNoFlowWasObservedOn_OncePerAnalysis()
    {
        await _explorer.OpenAsync(Shop);
        await ImportAsync("shop/frontend,shop/catalog,TCP,8080,120\nshop/frontend,shop/cart,TCP,8080,3\n");
        var allowed = Session.Analysis!.Draft.Connections().Count(c => c.Source is Engine.Evaluation.WorkloadEndpoint && c.Destination is Engine.Evaluation.WorkloadEndpoint);

        var chip = Render<NeverObservedChip>();

        chip.WaitForAssertion(() => Assert.Contains($"{allowed - 2} allowed but never observed", chip.Find("[data-testid=traffic-count-never-observed]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task TheMatrix_MarksObservedCells_ByClass()
    {
        await _explorer.OpenAsync(Shop);
        await ImportAsync("shop/frontend,shop/catalog,TCP,8080,120\n");
        await Session.ShowMatrixAsync(true);

        var panel = Render<MatrixPanel>();

        panel.WaitForAssertion(() => Assert.Equal("obs-allowed",
            panel.Find("[data-testid=matrix-cell][data-from='w:shop/frontend[Deployment]'][data-to='w:shop/catalog[Deployment]'] [data-testid=matrix-observed-mark]").GetAttribute("data-class")), TimeSpan.FromSeconds(15));
        Assert.Contains("pe-mc-unobserved", panel.Find("[data-testid=matrix-cell][data-from='w:shop/frontend[Deployment]'][data-to='w:shop/cart[Deployment]']").ClassName, StringComparison.Ordinal);
    }

    private async Task ImportAsync(string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        await Session.ImportFlowsAsync(stream, "flows.csv", null, CancellationToken.None);
    }
}
