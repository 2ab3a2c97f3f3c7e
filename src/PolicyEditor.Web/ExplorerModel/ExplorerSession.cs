using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Tutorials;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// The explorer's application layer, one per circuit (as eShop's BasketState is for a basket): it owns
/// what the explorer shows (the workspace, the engine's analysis of it, the graph and its options, the
/// selection, the lesson or review the page works in), follows every change of the workspace, whoever
/// made it, through one path, and answers the panels' questions through <see cref="Answers"/>.
/// Components read it and render, call it to act, and hear <see cref="Changed"/> when what they show
/// changed; none of them asks the engine anything itself.
/// </summary>
public sealed partial class ExplorerSession(
    WorkspaceService workspaces,
    WorkspaceAnalyzer analyzer,
    WorkspaceDirectory directory,
    GraphModelBuilder graphs,
    IGraphLayoutStore layouts,
    ICurrentActor currentActor,
    TutorialService tutorials,
    ReviewService reviews,
    ImportService imports,
    ILogger<ExplorerSession> logger,
    PolicyEditor.Web.Traffic.ObservedTrafficService? observed = null) : IDisposable
{
    /// <summary>How long an action waits for the workspace's change feed to bring its own change back.</summary>
    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _showing = new(1, 1);
    private readonly List<(long Revision, TaskCompletionSource Shown)> _waiting = [];
    private IDisposable? _subscription;
    private Guid? _following;
    private object? _host;
    private TaskScheduler _circuit = TaskScheduler.Default;
    private ExplorerAnswers? _answers;

    /// <summary>Raised when anything shown changed: the workspace, the selection, the tab, the options.</summary>
    public event Action? Changed;

    /// <summary>Counts the changes: a new number means something shown changed.</summary>
    public long Version { get; private set; }

    /// <summary>Raised with something to tell the user in passing.</summary>
    public event Action<ExplorerNotice>? Noticed;

    /// <summary>The graph drawn in the browser, when there is one: selections focus and mark it.</summary>
    public IGraphView? View { get; set; }

    /// <summary>The person using the explorer.</summary>
    public Actor Actor { get; private set; } = Actor.Local;

    /// <summary>Their role in the workspace.</summary>
    public WorkspaceRole Role { get; private set; } = WorkspaceRole.Owner;

    /// <summary>True when the workspace asked for does not exist.</summary>
    public bool Missing { get; private set; }

    /// <summary>The workspace as shown.</summary>
    public WorkspaceState? State { get; private set; }

    /// <summary>The engine's analysis of <see cref="State"/>.</summary>
    public WorkspaceAnalysis? Analysis { get; private set; }

    /// <summary>True once a workspace and its analysis are shown.</summary>
    public bool IsReady => State is not null && Analysis is not null;

    /// <summary>The engine's answers about the state shown.</summary>
    public ExplorerAnswers Answers => _answers ?? throw new InvalidOperationException("No workspace is shown yet.");

    /// <summary>The graph drawn.</summary>
    public GraphModel Graph { get; private set; } = GraphModel.Empty;

    /// <summary>How the graph is drawn.</summary>
    public GraphOptions Options { get; private set; } = new();

    /// <summary>Where the user dragged nodes to.</summary>
    public IReadOnlyDictionary<string, GraphPoint> Positions { get; private set; } = new Dictionary<string, GraphPoint>();

    /// <summary>The draft's namespaces, by name.</summary>
    public IReadOnlyList<string> Namespaces { get; private set; } = [];

    /// <summary>YAML that does not parse yet, kept while other tabs are shown.</summary>
    public UnsavedYaml? UnsavedYaml { get; set; }

    /// <summary>The lesson worked in this workspace, if any.</summary>
    public Lesson? Lesson { get; private set; }

    /// <summary>The learner's progress in <see cref="Lesson"/>.</summary>
    public LessonProgress? LessonProgress { get; private set; }

    /// <summary>The lesson step's checks on the draft.</summary>
    public IReadOnlyList<LessonCheckResult> LessonResults { get; private set; } = [];

    /// <summary>Whether a lesson is open beside the graph.</summary>
    public bool HasLesson => Lesson is not null && LessonProgress is not null;

    /// <summary>The open review what is drawn here becomes a suggestion in (instead of an edit of the draft), if any.</summary>
    public ReviewSession? SuggestTo { get; private set; }

    /// <summary>Whether this person may change the draft (else the explorer only shows it, or suggests in a review).</summary>
    public bool CanEdit => Role.Allows(Permission.Edit);

    /// <summary>Whether the drawing tools are offered: to change the draft, or to suggest a change in a review.</summary>
    public bool CanDraw => SuggestTo is not null || CanEdit;

    /// <summary>How many connections the draft changes.</summary>
    public int ChangeCount => Analysis?.Impact.Changes.Count ?? 0;

    /// <summary>How many workloads the draft has.</summary>
    public int WorkloadCount => Analysis?.Draft.Workloads.Count ?? 0;

    /// <summary>Every pair whose connections the draft changes.</summary>
    public IReadOnlyList<ConnectionChange> Changes => Analysis?.Impact.Changes ?? [];

    /// <summary>
    /// Shows a workspace in the page <paramref name="host"/> (the user's most recent workspace when
    /// <paramref name="workspaceId"/> is null), with the lesson of <paramref name="lessonId"/> when the
    /// workspace is the one it is worked in, and suggesting in the review of <paramref name="reviewId"/>.
    /// Another workspace, or another page, starts a fresh view; the same one keeps it.
    /// </summary>
    public async Task OpenAsync(object host, Guid? workspaceId, string? lessonId = null, Guid? reviewId = null)
    {
        if (!ReferenceEquals(_host, host))
        {
            // A new page starts as the first did: nothing of the last page's view carries over.
            Close();
            (_host, Tab, Drawing, Role, Missing) = (host, ExplorerTab.Lesson, false, WorkspaceRole.Owner, false);
        }

        // Changes heard from the workspace are shown on the circuit's own thread, as the user's events are.
        _circuit = SynchronizationContext.Current is null ? TaskScheduler.Default : TaskScheduler.FromCurrentSynchronizationContext();
        Actor = await currentActor.GetAsync();
        var state = workspaceId is { } id ? await workspaces.GetAsync(id) : await directory.DefaultAsync(Actor);
        Missing = state is null;
        if (state is null)
        {
            return;
        }

        // The server decides who sees a workspace: without the viewer role, nothing of it is shown.
        Role = await workspaces.RoleAsync(state.Id, Actor);
        if (!Role.Allows(Permission.View))
        {
            Close();
            return;
        }

        if (_following != state.Id)
        {
            Close();
            _following = state.Id;
            _subscription = workspaces.Subscribe(state.Id, change =>
                Task.Factory.StartNew(() => HearAsync(change), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _circuit).Unwrap());
            Positions = await layouts.LoadAsync(state.Id);
        }

        SuggestTo = await SuggestionTargetAsync(state.Id, reviewId);
        await FindLessonAsync(state.Id, lessonId);
        if (!await ShowAsync(state))
        {
            // The state is shown already; the lesson found for it may be another.
            await CheckLessonAsync();
        }
    }

    /// <summary>The page <paramref name="host"/> closed: the session stops following its workspace, unless another page opened it since.</summary>
    public void Leave(object host)
    {
        if (ReferenceEquals(_host, host))
        {
            (_host, View) = (null, null);
            Close();
        }
    }

    public void Dispose()
    {
        StopHearingTraffic();
        Close();
        _showing.Dispose();
    }

    /// <summary>Stops following the workspace and forgets its view (another workspace is shown, or access was lost).</summary>
    private void Close()
    {
        _subscription?.Dispose();
        (_subscription, _following) = (null, null);
        (State, Analysis, _answers, Graph) = (null, null, null, GraphModel.Empty);
        (Observed, Traffic) = (PolicyEditor.Web.Traffic.ObservedTrafficRecord.None, Engine.Flows.FlowClassification.Empty);
        (Options, Selection, SelectedPolicy, Search, UnsavedYaml, ShowAllEdges) = (new GraphOptions(), ExplorerSelection.None, null, null, null, false);
        (_question, _policyToReveal, PolicyInView, WorkloadInView, PendingEdit) = (null, null, null, null, null);
        Positions = new Dictionary<string, GraphPoint>();
        ReleaseWaiters(long.MaxValue);
    }

    /// <summary>
    /// Applies a command to the workspace. Its result is shown the way every change is, when the change
    /// feed brings it back (this waits for that); a refusal is told to the user.
    /// </summary>
    public async Task<bool> ExecuteAsync(WorkspaceCommand command)
    {
        if (State is not { } state)
        {
            return false;
        }

        try
        {
            var result = await workspaces.ExecuteAsync(state.Id, command, Actor);
            if (!result.Applied)
            {
                // A refused edit (a conflict above all) is news the user must not miss: it stays until closed.
                Notice(result.Message ?? "The change was not applied.", NoticeLevel.Warning, sticky: true);
                return false;
            }

            await ShownAsync(result.State);
            return true;
        }
        catch (AccessDeniedException e)
        {
            Notice(e.Message, NoticeLevel.Error);
            return false;
        }
    }

    /// <summary>Applies an import's preview to the draft as one edit.</summary>
    public async Task ImportAsync(ImportPreview preview, string what)
    {
        if (State is not { } state)
        {
            return;
        }

        var result = await imports.ApplyAsync(state.Id, preview, Actor, what);
        if (!result.Applied)
        {
            Notice(result.Message ?? "The import was not applied.", NoticeLevel.Warning, sticky: true);
            return;
        }

        Notice($"Imported {what} into the draft (undo takes it back).", NoticeLevel.Success);
        await ShownAsync(result.State);
    }

    /// <summary>Carries out a chosen intent: an edit of the draft, or a suggestion in <see cref="SuggestTo"/>.</summary>
    public Task ApplyIntentAsync(IntentOption option, string intent) => ApplyChangesAsync(option.Changes, intent, null);

    /// <summary>What applying <paramref name="changes"/> to the draft shown would change (a lesson's solution).</summary>
    public Task<IReadOnlyList<ConnectionChange>> ImpactOfAsync(IReadOnlyList<PolicyChange> changes) =>
        Analysis is { } analysis ? analyzer.ImpactOfAsync(analysis, changes) : Task.FromResult<IReadOnlyList<ConnectionChange>>([]);

    /// <summary>The learner's progress changed (a step done, another step shown): the checklist follows.</summary>
    public async Task LessonProgressedAsync(LessonProgress progress)
    {
        LessonProgress = progress;
        await CheckLessonAsync();
        Notify();
    }

    private async Task HearAsync(WorkspaceChanged change)
    {
        if (change.State.Id != _following)
        {
            return;
        }

        if (change.Actor.Id != Actor.Id)
        {
            Notice($"{change.Actor.DisplayName}: {change.Description}", NoticeLevel.Info);
        }

        await ShowAsync(change.State);
        Notify();

        // The change is on screen: an action that made it may go on.
        ReleaseWaiters(State?.Revision ?? 0);
    }

    /// <summary>Shows a state with its analysis and graph (computed off the circuit's thread); never goes back to an older revision. False when nothing new was shown.</summary>
    private async Task<bool> ShowAsync(WorkspaceState state)
    {
        var shown = false;
        await _showing.WaitAsync();
        try
        {
            // A change heard late for a workspace no longer followed is not shown; the followed one only goes forward.
            if (_following == state.Id && (State is not { } current || current.Id != state.Id || state.Revision > current.Revision || Analysis is null))
            {
                var analysis = await analyzer.AnalyzeAsync(state);
                var graph = await BuildGraphAsync(analysis, Options);
                var answers = new ExplorerAnswers(analysis);
                (State, Analysis, _answers, Graph) = (state, analysis, answers, graph);
                Namespaces = [.. analysis.Draft.Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                SelectedPolicy = SelectedPolicy is null ? null : answers.FindPolicy(SelectedPolicy.Id);
                RefreshSelection();
                shown = true;
            }
        }
        finally
        {
            _showing.Release();
        }

        if (shown)
        {
            await CheckLessonAsync();
        }

        return shown;
    }

    /// <summary>Waits until the change feed has brought a state this session applied (or a later one).</summary>
    private async Task ShownAsync(WorkspaceState applied)
    {
        TaskCompletionSource waiter;
        lock (_waiting)
        {
            if (_following != applied.Id || State is null || State.Revision >= applied.Revision)
            {
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((applied.Revision, waiter));
        }

        try
        {
            await waiter.Task.WaitAsync(EchoTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Revision {Revision} of workspace {Workspace} was applied but not heard back within {Timeout}", applied.Revision, applied.Id, EchoTimeout);
        }
    }

    private void ReleaseWaiters(long revision)
    {
        lock (_waiting)
        {
            foreach (var (_, shown) in _waiting.Where(w => w.Revision <= revision))
            {
                shown.TrySetResult();
            }

            _waiting.RemoveAll(w => w.Revision <= revision);
        }
    }

    /// <summary>The open review of this workspace that drawing suggests in: the one asked for, else for a person who may not edit the newest open one.</summary>
    private async Task<ReviewSession?> SuggestionTargetAsync(Guid workspaceId, Guid? reviewId)
    {
        if (!Role.Allows(Permission.Suggest) || (reviewId is null && CanEdit))
        {
            return null;
        }

        try
        {
            var candidates = reviewId is { } id ? [await reviews.GetAsync(id, Actor)] : await reviews.ListAsync(workspaceId, Actor);
            return candidates.Where(r => r.WorkspaceId == workspaceId && r.Status == ReviewStatus.Open).OrderByDescending(r => r.Created).FirstOrDefault();
        }
        catch (Exception e) when (e is KeyNotFoundException or AccessDeniedException)
        {
            Notice($"{e.Message} What you draw here changes the draft.", NoticeLevel.Warning);
            return null;
        }
    }

    /// <summary>Finds the lesson asked for when this workspace is the one it is worked in.</summary>
    private async Task FindLessonAsync(Guid workspaceId, string? lessonId)
    {
        (Lesson, LessonProgress) = (null, null);
        if (lessonId is { Length: > 0 } id && tutorials.Catalog.Find(id) is { } lesson
            && await tutorials.ProgressAsync(Actor, id) is { } progress && progress.WorkspaceId == workspaceId)
        {
            (Lesson, LessonProgress) = (lesson, progress);
        }
    }

    /// <summary>Evaluates the lesson step's checks on the draft; a step whose checks all hold is recorded as done.</summary>
    private async Task CheckLessonAsync()
    {
        if (Lesson is not { } lesson || LessonProgress is not { } progress || Analysis is not { } analysis)
        {
            LessonResults = [];
            return;
        }

        var step = progress.Step;
        LessonResults = tutorials.Evaluate(lesson, step, analysis.Draft.Evaluator);
        if (LessonResults.All(r => r.Passed) && !progress.IsDone(step))
        {
            LessonProgress = await tutorials.CompleteAsync(progress, step);
        }
    }

    private void Notice(string message, NoticeLevel level, string? link = null, string? linkText = null, bool sticky = false) => Noticed?.Invoke(new ExplorerNotice(message, level, link, linkText, sticky));

    private void Notify()
    {
        Version++;
        Changed?.Invoke();
    }
}
