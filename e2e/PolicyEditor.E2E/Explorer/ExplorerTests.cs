using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The explorer on the shop sample, each test in a workspace of its own. The graph is asserted through its
/// test hook (nodes, edges, classes), not pixels; screenshots of the main states go to the test results.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ExplorerTests(WebAppFixture app)
{
    private const string Frontend = "w:shop/frontend[Deployment]";
    private const string CheckoutToPayments = "w:shop/checkout[Deployment]->w:payments/payments-api[Deployment]";

    /// <summary>The rule of allow-checkout-to-payments-api, as the YAML pane writes it.</summary>
    internal const string CheckoutRule = """
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: shop
              podSelector:
                matchLabels:
                  app: checkout
            ports:
            - protocol: TCP
              port: https

        """;

    [Fact]
    public Task Graph_DrawsTheSampleNamespacesWorkloadsAndOutside() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("shop");

        var graph = await explorer.SnapshotAsync();

        Assert.Equal(["ns:kube-system", "ns:monitoring", "ns:payments", "ns:shop"], graph.Nodes.Where(n => n.Kind == "namespace").Select(n => n.Id).Order());
        Assert.Equal(["cart", "catalog", "checkout", "db", "frontend"], graph.Nodes.Where(n => n.Parent == "ns:shop").Select(n => n.Label.Split('\n')[0]).Order());
        Assert.Equal("ns:payments", graph.NodeById("w:payments/payments-api[Deployment]")?.Parent);
        Assert.Contains("internet", graph.NodeById("x:internet")!.Classes);
        Assert.Contains(graph.Nodes, n => n.Kind == "external" && n.Label.StartsWith("203.0.113.0/25", StringComparison.Ordinal));
        Assert.Contains("deny-egress", graph.NodeById("ns:payments")!.Classes);
        Assert.Contains("open-ingress", graph.NodeById("w:kube-system/kube-dns[Deployment]")!.Classes);
        var checkout = graph.EdgeById(CheckoutToPayments)!;
        Assert.Equal("TCP 8443", checkout.Label);
        Assert.Contains("tcp", checkout.Classes);
        // kube-dns takes everything from anywhere: one badge, not an edge from every peer (shop's workloads, prometheus, the internet).
        Assert.EndsWith("⇄ anywhere: all", graph.NodeById("w:kube-system/kube-dns[Deployment]")!.Label, StringComparison.Ordinal);
        Assert.Null(graph.EdgeById("ns:shop->w:kube-system/kube-dns[Deployment]"));
        Assert.EndsWith("← anywhere: TCP 8080", graph.NodeById("w:shop/frontend[Deployment]")!.Label, StringComparison.Ordinal);
        Assert.Equal("TCP 8080, 9090", graph.EdgeById("w:monitoring/prometheus[Deployment]->w:shop/frontend[Deployment]")!.Label);

        // Drawing the open edges brings them back.
        await session.Page.GetByTestId("graph-open-edges").ClickAsync();
        await session.Page.WaitForFunctionAsync("() => window.policyEditorGraph.snapshot().edges.some(e => e.id === 'ns:shop->w:kube-system/kube-dns[Deployment]')");
        await session.Page.GetByTestId("graph-open-edges").ClickAsync();
        await session.Page.WaitForFunctionAsync("() => !window.policyEditorGraph.snapshot().edges.some(e => e.id === 'ns:shop->w:kube-system/kube-dns[Deployment]')");
        await explorer.ScreenshotAsync("explorer-graph-light");

        await explorer.ToggleThemeAsync("dark");
        await explorer.ScreenshotAsync("explorer-graph-dark");
        session.AssertNoProblems();
    });

    [Fact]
    public Task SelectingAWorkload_ShowsItsPoliciesAndFocusesTheGraph() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("shop");

        await explorer.ClickAsync(Frontend);

        var inspector = session.Page.GetByTestId("workload-inspector");
        await Expect(inspector.GetByTestId("inspector-title")).ToHaveTextAsync("frontend");
        await Expect(inspector.GetByTestId("ingress-policies").GetByTestId("policy-chip")).ToHaveTextAsync(["default-deny-ingress", "allow-web-to-frontend", "allow-prometheus-scrape"]);
        await Expect(inspector.GetByTestId("egress-policies")).ToContainTextAsync("None");
        await Expect(inspector.GetByTestId("can-reach").GetByTestId("peer-row")).ToHaveCountAsync(7);
        var graph = await explorer.SnapshotAsync();
        Assert.Equal(Frontend, graph.Focus);
        // payments-api neither reaches frontend (its namespace denies egress) nor is reached by it.
        Assert.Contains("dimmed", graph.NodeById("w:payments/payments-api[Deployment]")!.Classes);
        Assert.Contains("peer", graph.NodeById("w:shop/db[StatefulSet]")!.Classes);
        Assert.DoesNotContain("dimmed", graph.NodeById("w:shop/catalog[Deployment]")!.Classes);
        await explorer.ScreenshotAsync("explorer-workload-selected");

        await inspector.GetByTestId("ingress-policies").GetByText("allow-web-to-frontend").ClickAsync();
        await Expect(session.Page.GetByTestId("policy-details")).ToHaveAttributeAsync("data-policy", "shop/allow-web-to-frontend");
        await Expect(session.Page.GetByTestId("policy-yaml")).ToContainTextAsync("port: http");
        await explorer.ScreenshotAsync("explorer-policy-details");
        session.AssertNoProblems();
    });

    [Fact]
    public Task AskBox_GivesTheEnginesVerdictAndExplanation() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("shop");
        await explorer.TabAsync("Ask");
        var ask = session.Page.GetByTestId("reach-query");

        await ExplorerPage.FillAskFieldAsync(ask, "query-source", "shop/frontend");
        await ExplorerPage.FillAskFieldAsync(ask, "query-destination", "shop/db");
        await ExplorerPage.FillAskFieldAsync(ask, "query-port", "5432");
        await ask.GetByTestId("query-ask").ClickAsync();

        var answer = ask.GetByTestId("query-answer");
        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("DENIED");
        await Expect(answer.GetByTestId("reason-ingress")).ToContainTextAsync("isolated for ingress by shop/default-deny-ingress");
        await Expect(answer.GetByTestId("reason-egress")).ToContainTextAsync("not isolated");

        await ExplorerPage.FillAskFieldAsync(ask, "query-source", "shop/checkout");
        await ExplorerPage.FillAskFieldAsync(ask, "query-destination", "payments/payments-api");
        await ExplorerPage.FillAskFieldAsync(ask, "query-port", "8443");
        await ask.GetByTestId("query-ask").ClickAsync();

        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("ALLOWED");
        await Expect(answer.GetByTestId("rule-ingress")).ToContainTextAsync("payments/allow-checkout-to-payments-api");
        await Expect(answer.GetByTestId("rule-ingress")).ToContainTextAsync("ingress rule 1");
        await explorer.ScreenshotAsync("explorer-ask");

        await ExplorerPage.FillAskFieldAsync(ask, "query-source", "8.8.8.8");
        await ExplorerPage.FillAskFieldAsync(ask, "query-destination", "frontend");
        await ExplorerPage.FillAskFieldAsync(ask, "query-port", "8080");
        await ask.GetByTestId("query-ask").ClickAsync();

        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("ALLOWED");
        await Expect(answer.GetByTestId("rule-ingress")).ToContainTextAsync("shop/allow-web-to-frontend");
        session.AssertNoProblems();
    });

    [Fact]
    public Task DeletingARuleInYaml_DrawsTheEdgeBlockedAndListsItInTheImpact() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("shop");
        var workspace = session.Page.Url;
        var other = await session.Page.Context.NewPageAsync();
        await other.GotoAsync(workspace);
        var otherExplorer = new ExplorerPage(other);
        await otherExplorer.WaitForGraphAsync();
        await explorer.OpenYamlAsync();

        await explorer.ReplaceYamlAsync(CheckoutRule, string.Empty);

        var edge = await explorer.WaitForEdgeClassAsync(CheckoutToPayments, "blocked");
        Assert.Equal(["none", "blocked"], edge.Classes);
        Assert.Equal("✕ TCP 8443", edge.Label);
        await Expect(session.Page.GetByTestId("draft-chip")).ToContainTextAsync("1 connection change");
        await explorer.ScreenshotAsync("explorer-yaml-rule-deleted");
        await explorer.TabAsync("Impact");
        var rows = session.Page.GetByTestId("impact-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-kind", "blocked");
        await Expect(rows).ToHaveAttributeAsync("data-source", "shop/checkout[Deployment]");
        await Expect(rows).ToHaveAttributeAsync("data-destination", "payments/payments-api[Deployment]");
        await Expect(rows.GetByTestId("impact-causes")).ToContainTextAsync("payments/allow-checkout-to-payments-api");
        await explorer.ScreenshotAsync("explorer-impact");

        // Every open view of the workspace follows the change.
        await otherExplorer.WaitForEdgeClassAsync(CheckoutToPayments, "blocked");

        await rows.ClickAsync();
        await Expect(session.Page.GetByTestId("pair-explainer").GetByTestId("pair-before")).ToHaveTextAsync("TCP 8443");
        await Expect(session.Page.GetByTestId("pair-explainer").GetByTestId("verdict").First).ToHaveTextAsync("DENIED");

        await session.Page.GetByTestId("revert").ClickAsync();
        await Expect(session.Page.Locator(".mud-message-box")).ToContainTextAsync("1 connection change is dropped");
        await session.Page.Locator(".mud-message-box__yes-button").ClickAsync();
        await Expect(session.Page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();
        Assert.DoesNotContain("blocked", (await explorer.SnapshotAsync()).EdgeById(CheckoutToPayments)!.Classes);
        session.AssertNoProblems();
    });

    [Fact]
    public Task InvalidYaml_ShowsTheErrorAtItsLineAndKeepsTheGraph() => app.RunInBrowserAsync(async session =>
    {
        var explorer = new ExplorerPage(session.Page);
        await explorer.OpenSampleAsync("shop");
        var before = await explorer.SnapshotAsync();
        await explorer.OpenYamlAsync();

        // Line 16 of the text: right after allow-dns-egress's name.
        await explorer.ReplaceYamlAsync("  name: allow-dns-egress\n", "  name: allow-dns-egress\n  labels: [unclosed\n");

        var pane = session.Page.GetByTestId("yaml-pane");
        await Expect(pane).ToHaveAttributeAsync("data-state", "invalid");
        var error = pane.GetByTestId("yaml-error");
        await Expect(error).ToHaveAttributeAsync("data-line", "16");
        await Expect(error).ToContainTextAsync("Line 16: This is not valid YAML");
        var marks = await session.Page.EvaluateAsync<int[]>("() => window.policyEditorYaml.diagnostics().map(d => d.line)");
        Assert.Equal([16], marks);
        await Expect(pane.GetByTestId("yaml-status")).ToContainTextAsync("not applied");
        await explorer.ScreenshotAsync("explorer-yaml-invalid");

        var after = await explorer.SnapshotAsync();
        Assert.Equal(before.Edges.Select(e => (e.Id, e.Label, string.Join(' ', e.Classes))), after.Edges.Select(e => (e.Id, e.Label, string.Join(' ', e.Classes))));
        await Expect(session.Page.GetByTestId("draft-chip-clean")).ToBeVisibleAsync();

        await explorer.ToggleThemeAsync("dark");
        await explorer.ScreenshotAsync("explorer-yaml-invalid-dark");
        session.AssertNoProblems();
    });
}
