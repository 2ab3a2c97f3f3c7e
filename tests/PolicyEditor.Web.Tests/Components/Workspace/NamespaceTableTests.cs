using Bunit;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Components.Workspace;

namespace PolicyEditor.Web.Tests.Components.Workspace;

public sealed class NamespaceTableTests : MudTestContext
{
    [Theory]
    [InlineData("shop", 5, 5)]
    [InlineData("payments", 1, 4)]
    [InlineData("kube-system", 1, 0)]
    [InlineData("monitoring", 1, 0)]
    public void Row_CountsTheNamespacesWorkloadsAndPolicies(string ns, int workloads, int policies)
    {
        var table = Render<NamespaceTable>(p => p.Add(t => t.Cluster, SampleFiles.LoadShop().Result.Cluster));

        var row = table.FindAll("tbody tr").Single(r => r.QuerySelector("[data-testid=namespace-name]")?.TextContent == ns);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(workloads.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);
        Assert.Equal(policies.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[3]);
    }

    [Fact]
    public void EmptyCluster_SaysNothingWasLoaded()
    {
        var table = Render<NamespaceTable>(p => p.Add(t => t.Cluster, Cluster.Empty));

        Assert.Contains("No namespaces were loaded.", table.Markup, StringComparison.Ordinal);
    }
}
