using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// The Cilium sample in the browser: DNS names and entities on the graph, the enforcement mode beside it, an L7
/// rule on an edge and in the inspector, an edge drawn to a DNS name writing toFQDNs with the DNS rule it needs,
/// and a deny of a selected pair writing one ingressDeny rule.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class CiliumTests(WebAppFixture app)
{
    private const string Frontend = "w:shop/frontend[Deployment]";
    private const string Cart = "w:shop/cart[Deployment]";
    private const string Stripe = "o:api.stripe.com[DNS]";

    [Fact]
    public Task CiliumSample_ShowsDnsNamesAndL7Rules_AndDrawingWritesCiliumNetworkPolicies() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        await page.SetViewportSizeAsync(1600, 1000);
        var explorer = new ExplorerPage(page);
        await explorer.OpenSampleAsync("cilium");

        // The DNS name is a node; the frontend's calls into the cart carry the L7 marker; the enforcement mode is beside the graph.
        var graph = await explorer.SnapshotAsync();
        Assert.Equal("dns", graph.NodeById(Stripe)!.Kind);
        var l7 = graph.EdgeById($"{Frontend}->{Cart}")!;
        Assert.Contains("l7", l7.Classes);
        Assert.EndsWith("· L7", l7.Label, StringComparison.Ordinal);
        await Expect(page.GetByTestId("cilium-enforcement")).ToHaveAttributeAsync("data-mode", "default");
        await Expect(page.GetByTestId("legend-l7")).ToBeVisibleAsync();

        // The cart's inspector lists the CiliumNetworkPolicy that isolates it.
        await explorer.ClickAsync(Cart);
        await Expect(page.GetByTestId("workload-inspector").GetByTestId("ingress-other-policies")).ToContainTextAsync("CiliumNetworkPolicy shop/backends");
        await explorer.ScreenshotAsync("cilium-workload-inspector");

        // The inspector of that pair names the HTTP rule and its policy.
        await explorer.ClickAsync($"{Frontend}->{Cart}");
        await Expect(page.GetByTestId("pair-l7")).ToContainTextAsync("filtered by Cilium's proxy");
        await Expect(page.GetByTestId("pair-l7-rule")).ToContainTextAsync("HTTP GET /.*");
        await explorer.ScreenshotAsync("cilium-l7-inspector");

        // Delete on that pair: one ingressDeny rule.
        await page.Keyboard.PressAsync("Delete");
        var dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-option").First).ToContainTextAsync("exactly this, nothing else");
        await Expect(dialog.GetByTestId("intent-yaml")).ToContainTextAsync("ingressDeny:");
        await Expect(dialog.GetByTestId("intent-yaml")).ToContainTextAsync("kind: CiliumNetworkPolicy");
        await explorer.ScreenshotAsync("cilium-deny-dialog");
        await page.GetByTestId("intent-apply").ClickAsync();
        await page.WaitForFunctionAsync("id => window.policyEditorGraph.snapshot().edges.some(e => e.id === id && e.classes.includes('blocked'))", $"{Frontend}->{Cart}");

        // With the enforcement mode 'always' every endpoint is in default deny: an edge drawn from the cart to the DNS
        // name writes toFQDNs and the DNS rule to kube-dns, in a CiliumNetworkPolicy.
        await page.GetByTestId("cilium-enforcement").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("always", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("cilium-enforcement")).ToHaveAttributeAsync("data-mode", "always");
        await explorer.ScreenshotAsync("cilium-enforcement-always");
        await explorer.StartDrawingAsync();
        await explorer.DragAsync(Cart, Stripe);
        dialog = page.GetByTestId("intent-dialog");
        await Expect(dialog.GetByTestId("intent-title")).ToHaveTextAsync("Allow shop/cart[Deployment] to reach api.stripe.com[DNS] on TCP 443");
        await Expect(dialog.GetByTestId("intent-yaml")).ToContainTextAsync("kind: CiliumNetworkPolicy");
        await Expect(dialog.GetByTestId("intent-yaml")).ToContainTextAsync("matchName: api.stripe.com");
        await Expect(dialog.GetByTestId("intent-yaml")).ToContainTextAsync("k8s:k8s-app: kube-dns");
        await explorer.ScreenshotAsync("cilium-allow-dns-dialog");
        await page.GetByTestId("intent-apply").ClickAsync();
        // Against the baseline (mode 'default', the cart's egress open) the edge changed from everything to TCP 443.
        await page.WaitForFunctionAsync("id => window.policyEditorGraph.snapshot().edges.some(e => e.id === id && e.label.includes('TCP 443'))", $"{Cart}->{Stripe}");
        await explorer.ScreenshotAsync("cilium-dns-edge");
        var answer = await explorer.AskAsync("shop/cart", "api.stripe.com[DNS]", "443");
        await Expect(answer.GetByTestId("verdict")).ToHaveTextAsync("ALLOWED");

        await explorer.OpenYamlAsync();
        var yaml = await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()");
        Assert.Contains("name: deny-frontend-to-cart", yaml, StringComparison.Ordinal);
        Assert.Contains("toFQDNs:", yaml[yaml.IndexOf("name: allow-cart-to-api.stripe.com", StringComparison.Ordinal)..], StringComparison.Ordinal);
        await explorer.ScreenshotAsync("cilium-yaml");
        session.AssertNoProblems();
    });
}
