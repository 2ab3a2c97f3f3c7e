using Microsoft.JSInterop;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Components.Pages;

/// <summary>
/// A review session: the change impact at its centre, the YAML diff per policy, people (with who is
/// here and what they have selected), decisions, comment threads and suggested changes. Every change
/// made by anyone, here or in the workspace, shows on every open page of the session.
/// </summary>
public sealed partial class ReviewPage
{
    private ReviewSession? _review;
    private WorkspaceState? _state;
    private IReadOnlyList<ConnectionChange>? _changes;
    private GraphModel? _graph;
    private Components.Graph.ReachabilityGraph? _graphView;
    private Dictionary<Guid, IReadOnlyList<ConnectionChange>> _suggestionImpact = [];
    private IReadOnlyList<PolicyYamlDiff> _diffs = [];
    private IReadOnlyList<Engine.Flows.ClassifiedFlow> _blockedTraffic = [];
    private bool _hasTraffic;
    private bool _trafficAcknowledged;
    private IReadOnlyList<PresenceEntry> _presence = [];
    private WorkspaceRole _role;
    private Actor _actor = Actor.Local;
    private string? _error;
    private IDisposable? _reviewSubscription;
    private IDisposable? _workspaceSubscription;
    private IDisposable? _presenceSubscription;
    private Guid _connection;
    private ReviewAnchor _anchor = ReviewAnchor.Review;
    private string? _selected;
    private string? _commentText;
    private Guid? _replyTo;
    private string? _replyText;
    private string? _decisionNote;
    private WorkspaceRole _inviteRole = WorkspaceRole.Reviewer;
    private int _inviteDays = 7;
    private string? _inviteLink;
    private string? _suggestion;
    private string? _suggestionYaml;
    private string? _suggestionError;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private ReviewService Reviews { get; set; } = default!;

    [Inject]
    private Traffic.ObservedTrafficService Observed { get; set; } = default!;

    [Inject]
    private ReviewPresence Presence { get; set; } = default!;

    [Inject]
    private WorkspaceService Workspaces { get; set; } = default!;

    [Inject]
    private PolicyEditor.Web.Import.ImportService Imports { get; set; } = default!;

    [Inject]
    private WorkspaceAnalyzer Analyzer { get; set; } = default!;

    [Inject]
    private ICurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private GraphModelBuilder Graphs { get; set; } = default!;

    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private KeptText? _kept;

    // The reply box that kept text was last put back into (each reply box appears when asked for).
    private Guid? _keptReplyShown;
    private bool _keptRestored;

    /// <summary>The key the browser keeps a field's unsent text under.</summary>
    private string KeepKey(string field) => $"review:{Id}:{field}";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        try
        {
            _review = await Reviews.GetAsync(Id, _actor);
        }
        catch (Exception e) when (e is AccessDeniedException or KeyNotFoundException)
        {
            _error = e.Message;
            return;
        }

        await LoadWorkspaceAsync();
        _reviewSubscription = Reviews.Subscribe(Id, change => InvokeAsync(async () =>
        {
            var reload = _review?.MergedVersion != change.Review.MergedVersion
                || change.Review.Suggestions.Any(s => s.Status == SuggestionStatus.Open && !_suggestionImpact.ContainsKey(s.Id));
            _review = change.Review;
            if (reload)
            {
                await LoadWorkspaceAsync();
            }

            await RefreshRoleAsync();
            StateHasChanged();
        }));
        _workspaceSubscription = Workspaces.Subscribe(_review.WorkspaceId, _ => InvokeAsync(async () =>
        {
            await LoadWorkspaceAsync();
            StateHasChanged();
        }));
        _presenceSubscription = Presence.Subscribe(Id, OnPresenceChanged);
        var color = _review.Participants.FirstOrDefault(p => p.UserId == _actor.Id)?.Color ?? "#64748b";
        _connection = await Presence.JoinAsync(Id, _actor, color);
        _presence = Presence.In(Id);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _reviewSubscription?.Dispose();
        _workspaceSubscription?.Dispose();
        _presenceSubscription?.Dispose();
        if (_kept is not null)
        {
            await _kept.DisposeAsync();
        }

        if (_connection != Guid.Empty)
        {
            await Presence.LeaveAsync(Id, _connection);
        }
    }

    private Task OnPresenceChanged(Guid reviewId) => InvokeAsync(async () =>
    {
        _presence = Presence.In(Id);
        StateHasChanged();
        await MarkPeersAsync();
    });

    /// <summary>Outlines on the graph the nodes and edges the others have selected, each in their colour.</summary>
    private async Task MarkPeersAsync()
    {
        if (_graphView is null)
        {
            return;
        }

        var marks = _presence.Where(p => p.UserId != _actor.Id && PresenceSelection.GraphElement(p.Selection) is not null)
            .Select(p => (PresenceSelection.GraphElement(p.Selection)!, p.Color)).ToList();
        await _graphView.MarkPeersAsync(marks);
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _presence.Count > 1)
        {
            await MarkPeersAsync();
        }

        // Text typed before a lost connection comes back into the comment, reply and suggestion fields.
        if (_review is not null && (!_keptRestored || _keptReplyShown != _replyTo))
        {
            (_keptRestored, _keptReplyShown) = (true, _replyTo);
            _kept ??= new KeptText(JS);
            await _kept.RestoreAsync();
        }
    }

    private async Task LoadWorkspaceAsync()
    {
        var state = await Workspaces.GetAsync(_review!.WorkspaceId);
        if (state is null)
        {
            _error = "The review's workspace was deleted.";
            return;
        }

        if (_review.MergedVersion is { } merged && merged > 1)
        {
            // A merged review shows the change it merged: the version before it against the merged one.
            var versions = await Workspaces.VersionsAsync(state.Id);
            var before = versions.FirstOrDefault(v => v.Number == merged - 1);
            var after = versions.FirstOrDefault(v => v.Number == merged);
            if (before is not null && after is not null)
            {
                _changes = (await Analyzer.CompareAsync(state, before, after)).Changes;
                _graph = null;
                _diffs = PolicyYamlDiff.Between(before.Cluster, after.Cluster);
                _state = state;
                await RefreshRoleAsync();
                return;
            }
        }

        var analysis = await Analyzer.AnalyzeAsync(state);
        _changes = (await Analyzer.CompareAsync(state, state.Baseline, null)).Changes;
        var observed = await Observed.GetAsync(state.Id);
        _hasTraffic = !observed.Traffic.IsEmpty;
        var blocked = Observed.Classify(analysis, observed).BlockedByDraft.ToList();
        _trafficAcknowledged &= blocked.Count <= _blockedTraffic.Count;
        _blockedTraffic = blocked;
        _suggestionImpact = await SuggestionImpactAsync(analysis);
        _graph = _changes.Count == 0 ? null : await Graphs.BuildAsync(analysis, new GraphOptions { ChangesOnly = true });
        _diffs = PolicyYamlDiff.Between(state.Baseline.Cluster, state.Draft);
        _state = state;
        await RefreshRoleAsync();
    }

    /// <summary>What each open suggestion would change if applied to the draft as it is now.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<ConnectionChange>>> SuggestionImpactAsync(WorkspaceAnalysis analysis)
    {
        var result = new Dictionary<Guid, IReadOnlyList<ConnectionChange>>();
        foreach (var suggestion in _review!.Suggestions.Where(s => s.Status == SuggestionStatus.Open))
        {
            result[suggestion.Id] = await Analyzer.ImpactOfAsync(analysis, suggestion.Changes);
        }

        return result;
    }

    private async Task RefreshRoleAsync() => _role = await Workspaces.RoleAsync(_review!.WorkspaceId, _actor);

    private string RowClass(ConnectionChange change, string key) =>
        (change.NewlyBlocked.IsEmpty ? "pe-row-allowed" : "pe-row-blocked") + (_selected == key ? " pe-row-selected" : string.Empty);

    private async Task Select(ConnectionChange change)
    {
        _selected = PresenceSelection.Change(change);
        _anchor = ReviewAnchor.Change(change.Source.Id, change.Destination.Id);
        await Presence.SelectAsync(Id, _connection, _selected);
    }

    /// <summary>A node of the graph: comment on it.</summary>
    private Task GraphNode(string nodeId) => Anchor(ReviewAnchor.Node(nodeId), PresenceSelection.Node(nodeId));

    /// <summary>An edge of the graph: comment on it.</summary>
    private Task GraphEdge(string edgeId) =>
        _graph?.Edge(edgeId) is { } edge ? Anchor(ReviewAnchor.Edge(edge.Source, edge.Target), PresenceSelection.Edge(edge.Id)) : Task.CompletedTask;

    /// <summary>A policy (or one of its lines): comment on it.</summary>
    private Task PolicyAnchor(ReviewAnchor anchor) => Anchor(anchor, PresenceSelection.Policy(anchor.Target!));

    /// <summary>What the next comment is about, and what the others see selected.</summary>
    private async Task Anchor(ReviewAnchor anchor, string? selection = null)
    {
        (_anchor, _selected) = (anchor, selection);
        await Presence.SelectAsync(Id, _connection, _selected);
    }

    /// <summary>Runs a review action; a refusal (role, state, conflict) is shown, never lost.</summary>
    private async Task<bool> Do(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception e) when (ReviewService.IsRefusal(e))
        {
            Snackbar.Add(e.Message, Severity.Warning);
            return false;
        }
    }

    private async Task Comment()
    {
        if (await Do(async () => _review = await Reviews.CommentAsync(Id, _anchor, _commentText ?? string.Empty, null, _actor)))
        {
            _commentText = null;
            await ForgetAsync("comment");
        }
    }

    private Task ForgetAsync(string field) => _kept?.ForgetAsync(KeepKey(field)) ?? Task.CompletedTask;

    private async Task Reply(Guid thread)
    {
        if (await Do(async () => _review = await Reviews.CommentAsync(Id, ReviewAnchor.Review, _replyText ?? string.Empty, thread, _actor)))
        {
            (_replyTo, _replyText) = (null, null);
            await ForgetAsync($"reply:{thread}");
        }
    }

    private Task Resolve(Guid thread, bool resolved) => Do(async () => _review = await Reviews.ResolveAsync(Id, thread, resolved, _actor));

    private async Task Decide(DecisionKind kind)
    {
        if (await Do(async () => _review = await Reviews.DecideAsync(Id, kind, _decisionNote, _actor)))
        {
            _decisionNote = null;
        }
    }

    private Task Invite() => Do(async () =>
    {
        var (review, token) = await Reviews.InviteAsync(Id, _inviteRole, TimeSpan.FromDays(_inviteDays), _actor);
        _review = review;
        _inviteLink = Navigation.ToAbsoluteUri($"/reviews/join/{token}").ToString();
    });

    private Task Revoke(Guid invite) => Do(async () => _review = await Reviews.RevokeInviteAsync(Id, invite, _actor));

    private async Task Suggest()
    {
        _suggestionError = null;
        if (!_role.Allows(Permission.Suggest))
        {
            // Checked before the text is read; the service checks again.
            _suggestionError = "Your role may not suggest changes in this review.";
            return;
        }

        var changes = PolicyYaml.ReadUpserts(_suggestionYaml ?? string.Empty, "suggestion", out _suggestionError, Imports.Limits);
        if (_suggestionError is not null)
        {
            return;
        }

        if (await Do(async () => _review = await Reviews.SuggestAsync(Id, _suggestion ?? "A change", changes, _actor)))
        {
            (_suggestion, _suggestionYaml) = (null, null);
            await ForgetAsync("suggestion");
            await ForgetAsync("suggestion-yaml");
        }
    }

    private Task ApplySuggestion(Guid suggestion) => Do(async () =>
    {
        var (review, result) = await Reviews.ApplySuggestionAsync(Id, suggestion, _actor);
        _review = review;
        if (!result.Applied)
        {
            Snackbar.Add(result.Message ?? "The suggestion could not be applied.", Severity.Warning);
        }
    });

    private Task Decline(Guid suggestion) => Do(async () => _review = await Reviews.DeclineSuggestionAsync(Id, suggestion, _actor));

    private async Task Merge()
    {
        // Threads still open are a reason to stop: merging is asked again, saying how many.
        var open = _review?.Comments.Count(c => c.ParentId is null && !c.Resolved) ?? 0;
        if (open > 0)
        {
            var merge = await Dialogs.ShowMessageBoxAsync(
                "Merge with unresolved comments?",
                $"{open} comment thread{(open == 1 ? " is" : "s are")} not resolved. Merging makes the draft the new version of the workspace now; the threads stay in this review's record.",
                yesText: "Merge anyway", cancelText: "Cancel");
            if (merge != true)
            {
                return;
            }
        }

        await MergeNow();
    }

    private Task MergeNow() => Do(async () =>
    {
        _review = await Reviews.MergeAsync(Id, _actor, _trafficAcknowledged ? _blockedTraffic.Count : 0);
        await LoadWorkspaceAsync();
        Snackbar.Add($"Merged as version {_review.MergedVersion}.", Severity.Success);
    });
}
