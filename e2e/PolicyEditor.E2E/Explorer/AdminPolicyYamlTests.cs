using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>An AdminNetworkPolicy typed into the YAML pane changes the graph, is named in the impact, and undo takes it back.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AdminPolicyYamlTests(WebAppFixture app)
{
    private const string CheckoutToPayments = "w:shop/checkout[Deployment]->w:payments/payments-api[Deployment]";

    private const string Lockdown = """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata:
          name: payments-lockdown
        spec:
          priority: 10
          subject:
            namespaces:
              matchLabels:
                kubernetes.io/metadata.name: payments
          ingress:
          - name: deny-shop
            action: Deny
            from:
            - namespaces:
                matchLabels:
                  kubernetes.io/metadata.name: shop
        ---

        """;

    [Fact]
    public Task AdminNetworkPolicyTypedInYaml_BlocksTheEdge_AndUndoTakesItBack() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("shop");
        await explorer.OpenYamlAsync();

        await explorer.ReplaceYamlAsync("apiVersion: networking.k8s.io/v1\n", Lockdown + "apiVersion: networking.k8s.io/v1\n");

        await explorer.WaitForEdgeClassAsync(CheckoutToPayments, "blocked");
        await Expect(session.Page.GetByTestId("yaml-pane")).ToContainTextAsync("kind: AdminNetworkPolicy");
        await explorer.ScreenshotAsync("explorer-yaml-admin-policy");
        await explorer.TabAsync("Impact");
        var rows = session.Page.Locator("[data-testid=impact-row][data-destination='payments/payments-api[Deployment]']");
        await Expect(rows.First.GetByTestId("impact-causes")).ToContainTextAsync("AdminNetworkPolicy payments-lockdown");
        await explorer.ScreenshotAsync("explorer-impact-admin-policy");

        await session.Page.GetByTestId("undo").ClickAsync();
        await Expect(session.Page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();
        await explorer.OpenYamlAsync();
        await Expect(session.Page.GetByTestId("yaml-pane")).Not.ToContainTextAsync("payments-lockdown");
        session.AssertNoProblems();
    });
}
