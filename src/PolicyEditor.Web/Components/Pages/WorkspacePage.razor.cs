using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Components.Drawing;
using PolicyEditor.Web.Components.Explorer;
using PolicyEditor.Web.Components.Graph;
using PolicyEditor.Web.Components.Import;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Export;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Components.Pages;

/// <summary>
/// The explorer: a workspace as a live graph with an inspector, a "can A reach B?" box, the draft's
/// change impact, its policies as a list and as YAML, and its posture. The page composes the panels and
/// runs the flows that need the browser (dialogs, the clipboard, dropped files, navigation); what is
/// shown and every answer about it live in the circuit's <see cref="ExplorerSession"/>.
/// </summary>
public sealed partial class WorkspacePage : IDisposable
{
    private ReachabilityGraph? _graphView;
    private ReachQuery? _query;
    private YamlPane? _yaml;

    [Parameter]
    public Guid? Id { get; set; }

    /// <summary>The lesson worked in this workspace (<c>?lesson=ID</c>): shown beside the graph with its live checklist.</summary>
    [SupplyParameterFromQuery(Name = "lesson")]
    public string? LessonId { get; set; }

    /// <summary>
    /// The review to suggest in (<c>?review=ID</c>): what is drawn, allowed or denied here becomes a
    /// suggestion in it. A person who may suggest but not edit suggests in the newest open review without it.
    /// </summary>
    [SupplyParameterFromQuery(Name = "review")]
    public Guid? ReviewId { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    [Inject]
    private ExplorerSession Session { get; set; } = default!;

    [Inject]
    private SampleCatalog Samples { get; set; } = default!;

    [Inject]
    private ImportService Imports { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<WorkspacePage> Logger { get; set; } = default!;

    /// <summary>The side tab shown, as MudTabs counts them (the lesson's tab comes first when there is one).</summary>
    private int TabIndex => Math.Max(0, (int)Session.Tab - (Session.HasLesson ? 0 : 1));

    public void Dispose()
    {
        Session.Changed -= Refresh;
        Session.Noticed -= Show;
        Session.Leave(this);
    }

    protected override void OnInitialized()
    {
        Session.Changed += Refresh;
        Session.Noticed += Show;
    }

    protected override Task OnParametersSetAsync() => Session.OpenAsync(this, Id, LessonId, ReviewId);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/drop.js");
                await module.InvokeVoidAsync("enablePageDrop");
            }
            catch (JSDisconnectedException)
            {
            }
        }

        Session.View = _graphView;

        // Work for panels that exist only once their tab has been drawn.
        if (_query is not null && Session.TakeQuestion() is { } question)
        {
            _query.Ask(question);
        }

        if (_yaml is not null && Session.TakePolicyToReveal() is { } policy)
        {
            await _yaml.RevealPolicyAsync(policy);
        }
    }

    private void Refresh() => _ = InvokeAsync(StateHasChanged);

    private void TabIndexChanged(int index) => Session.Tab = (ExplorerTab)(index + (Session.HasLesson ? 0 : 1));

    /// <summary>Tells the user what the session has to say, with its link as the snackbar's action.</summary>
    private void Show(ExplorerNotice notice) => _ = InvokeAsync(() => Snackbar.Add(notice.Message, notice.Level switch
    {
        NoticeLevel.Info => Severity.Info,
        NoticeLevel.Success => Severity.Success,
        NoticeLevel.Warning => Severity.Warning,
        NoticeLevel.Error => Severity.Error,
        _ => Severity.Normal,
    }, config =>
    {
        config.RequireInteraction = notice.Sticky;
        if (notice.Link is { } link)
        {
            config.Action = notice.LinkText;
            config.OnClick = _ =>
            {
                Navigation.NavigateTo(link);
                return Task.CompletedTask;
            };
        }
    }));

    private async Task Accept()
    {
        var message = await AcceptDialog.AskAsync(Dialogs, Session.ChangeCount);
        if (message is not null)
        {
            await Session.ExecuteAsync(new AcceptDraft(message));
        }
    }

    /// <summary>Opens the import dialog (with files already dropped, if any) and applies what the user decides.</summary>
    private async Task ImportAsync(IReadOnlyList<UploadedFile>? files, string? refusal, bool paste = false)
    {
        if (Session.State is not { } state)
        {
            return;
        }

        var decision = await ImportDialog.ShowAsync(Dialogs, state, files, refusal, paste);
        if (decision is null)
        {
            return;
        }

        if (decision.AsNewWorkspace)
        {
            var created = await Imports.CreateAsync(decision.Preview, Session.Actor, decision.What);
            Navigation.NavigateTo($"/workspaces/{created.Id}");
            return;
        }

        await Session.ImportAsync(decision.Preview, decision.What);
    }

    /// <summary>
    /// Runs a dialog flow without holding up the event that started it (so the menu it came from closes);
    /// a failure is logged and shown, never lost.
    /// </summary>
    private void Detach(Func<Task> work) => _ = InvokeAsync(async () =>
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "A dialog flow failed");
            Snackbar.Add(e.Message, Severity.Error);
        }
    });

    /// <summary>An edge drawn on the graph: propose the policies that allow it.</summary>
    private void EdgeDrawn((string Source, string Target) drawn)
    {
        var (source, destination) = Session.DrawnIntent(drawn.Source, drawn.Target);
        Detach(() => IntentAsync(false, source, destination));
    }

    private void AllowFromSelection() => Detach(() => IntentAsync(false, Session.SelectedPeer, null));

    private void DenySelection()
    {
        if (Session.Selection.Pair is { } pair && Session.CanDraw)
        {
            Detach(() => IntentAsync(true, SynthesisPeer.Of(pair.Source), SynthesisPeer.Of(pair.Destination)));
        }
    }

    /// <summary>Opens the allow/deny dialog and applies the chosen option as one undoable edit (or suggests it in the review).</summary>
    private async Task IntentAsync(bool revoke, SynthesisPeer? source, SynthesisPeer? destination)
    {
        if (Session.IsReady && await IntentDialog.ShowAsync(Dialogs, revoke, source, destination, suggestingIn: Session.SuggestTo?.Title) is { } chosen)
        {
            await Session.ApplyIntentAsync(chosen.Option, chosen.Intent);
        }
    }

    private async Task PageDrop(InputFileChangeEventArgs e)
    {
        var (files, refusal) = await ImportDialog.ReadBrowserFilesAsync(e.GetMultipleFiles(500), Imports.Limits);
        await ImportAsync(files, refusal);
    }

    private async Task CopyPolicies()
    {
        if (Session.State is not { } state)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", PolicyExport.AllPolicies(state.Draft));
            Snackbar.Add($"Copied {state.Draft.NetworkPolicies.Count} NetworkPolicies as YAML.", Severity.Success);
        }
        catch (JSException e)
        {
            Snackbar.Add($"The browser did not allow copying ({e.Message}); use Export instead.", Severity.Warning);
        }
    }

    private async Task OpenSample(string key)
    {
        var sample = Samples.All.FirstOrDefault(s => s.Key == key);
        if (sample is null)
        {
            return;
        }

        var loading = Snackbar.Add($"Loading {sample.Name}…", Severity.Normal);
        var state = await Samples.CreateWorkspaceAsync(key, Session.Actor);
        if (loading is not null)
        {
            Snackbar.Remove(loading);
        }

        if (state is null)
        {
            return;
        }

        Logger.LogInformation("Opened sample {Sample} as workspace {Workspace}", key, state.Id);
        Navigation.NavigateTo($"/workspaces/{state.Id}");
    }
}
