using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Workspace;

[Collection(WebAppCollection.Name)]
public sealed class WorkspacePageTests(WebAppFixture app)
{
    [Fact]
    public Task WorkspacePage_ShowsTheSampleNamespaces() => app.RunInBrowserAsync(async session =>
    {
        await session.GotoAsync("/");

        var names = session.Page.GetByTestId("namespace-table").GetByTestId("namespace-name");
        await Expect(names).ToHaveTextAsync(["kube-system", "monitoring", "payments", "shop"]);
    });

    [Fact]
    public Task WorkspacePage_ListsTheSamplePolicies_OnThePoliciesTab() => app.RunInBrowserAsync(async session =>
    {
        await session.GotoAsync("/");

        await session.Page.GetByRole(AriaRole.Tab, new() { Name = "Policies" }).ClickAsync();

        var table = session.Page.GetByTestId("policy-table");
        await Expect(table.GetByText("default-deny-all")).ToBeVisibleAsync();
        await Expect(table.GetByText("allow-payment-provider-egress")).ToBeVisibleAsync();
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(9);
    });
}
