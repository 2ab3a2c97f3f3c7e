using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// A Calico host endpoint of the Calico sample (node-1's eth0): clicking its node on the graph opens its own inspector, with
/// its interface and addresses, the policies applying to it by tier and order, Felix's failsafe ports and its default deny.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class CalicoHostEndpointTests(WebAppFixture app)
{
    private const string Node = "o:node-1-eth0[HostEndpoint]";

    [Fact]
    public Task AHostEndpoint_IsDrawnAsAServer_NotAsAWorkloadBox_SelectedOrNot() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        await page.SetViewportSizeAsync(1600, 1000);
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("calico");

        var workload = await LookAsync(page, "w:shop/frontend[Deployment]");
        var host = await LookAsync(page, Node);
        Assert.Equal("barrel", host.Shape);
        Assert.Equal("double", host.Border);
        Assert.Contains("svg", host.Image, StringComparison.Ordinal);
        Assert.NotEqual(workload.Shape, host.Shape);
        Assert.DoesNotContain("svg", workload.Image, StringComparison.Ordinal);

        // Selected, it keeps its double border (a selected node's border is otherwise solid).
        await explorer.ClickAsync(Node);
        await Expect(page.GetByTestId("host-endpoint-inspector")).ToBeVisibleAsync();
        Assert.Equal(host, await LookAsync(page, Node));
        await explorer.ScreenshotAsync("calico-host-endpoint-shape");
        session.AssertNoProblems();
    });

    private static async Task<Look> LookAsync(Microsoft.Playwright.IPage page, string node)
    {
        var look = await page.EvaluateAsync<System.Text.Json.JsonElement>("id => window.policyEditorGraph.look(id)", node);
        return new Look(look.GetProperty("shape").GetString()!, look.GetProperty("border").GetString()!, look.GetProperty("image").GetString()!);
    }

    private sealed record Look(string Shape, string Border, string Image);

    [Fact]
    public Task ClickingAHostEndpoint_ShowsItsInspector_WithItsPoliciesFailsafePortsAndDefault() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        await page.SetViewportSizeAsync(1600, 1000);
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("calico");

        await explorer.ClickAsync(Node);

        var inspector = page.GetByTestId("host-endpoint-inspector");
        await Expect(inspector.GetByTestId("inspector-title")).ToHaveTextAsync("node-1-eth0");
        await Expect(inspector.GetByTestId("host-expected-ips")).ToHaveTextAsync("10.0.0.11/32");
        var nodes = inspector.Locator("[data-testid=host-policy][data-policy='GlobalNetworkPolicy security.nodes']");
        await Expect(nodes.GetByTestId("host-policy-tier")).ToHaveTextAsync("security");
        await Expect(nodes.GetByTestId("host-policy-order")).ToHaveTextAsync("50");
        await Expect(inspector.GetByTestId("failsafe-inbound")).ToContainTextAsync("TCP 22");
        await Expect(inspector.GetByTestId("host-default")).ToHaveTextAsync("default deny");
        await Expect(inspector.GetByTestId("host-default-text")).ToContainTextAsync("on interface eth0 only");
        await explorer.ScreenshotsAsync("calico-host-endpoint");
        session.AssertNoProblems();
    });
}
