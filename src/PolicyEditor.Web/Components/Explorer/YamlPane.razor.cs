using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;
using Diagnostic = PolicyEditor.Manifests.Loading.Diagnostic;

namespace PolicyEditor.Web.Components.Explorer;

/// <summary>
/// The YAML pane: the draft's policies in a CodeMirror editor (wwwroot/js/yaml-editor.js). Text the user
/// types is read after a pause; when it is valid, the edit goes to the workspace as a command based on
/// the revision the text was shown at; when it is not, its errors show at their lines and in a list, and
/// nothing is applied, so the graph keeps the last valid state. The text follows changes made elsewhere,
/// except while the user's own text does not parse, and it is not rewritten when it already says what
/// the draft says (the user's formatting and comments stay while they type). Text of the user's that a
/// change made elsewhere replaces (their edit was refused as a conflict, or arrived while they typed) is
/// kept and offered back with "Restore my text" until they restore or discard it.
/// </summary>
public sealed partial class YamlPane : IAsyncDisposable
{
    private const string AllNamespaces = "*";
    private const int AllNamespacesLimit = 400;
    private const int SelectLimit = 40;

    private ElementReference _element;
    private IJSObjectReference? _module;
    private DotNetObjectReference<YamlPane>? _self;
    private int? _editor;
    private string _scope = AllNamespaces;
    private bool _allowAll = true;
    private List<string> _namespaces = [];
    private string _text = string.Empty;
    private long _shownRevision;
    private string? _pendingReveal;
    private bool _dark;
    private List<Diagnostic> _errors = [];
    private List<Diagnostic> _warnings = [];
    private YamlBackup? _offered;
    private bool _offeredAfterConflict;
    private string _shownText = string.Empty;
    private bool _submitting;
    private SentYaml? _sent;
    private string? _notice;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<YamlPane> Logger { get; set; } = default!;

    /// <summary>The workspace whose draft is shown.</summary>
    [Parameter, EditorRequired]
    public WorkspaceState State { get; set; } = default!;

    /// <summary>Draw for the dark theme.</summary>
    [Parameter]
    public bool Dark { get; set; }

    /// <summary>A valid edit, as a workspace command based on the revision the text was shown at.</summary>
    [Parameter]
    public EventCallback<WorkspaceCommand> EditRequested { get; set; }

    /// <summary>Text that does not parse yet, restored when the pane is shown again (the page keeps it while other tabs are shown).</summary>
    [Parameter]
    public UnsavedYaml? Unsaved { get; set; }

    /// <summary>The text that does not parse changed, or became valid (null).</summary>
    [Parameter]
    public EventCallback<UnsavedYaml?> UnsavedChanged { get; set; }

    /// <summary>Opens a policy (its report name) in the policy view; without it, the pane offers no way there.</summary>
    [Parameter]
    public EventCallback<string> PolicyViewed { get; set; }

    /// <summary>Show the text without letting it be edited (the person may not change the draft).</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    private string? ScopeNamespace => _scope == AllNamespaces ? null : _scope;

    /// <summary>Shows a policy: switches to its namespace when every namespace cannot be shown, and puts the cursor on its first line.</summary>
    public async Task RevealPolicyAsync(string policyId)
    {
        if (_editor is null)
        {
            _pendingReveal = policyId;
            return;
        }

        // A cluster-scoped policy (an admin policy) is in the text of every namespace only.
        var ns = State.Draft.Policies.FirstOrDefault(p => p.Key.Id == policyId) is { } policy
            ? policy.Namespace
            : policyId[..Math.Max(0, policyId.IndexOf('/', StringComparison.Ordinal))];
        if (_errors.Count == 0 && ScopeNamespace is { } scope && scope != ns && (ns is not null || _allowAll))
        {
            await ScopeChanged(ns ?? AllNamespaces);
        }

        if (PolicyYaml.LineOf(_text, policyId) is { } line)
        {
            await Reveal(line);
        }
    }

    /// <summary>Called by the editor after the user paused typing.</summary>
    [JSInvokable]
    public async Task OnTextChanged(string text)
    {
        // What the text was typed on: a change arriving while it is checked and sent must not move it.
        var (baseText, baseRevision, scope) = (_shownText, _shownRevision, ScopeNamespace);
        _submitting = true;
        try
        {
            var command = await Check(text);
            await UnsavedChanged.InvokeAsync(_errors.Count > 0 ? new UnsavedYaml(scope, text) : null);
            if (_errors.Count == 0 && command is not null)
            {
                var sent = command with { BaseRevision = baseRevision };
                _sent = new SentYaml(new YamlBackup(text, baseText, baseRevision, scope, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), sent);
                await EditRequested.InvokeAsync(sent);
            }
            else if (_errors.Count == 0 && _module is not null && _editor is { } id)
            {
                // Nothing to change: the server has what the text says.
                await _module.InvokeVoidAsync("saved", id, text, baseRevision);
            }
        }
        finally
        {
            _submitting = false;
        }

        // The answer is in: the text follows the draft now, or is kept when the edit was refused.
        await Sync(firstRender: false);
    }

    /// <summary>Replays text typed before the connection was lost: only the user's own changes, based on the revision they saw.</summary>
    private async Task RestoreOffered()
    {
        if (_offered is not { } offered || _module is null || _editor is not { } id)
        {
            return;
        }

        var afterConflict = _offeredAfterConflict;
        _offered = null;
        _offeredAfterConflict = false;
        _notice = null;
        if (offered.Scope != ScopeNamespace && (offered.Scope is null ? _allowAll : _namespaces.Contains(offered.Scope)))
        {
            await ScopeChanged(offered.Scope ?? AllNamespaces);
        }

        if (afterConflict && offered.Scope == ScopeNamespace)
        {
            // Back as the user left it, for them to compare with the change that won; sent once they edit it.
            _notice = "Your text is back in the editor, not applied. Edit it to apply it: it then replaces what the current draft has for the policies it shows, the change that won included.";
            _text = _shownText = offered.Text;
            await _module.InvokeVoidAsync("setText", id, offered.Text, _shownRevision, ScopeNamespace);
            await Check(offered.Text);
            return;
        }

        var replay = await Task.Run(() => offered.Replay(State.Draft, State.Revision));
        _notice = replay.Problem;
        if (replay.Command is { } command)
        {
            await EditRequested.InvokeAsync(command);
        }
        else if (replay.HasErrors && offered.Scope == ScopeNamespace)
        {
            // Back as it was, errors and all; applied once it parses, like any typing.
            await _module.InvokeVoidAsync("type", id, offered.Text);
        }
        else if (replay.HasErrors)
        {
            _notice = $"Your text does not parse and its namespace is no longer in the draft, so it cannot go back into the editor. Here it is to copy:\n\n{offered.Text}";
        }
        else if (replay.CheckFirst && offered.Scope == ScopeNamespace)
        {
            // Shown for the user to check; nothing is sent until they edit it.
            _text = _shownText = offered.Text;
            await _module.InvokeVoidAsync("setText", id, offered.Text, _shownRevision, ScopeNamespace);
        }

        await _module.InvokeVoidAsync("discard", id, offered.At);
    }

    private async Task DiscardOffered()
    {
        if (_offered is { } offered && _module is not null && _editor is { } id)
        {
            _offered = null;
            _offeredAfterConflict = false;
            await _module.InvokeVoidAsync("discard", id, offered.At);
        }
    }

    /// <summary>Reads the text: its errors and warnings shown, and the command it amounts to when valid.</summary>
    private async Task<WorkspaceCommand?> Check(string text)
    {
        _text = text;
        var draft = State.Draft;
        var scope = ScopeNamespace;
        var (result, command) = await Task.Run(() => (PolicyYaml.Read(text, draft, scope, out var c), c));
        _errors = [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
        _warnings = [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)];
        await ShowDiagnostics();
        StateHasChanged();
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                if (_editor is { } id)
                {
                    await _module.InvokeVoidAsync("dispose", id);
                }

                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone.
        }

        _self?.Dispose();
    }

    protected override void OnParametersSet()
    {
        var draft = State.Draft;
        _namespaces = [.. draft.NetworkPolicies.Select(p => p.Namespace).Concat(draft.Namespaces.Select(n => n.Name)).Concat(draft.Workloads.Select(w => w.Namespace))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _allowAll = draft.NetworkPolicies.Count <= AllNamespacesLimit;
        if (!_allowAll && _scope == AllNamespaces)
        {
            // Too many policies to edit as one text: start with the first namespace that has some.
            _scope = draft.NetworkPolicies.Select(p => p.Namespace).Order(StringComparer.Ordinal).FirstOrDefault() ?? _namespaces.FirstOrDefault() ?? AllNamespaces;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            await Sync(firstRender);
        }
        catch (JSException e)
        {
            // A browser-side failure must not end the user's session; say it where the editor would be.
            Logger.LogWarning(e, "The YAML editor failed");
            _errors = [new Diagnostic(DiagnosticSeverity.Error, PolicyYaml.SourceName, 0, 0, null, null, $"The editor failed in this browser: {e.Message}")];
            StateHasChanged();
        }
    }

    private async Task Sync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/yaml-editor.js");
            _self = DotNetObjectReference.Create(this);
            if (Unsaved is { } unsaved)
            {
                // Back from another tab with text that did not parse: it comes back as it was, errors and all.
                _scope = unsaved.Scope ?? AllNamespaces;
                _text = unsaved.Text;
            }
            else
            {
                _text = PolicyYaml.Write(State.Draft, ScopeNamespace);
            }

            _shownRevision = State.Revision;
            _shownText = _text;
            _dark = Dark;
            var options = new { readOnly = ReadOnly, backupKey = $"policyeditor:yaml:{State.Id}", revision = State.Revision, scope = ScopeNamespace };
            var created = await _module.InvokeAsync<EditorCreated>("create", _element, _self, _text, Dark, options);
            _editor = created.Id;
            if (created.Offered is { } offered && offered.Text != _text && !ReadOnly)
            {
                // Typed on a page before this one and never received: offered, not applied behind the user's back.
                _offered = offered;
                StateHasChanged();
            }

            if (Unsaved is not null)
            {
                await Check(_text);
            }

            await FlushPendingReveal();
            return;
        }

        if (_module is null || _editor is not { } id)
        {
            return;
        }

        if (_dark != Dark)
        {
            _dark = Dark;
            await _module.InvokeVoidAsync("setTheme", id, Dark);
        }

        // While the user's text is being checked and sent, the answer decides what the editor shows next.
        if (_submitting || State.Revision == _shownRevision)
        {
            return;
        }

        var (shownText, shownRevision) = (_shownText, _shownRevision);
        _shownRevision = State.Revision;
        if (_errors.Count > 0)
        {
            // The user is in the middle of an edit that does not parse: their text stays.
            return;
        }

        if (_sent is { } sent)
        {
            // The user's text was sent; the draft not saying what it said means it was refused (someone changed the same policies first).
            _sent = null;
            if (sent.Text.Text == _text && !sent.IsIn(State.Draft))
            {
                Offer(sent.Text, afterConflict: true);
            }
        }

        // Keep the user's text when it already says what the new draft says (their own edit, applied).
        PolicyYaml.Read(_text, State.Draft, ScopeNamespace, out var pending);
        if (pending is not null)
        {
            _text = _shownText = PolicyYaml.Write(State.Draft, ScopeNamespace);
            _warnings = [];
            var displaced = await _module.InvokeAsync<string?>("setText", id, _text, State.Revision, ScopeNamespace);
            if (displaced is not null)
            {
                // The user was typing when the change arrived: what they typed is kept for them.
                Offer(new YamlBackup(displaced, shownText, shownRevision, ScopeNamespace, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), afterConflict: true);
            }

            await ShowDiagnostics();
        }
        else
        {
            // The user's text is the draft now (their edit was applied): the browser may forget its backup.
            _shownText = _text;
            await _module.InvokeVoidAsync("saved", id, _text, State.Revision);
        }
    }

    /// <summary>Offers text of the user's back (the notice stays until they restore or discard it).</summary>
    private void Offer(YamlBackup text, bool afterConflict)
    {
        if (!ReadOnly)
        {
            _offered = text;
            _offeredAfterConflict = afterConflict;
            StateHasChanged();
        }
    }

    private async Task FlushPendingReveal()
    {
        if (_pendingReveal is { } policy)
        {
            _pendingReveal = null;
            await RevealPolicyAsync(policy);
        }
    }

    private async Task ScopeChanged(string? scope)
    {
        if (scope is null || (scope != AllNamespaces && !_namespaces.Contains(scope)))
        {
            return;
        }

        _scope = scope;
        _errors = [];
        _warnings = [];
        _sent = null;
        await UnsavedChanged.InvokeAsync(null);
        _text = _shownText = PolicyYaml.Write(State.Draft, ScopeNamespace);
        _shownRevision = State.Revision;
        if (_module is not null && _editor is { } id)
        {
            await _module.InvokeVoidAsync("setText", id, _text, _shownRevision, ScopeNamespace);
            await ShowDiagnostics();
        }
    }

    private Task<IEnumerable<string>> SearchNamespaces(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text) ? _namespaces.Take(50) : _namespaces.Where(n => n.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).Take(50));

    private async Task ShowDiagnostics()
    {
        if (_module is not null && _editor is { } id)
        {
            var marks = _errors.Concat(_warnings).Where(d => d.Line > 0)
                .Select(d => new { line = d.Line, column = Math.Max(d.Column, 1), severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning", message = d.Field is null ? d.Message : $"{d.Field}: {d.Message}" });
            await _module.InvokeVoidAsync("showDiagnostics", id, marks);
        }
    }

    private async Task Reveal(int line)
    {
        if (line > 0 && _module is not null && _editor is { } id)
        {
            await _module.InvokeVoidAsync("revealLine", id, line);
        }
    }
}

/// <summary>What the editor module's <c>create</c> returns: its id, and text an earlier page typed that the server never received.</summary>
internal sealed record EditorCreated(int Id, YamlBackup? Offered);

/// <summary>Text the pane sent as an edit, and the edit: kept until the draft shows whether it was applied.</summary>
internal sealed record SentYaml(YamlBackup Text, WorkspaceCommand Command)
{
    /// <summary>Whether <paramref name="draft"/> says what the edit said (it was applied, or someone made the same change).</summary>
    public bool IsIn(Engine.Model.Cluster draft) => Command switch
    {
        EditPolicies edit => edit.Changes.All(c => Equals(draft.FindPolicy(c.Key), c.After)),
        ReplaceDraft replace => draft.AdminNetworkPolicies.Equals(replace.Cluster.AdminNetworkPolicies)
            && Equals(draft.BaselineAdminNetworkPolicy, replace.Cluster.BaselineAdminNetworkPolicy)
            && replace.Cluster.NetworkPolicies.All(p => Equals(draft.FindPolicy(p.Namespace, p.Name), p)),
        _ => true,
    };
}
