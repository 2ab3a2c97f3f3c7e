using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Components.Explorer;

/// <summary>The YAML pane shows, edits and reveals an AdminNetworkPolicy as it does a NetworkPolicy; undo takes the edit back.</summary>
public sealed class YamlPanePolicyKindsTests : MudTestContext
{
    private static readonly AdminNetworkPolicy Lockdown = new("lockdown", 10, AdminSubject.OfNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, "shop"))),
        ValueArray.Create(new AdminRule("deny-all", AdminAction.Deny, ValueArray.Create(AdminPeer.OfNamespaces(LabelSelector.Everything)), ValueArray<AdminPort>.Empty)),
        ValueArray<AdminRule>.Empty);

    private readonly WorkspaceService _workspaces = new(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
    private readonly BunitJSModuleInterop _editor;

    public YamlPanePolicyKindsTests()
    {
        _editor = JSInterop.SetupModule("./js/yaml-editor.js");
        _editor.Setup<EditorCreated>("create", _ => true).SetResult(new EditorCreated(1, null));
        _editor.SetupVoid(_ => true).SetVoidResult();
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

    private async Task<(IRenderedComponent<Host> Page, WorkspaceState Start)> OpenAsync()
    {
        var cluster = TestClusters.Shop.Apply(PolicyChange.Upsert(Lockdown)).Apply(PolicyChange.Upsert(TestClusters.Deny("deny-all")));
        var start = await _workspaces.CreateAsync("shop", cluster, Actor.Local, "new");
        var page = Render<Host>(p => p.Add(x => x.State, start).Add(x => x.Workspaces, _workspaces));
        page.WaitForState(() => _editor.Invocations.Any(i => i.Identifier == "create"));
        return (page, start);
    }

    [Fact]
    public async Task AdminNetworkPolicy_IsInThePanesText_BeforeTheNetworkPolicies()
    {
        await OpenAsync();

        var text = (string)_editor.Invocations.First(i => i.Identifier == "create").Arguments[2]!;

        Assert.StartsWith("apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: lockdown\n", text, StringComparison.Ordinal);
        Assert.Contains("kind: NetworkPolicy", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditOfAnAdminNetworkPolicyInThePane_ChangesTheDraft_AndUndoTakesItBack()
    {
        var (page, start) = await OpenAsync();
        var typed = PolicyYaml.Write(start.Draft, null).Replace("action: Deny", "action: Pass", StringComparison.Ordinal);

        await page.InvokeAsync(() => page.FindComponent<YamlPane>().Instance.OnTextChanged(typed));

        var edited = page.Instance.State;
        Assert.Equal(AdminAction.Pass, Assert.Single(edited.Draft.AdminNetworkPolicies).Ingress[0].Action);
        Assert.Equal("Edit AdminNetworkPolicy lockdown in YAML", edited.Edits[^1].Description);
        Assert.Equal(start.Draft.NetworkPolicies, edited.Draft.NetworkPolicies);
        var undone = await _workspaces.ExecuteAsync(start.Id, new UndoEdit(), Actor.Local);
        Assert.Equal(start.Draft, undone.State.Draft);
    }

    [Fact]
    public async Task RevealingAnAdminNetworkPolicy_PutsTheCursorOnItsFirstLine()
    {
        var (page, _) = await OpenAsync();

        await page.InvokeAsync(() => page.FindComponent<YamlPane>().Instance.RevealPolicyAsync("AdminNetworkPolicy lockdown"));

        var reveal = _editor.Invocations.Last(i => i.Identifier == "revealLine");
        Assert.Equal(1, reveal.Arguments[1]);
    }
}
