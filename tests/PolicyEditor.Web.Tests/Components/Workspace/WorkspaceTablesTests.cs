using Bunit;
using PolicyEditor.Web.Components.Workspace;

namespace PolicyEditor.Web.Tests.Components.Workspace;

public sealed class WorkspaceTablesTests : MudTestContext
{
    [Fact]
    public void WorkspaceTables_ShowTheSampleNamespacesFirst()
    {
        var tables = Render<WorkspaceTables>(p => p.Add(t => t.Sample, SampleFiles.LoadShop()));

        var names = tables.FindAll("[data-testid=namespace-name]").Select(e => e.TextContent).ToList();
        Assert.Equal(["kube-system", "monitoring", "payments", "shop"], names);
    }
}
