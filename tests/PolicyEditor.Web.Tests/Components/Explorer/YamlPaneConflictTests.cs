using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Components.Explorer;

/// <summary>
/// Two tabs edit the same policy: the losing tab's text is kept and offered back with "Restore my text",
/// whether its edit was refused as a conflict or the winning change arrived while it was still typing, and
/// the notice stays until the user restores or discards the text.
/// </summary>
public sealed class YamlPaneConflictTests : MudTestContext
{
    private readonly WorkspaceService _workspaces = new(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
    private readonly BunitJSModuleInterop _editor;

    public YamlPaneConflictTests()
    {
        _editor = JSInterop.SetupModule("./js/yaml-editor.js");
        _editor.Setup<EditorCreated>("create", _ => true).SetResult(new EditorCreated(1, null));
    }

    /// <summary>The page's part: it holds the workspace's state and has the workspace service answer the pane's edits.</summary>
    private sealed class Host : ComponentBase
    {
        [Parameter]
        public WorkspaceState State { get; set; } = default!;

        [Parameter]
        public WorkspaceService Workspaces { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<YamlPane>(0);
            builder.AddAttribute(1, nameof(YamlPane.State), State);
            builder.AddAttribute(2, nameof(YamlPane.EditRequested), EventCallback.Factory.Create<WorkspaceCommand>(this, async command =>
                State = (await Workspaces.ExecuteAsync(State.Id, command, Actor.Local)).State));
            builder.CloseComponent();
        }
    }

    /// <summary>The deny-all policy allowing one port in.</summary>
    private static PolicyChange Version(int port) => PolicyChange.Upsert(TestClusters.Deny("deny-all") with
    {
        Ingress = ValueArray.Create(new NetworkPolicyRule(ValueArray<NetworkPolicyPeer>.Empty, ValueArray.Create(NetworkPolicyPort.Of(Engine.Connections.Protocol.TCP, port)))),
    });

    private async Task<(IRenderedComponent<Host> Page, WorkspaceState Start)> OpenAsync()
    {
        var start = await _workspaces.CreateAsync("shop", TestClusters.Shop.Apply(PolicyChange.Upsert(TestClusters.Deny("deny-all"))), Actor.Local, "new");
        var page = Render<Host>(p => p.Add(x => x.State, start).Add(x => x.Workspaces, _workspaces));
        page.WaitForState(() => _editor.Invocations.Any(i => i.Identifier == "create"));
        return (page, start);
    }

    /// <summary>The pane's text at the start, with the deny-all policy allowing port 8080: what the losing tab typed.</summary>
    private static string Typed(WorkspaceState start) => PolicyYaml.Write(start.Draft.Apply(Version(8080)), null);

    [Fact]
    public async Task AnEditRefusedAsAConflict_KeepsTheTypedText_AndOffersItBack()
    {
        var (page, start) = await OpenAsync();
        var typed = Typed(start);
        Assert.NotEqual(PolicyYaml.Write(start.Draft, null), typed);

        // The other tab changes the same policy first; this tab has not heard of it when it sends its text.
        await _workspaces.ExecuteAsync(start.Id, new EditPolicies([Version(9090)], "the other tab"), Actor.Local);
        await page.InvokeAsync(() => page.FindComponent<YamlPane>().Instance.OnTextChanged(typed));

        var notice = page.Find("[data-testid=yaml-unsent]");
        Assert.Equal("conflict", notice.GetAttribute("data-reason"));
        Assert.Contains("was not applied", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal(Version(9090).After, page.Instance.State.Draft.FindPolicy("shop", "deny-all"));

        // The notice stays while the draft keeps changing, until the user acts on it.
        await _workspaces.ExecuteAsync(start.Id, new EditPolicies([PolicyChange.Upsert(TestClusters.Deny("other"))], "a third change"), Actor.Local);
        page.Render(p => p.Add(x => x.State, _workspaces.GetAsync(start.Id).Result!));
        page.Find("[data-testid=yaml-unsent]");

        page.Find("[data-testid=yaml-unsent-restore]").Click();

        Assert.Empty(page.FindAll("[data-testid=yaml-unsent]"));
        Assert.Equal(typed, _editor.Invocations.Last(i => i.Identifier == "setText").Arguments[1]);
        Assert.Contains("back in the editor", page.Find("[data-testid=yaml-notice]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeArrivingWhileTheUserTypes_KeepsWhatTheyTyped_AndOffersItBack()
    {
        var (page, start) = await OpenAsync();
        var typed = Typed(start);
        _editor.Setup<string?>("setText", _ => true).SetResult(typed);

        await _workspaces.ExecuteAsync(start.Id, new EditPolicies([Version(9090)], "the other tab"), Actor.Local);
        page.Render(p => p.Add(x => x.State, _workspaces.GetAsync(start.Id).Result!));

        page.WaitForAssertion(() => Assert.Equal("conflict", page.Find("[data-testid=yaml-unsent]").GetAttribute("data-reason")));
        page.Find("[data-testid=yaml-unsent-discard]").Click();
        Assert.Empty(page.FindAll("[data-testid=yaml-unsent]"));
    }

    [Fact]
    public async Task AnAppliedEdit_OffersNothing()
    {
        var (page, start) = await OpenAsync();

        await page.InvokeAsync(() => page.FindComponent<YamlPane>().Instance.OnTextChanged(Typed(start)));

        Assert.Empty(page.FindAll("[data-testid=yaml-unsent]"));
        Assert.Equal(Version(8080).After, page.Instance.State.Draft.FindPolicy("shop", "deny-all"));
    }
}
