using Microsoft.Playwright;
using PolicyEditor.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Explorer;

/// <summary>
/// Editing Calico and Cilium policies in the policy view: a Deny peer dragged from the palette onto a Calico policy's
/// subject and placed first is written as the first rule and blocks the graph's edge; a DNS name dragged onto a Cilium
/// policy's subject is written as toFQDNs with the DNS rule it needs, and its DNS node is drawn.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PolicyViewDialectEditingTests(WebAppFixture app)
{
    private const string PrometheusToPayments = "w:monitoring/prometheus[Deployment]->w:payments/payments-api[Deployment]";

    [Fact]
    public Task ACalicoDenyPeer_FromThePalette_IsTheFirstRule_InTheYamlAndTheGraph() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("calico");
        await page.WaitForFunctionAsync("id => window.policyEditorGraph?.snapshot()?.edges.some(e => e.id === id && !e.classes.includes('blocked'))", PrometheusToPayments);
        await PolicyViewTests.OpenFromYamlAsync(page, explorer, "GlobalNetworkPolicy security.guardrails");
        var view = page.GetByTestId("policy-view");

        await explorer.DropPeerOnSubjectAsync(view, "Namespace", egress: false);
        var editor = view.Locator("[data-testid=pv-node][data-shape=New] [data-testid=pv-editor]");
        await Expect(editor).ToHaveAttributeAsync("data-direction", "Ingress");
        await editor.Locator("[data-testid=pv-action][data-action=Deny]").ClickAsync();
        await editor.GetByTestId("pv-position").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "rule 1, before" }).First.ClickAsync();
        await editor.GetByTestId("pv-namespace").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "monitoring" }).First.ClickAsync();
        await explorer.ScreenshotAsync("policy-view-calico-editor");
        await editor.GetByTestId("pv-add").ClickAsync();
        var pending = view.GetByTestId("pv-pending");
        await Expect(pending).ToContainTextAsync("Deny from namespace monitoring on any port in GlobalNetworkPolicy security.guardrails, as ingress rule 1");
        await pending.GetByTestId("pv-apply").ClickAsync();

        await Expect(view.Locator("[data-testid=pv-rules-ingress] [data-testid=pv-rule]").First).ToHaveAttributeAsync("data-action", "Deny");
        await Expect(view.Locator("[data-testid=pv-rules-ingress] [data-testid=pv-rule]").First).ToContainTextAsync("1. DENY · any port");
        await Expect(view.Locator("[data-testid=pv-rules-ingress] [data-testid=pv-rule]").First).ToContainTextAsync("'monitoring'");
        await explorer.WaitForEdgeClassAsync(PrometheusToPayments, "blocked");
        await explorer.OpenYamlAsync();
        var yaml = await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()");
        var policy = yaml[yaml.IndexOf("name: security.guardrails", StringComparison.Ordinal)..];
        var denyMonitoring = policy.IndexOf("projectcalico.org/name == 'monitoring'", StringComparison.Ordinal);
        Assert.True(denyMonitoring > 0 && denyMonitoring < policy.IndexOf("app == 'checkout'", StringComparison.Ordinal), policy);
        Assert.StartsWith("- action: Deny", policy[policy.IndexOf("ingress:", StringComparison.Ordinal)..].Split('\n')[1].Trim(), StringComparison.Ordinal);
        await explorer.ScreenshotAsync("policy-view-calico-deny-added");

        await page.GetByTestId("undo").ClickAsync();
        await page.WaitForFunctionAsync("id => window.policyEditorGraph?.snapshot()?.edges.some(e => e.id === id && !e.classes.includes('blocked'))", PrometheusToPayments);
        session.AssertNoProblems();
    });

    [Fact]
    public Task ACiliumDnsNamePeer_IsWrittenWithItsDnsRule_AndDrawn() => app.RunInBrowserAsync(async session =>
    {
        var page = session.Page;
        var explorer = new ExplorerPage(page);
        await page.SetViewportSizeAsync(1600, 1000);
        await explorer.OpenSampleAsync("cilium");
        await PolicyViewTests.OpenFromYamlAsync(page, explorer, "CiliumNetworkPolicy shop/frontend");
        var view = page.GetByTestId("policy-view");

        await explorer.DropPeerOnSubjectAsync(view, "DnsName", egress: true);
        var editor = view.Locator("[data-testid=pv-node][data-shape=New] [data-testid=pv-editor]");
        await Expect(editor).ToHaveAttributeAsync("data-direction", "Egress");
        await editor.Locator("input[data-testid=pv-dns-name], [data-testid=pv-dns-name] input").First.FillAsync("cdn.example.com");
        await editor.Locator("input[data-testid=pv-ports], [data-testid=pv-ports] input").First.FillAsync("TCP 443");
        await explorer.ScreenshotAsync("policy-view-cilium-editor");
        await editor.GetByTestId("pv-add").ClickAsync();
        var pending = view.GetByTestId("pv-pending");
        await Expect(pending).ToContainTextAsync("with the DNS rule it needs");
        await pending.GetByTestId("pv-apply").ClickAsync();

        await Expect(view.Locator("[data-testid=pv-node][data-shape=DnsName]")).ToContainTextAsync("cdn.example.com");
        await explorer.OpenYamlAsync();
        await page.WaitForFunctionAsync("() => window.policyEditorYaml.text().includes('matchName: cdn.example.com')");
        var yaml = await page.EvaluateAsync<string>("() => window.policyEditorYaml.text()");
        var frontend = yaml[yaml.IndexOf("name: frontend", StringComparison.Ordinal)..];
        frontend = frontend[..frontend.IndexOf("\n---", StringComparison.Ordinal)];
        Assert.Contains("toFQDNs:", frontend, StringComparison.Ordinal);
        Assert.Contains("k8s:k8s-app: kube-dns", frontend, StringComparison.Ordinal);
        Assert.Contains("dns:", frontend, StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => window.policyEditorGraph.snapshot().nodes.some(n => n.id === 'o:cdn.example.com[DNS]')");
        await explorer.ScreenshotAsync("policy-view-cilium-dns-added");
        session.AssertNoProblems();
    });
}
