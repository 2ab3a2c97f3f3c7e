using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Components.Import;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Components.Import;

/// <summary>What the import dialog says happens is what happens: a warned object is imported as read only when the user says so, and the warning stays in the history.</summary>
public sealed class ImportDialogTests : MudTestContext
{
    private const string MisspeltPolicy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingres:
            - from: [{podSelector: {}}]
        """;

    private readonly ImportService _imports;

    public ImportDialogTests()
        : this(new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance))
    {
    }

    private ImportDialogTests(WorkspaceService workspaces)
        : this(new ImportService(workspaces, new WorkspaceAnalyzer(), Options.Create(new ImportOptions())))
    {
    }

    private ImportDialogTests(ImportService imports)
        : base(services: s => s.AddSingleton(imports).AddSingleton(new ClusterImport(Options.Create(new ImportOptions()), NullLogger<ClusterImport>.Instance)))
    {
        _imports = imports;
    }

    [Fact]
    public async Task APastedPolicyWithAMisspeltField_SaysItIsImportedWithoutIt_AndApplyWaitsForConsent()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var shown = provider.InvokeAsync(() => ImportDialog.ShowAsync(dialogs, null));
        provider.WaitForAssertion(() => provider.Find("[data-testid=import-dialog]"));

        provider.FindAll(".mud-tab").First(t => t.TextContent.Contains("Paste", StringComparison.Ordinal)).Click();
        provider.WaitForAssertion(() => provider.Find("textarea"));
        provider.Find("textarea").Input(MisspeltPolicy);
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=import-read-paste]").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        await provider.Find("[data-testid=import-read-paste]").ClickAsync(new());
        provider.WaitForAssertion(() => provider.Find("[data-testid=import-warnings-said]"), TimeSpan.FromSeconds(10));

        Assert.Contains("imported as read", provider.Find("[data-testid=import-warnings-said]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("not imported", provider.Find("[data-testid=import-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("ingres", provider.Find("[data-testid=import-diagnostics]").TextContent, StringComparison.Ordinal);
        Assert.True(provider.Find("[data-testid=import-apply]").HasAttribute("disabled"));

        provider.Find("input[data-testid=import-accept-warnings], [data-testid=import-accept-warnings] input").Change(true);
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=import-apply]").HasAttribute("disabled")));
        await provider.Find("[data-testid=import-apply]").ClickAsync(new());
        var decision = await shown;

        var created = await _imports.CreateAsync(decision!.Preview, Actor.Local, decision.What);
        Assert.Contains("accepting 1 warning(s)", created.Baseline.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field 'ingres'", created.Baseline.Message, StringComparison.Ordinal);
    }
}
