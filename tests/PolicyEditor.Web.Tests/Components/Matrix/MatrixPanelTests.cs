using Bunit;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Matrix;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Tests.ExplorerModel;

namespace PolicyEditor.Web.Tests.Components.Matrix;

/// <summary>The matrix panel: it draws the session's matrix, a cell click selects through the session, filters and pages keep REAL-sized matrices small.</summary>
public sealed class MatrixPanelTests : MudTestContext
{
    private const string Frontend = "w:shop/frontend[Deployment]";
    private const string Catalog = "w:shop/catalog[Deployment]";

    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private readonly TestExplorer _explorer;

    public MatrixPanelTests()
        : this(new TestExplorer())
    {
    }

    private MatrixPanelTests(TestExplorer explorer)
        : base(services: explorer.AddTo) => _explorer = explorer;

    private ExplorerSession Session => _explorer.Session;

    private static string Cell(string from, string to) => $"[data-testid=matrix-cell][data-from='{from}'][data-to='{to}']";

    [Fact]
    public async Task Matrix_DrawsACellPerPair_WithWhatItAllows()
    {
        await _explorer.OpenAsync(Shop);
        await Session.ShowMatrixAsync(true);

        var panel = Render<MatrixPanel>();

        panel.WaitForAssertion(() => Assert.Equal("some", panel.Find(Cell(Frontend, Catalog)).GetAttribute("data-level")), TimeSpan.FromSeconds(15));
        Assert.Contains("TCP 8080", panel.Find(Cell(Frontend, Catalog)).TextContent, StringComparison.Ordinal);
        Assert.Equal(10, panel.FindAll("[data-testid=matrix-row]").Count);
        Assert.StartsWith("shop/frontend → shop/catalog", panel.Find(Cell(Frontend, Catalog)).GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("pe-mc-self", panel.Find(Cell(Frontend, Frontend)).ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACellClick_SelectsThePair_AsTheGraphDoes()
    {
        await _explorer.OpenAsync(Shop);
        await Session.ShowMatrixAsync(true);
        var panel = Render<MatrixPanel>();
        panel.WaitForElement(Cell(Frontend, Catalog), TimeSpan.FromSeconds(15));

        await panel.Find(Cell(Frontend, Catalog)).ClickAsync(new());

        Assert.Equal(ExplorerTab.Inspect, Session.Tab);
        Assert.Equal("shop/catalog[Deployment]", Session.Selection.Pair?.Destination.Id);
        panel.WaitForAssertion(() => Assert.Equal("true", panel.Find(Cell(Frontend, Catalog)).GetAttribute("aria-selected")));
    }

    [Fact]
    public async Task ANamespaceCell_ListsItsPairs_AsAnEdgeOfTheGraph()
    {
        await _explorer.OpenAsync(MatrixViewTests.Large(namespaces: 4, perNamespace: 80));
        await Session.ShowMatrixAsync(true);
        var panel = Render<MatrixPanel>();
        panel.WaitForElement(Cell("ns:ns-0", "ns:ns-1"), TimeSpan.FromSeconds(15));

        await panel.Find(Cell("ns:ns-0", "ns:ns-1")).ClickAsync(new());

        Assert.Equal(("ns:ns-0", "ns:ns-1"), (Session.Selection.Edge?.Source, Session.Selection.Edge?.Target));
        Assert.Equal(EdgePairs.Limit, Session.Answers.PairsOf(Session.Selection.Edge!, Session.Graph).Rows.Count);
    }

    [Fact]
    public async Task TheRowFilter_KeepsTheRowsThatMatch_AndAPageAtATime()
    {
        await _explorer.OpenAsync(MatrixViewTests.Large(namespaces: 90, perNamespace: 4));
        await Session.ShowMatrixAsync(true);
        var panel = Render<MatrixPanel>();
        panel.WaitForAssertion(() => Assert.Equal(MatrixWindow.RowPage, panel.FindAll("[data-testid=matrix-row]").Count), TimeSpan.FromSeconds(15));
        Assert.Equal(MatrixWindow.ColumnPage(compact: true), panel.FindAll("[data-testid=matrix-column]").Count);

        panel.Find("input[data-testid=matrix-row-filter], [data-testid=matrix-row-filter] input").Input("ns-4");

        panel.WaitForAssertion(() => Assert.Equal(11, panel.FindAll("[data-testid=matrix-row]").Count), TimeSpan.FromSeconds(5));
        panel.Find("[data-testid=matrix-columns-next]").Click();
        panel.WaitForAssertion(() => Assert.Equal("ns:ns-38", panel.FindAll("[data-testid=matrix-column]")[0].GetAttribute("data-node")));
    }

    [Fact]
    public async Task ArrowKeys_MoveTheActiveCell()
    {
        await _explorer.OpenAsync(Shop);
        await Session.ShowMatrixAsync(true);
        var panel = Render<MatrixPanel>();
        panel.WaitForElement("[data-testid=matrix-grid]", TimeSpan.FromSeconds(15));
        Assert.Single(panel.FindAll("[data-testid=matrix-cell][tabindex='0']"));

        panel.Find("[data-testid=matrix-grid]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowDown" });
        panel.Find("[data-testid=matrix-grid]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight" });

        var active = panel.Find("[data-testid=matrix-cell][tabindex='0']");
        var (from, to) = (panel.FindAll("[data-testid=matrix-row]")[1].GetAttribute("data-node"), panel.FindAll("[data-testid=matrix-column]")[1].GetAttribute("data-node"));
        Assert.Equal(from, active.GetAttribute("data-from"));
        Assert.Equal(to, active.GetAttribute("data-to"));

        // Enter selects the cell the keys moved to, whether or not the browser's focus followed yet.
        await panel.Find("[data-testid=matrix-grid]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        panel.WaitForAssertion(() => Assert.Equal("true", panel.Find(Cell(from!, to!)).GetAttribute("aria-selected")));
    }

    [Fact]
    public async Task SortingByMostAllowed_PutsTheBusiestRowFirst_WithItsNamespace()
    {
        await _explorer.OpenAsync(Shop);
        await Session.ShowMatrixAsync(true);
        var panel = Render<MatrixPanel>();
        panel.WaitForElement("[data-testid=matrix-grid]", TimeSpan.FromSeconds(15));
        var view = Session.Matrix!;
        var busiest = view.Rows.MaxBy(r => view.AllowedPairs(r, asRow: true));

        panel.Find("[data-testid=matrix-sort-allowed]").Click();

        panel.WaitForAssertion(() => Assert.Equal(view.Lines[busiest].NodeId, panel.FindAll("[data-testid=matrix-row]")[0].GetAttribute("data-node")));
        Assert.Empty(panel.FindAll("[data-testid=matrix-group]"));
        var line = view.Lines[busiest];
        Assert.Contains(line.Kind == GraphIds.WorkloadKind ? $"{line.Namespace}/{line.Label}" : line.Label, panel.FindAll("[data-testid=matrix-row]")[0].TextContent, StringComparison.Ordinal);
    }
}
