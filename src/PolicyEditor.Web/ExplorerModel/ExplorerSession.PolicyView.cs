using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.PolicyDiagrams;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

// The policy view's half of the explorer's session: which policy is drawn as a diagram, its diagram for
// the state shown, and its edits, each shown with its impact before it goes the way every edit goes.
public sealed partial class ExplorerSession
{
    private (WorkspaceAnalysis Analysis, string Id, PolicyDiagram? Diagram)? _diagram;

    /// <summary>The policy drawn in the policy view; null when the view is closed or shows a workload.</summary>
    public PolicyKey? PolicyInView { get; private set; }

    /// <summary>The workload (<see cref="Engine.Model.Workload.Id"/>) drawn in the workload view; null when the view is closed or shows a policy.</summary>
    public string? WorkloadInView { get; private set; }

    /// <summary>Which spec of a policy with several (a Cilium policy's <c>specs</c>) is drawn, from 0.</summary>
    public int SpecInView { get; private set; }

    /// <summary>Whether the view shows a policy or a workload.</summary>
    public bool DiagramInView => PolicyInView is not null || WorkloadInView is not null;

    /// <summary>The peer written in the policy view's editor node (dragged in from the palette, or a drawn peer opened to edit); null: no editor.</summary>
    public PeerDraft? NewPeer { get; private set; }

    /// <summary>Where the user dragged nodes, per view (<see cref="PolicyDiagrams.PolicyDiagram.ViewId"/>) and node: kept across redraws for this session.</summary>
    private readonly Dictionary<string, Dictionary<string, (double X, double Y)>> _placed = new(StringComparer.Ordinal);

    /// <summary>How many times an editor node was opened: a new number is a new editor (what it holds starts afresh).</summary>
    public int NewPeerOpened { get; private set; }

    /// <summary>The edit made in the policy view and not yet applied, with its impact.</summary>
    public PendingDiagramEdit? PendingEdit { get; private set; }

    /// <summary>The diagram of <see cref="PolicyInView"/> or <see cref="WorkloadInView"/> in the draft shown (null when the draft no longer has it); built once per state.</summary>
    public PolicyDiagram? PolicyDiagram
    {
        get
        {
            var id = WorkloadInView is { } w ? $"workload {w}" : PolicyInView is { } p ? $"{p.Id} spec {SpecInView}" : null;
            if (id is null || Analysis is not { } analysis)
            {
                return null;
            }

            if (_diagram is not { } cached || !ReferenceEquals(cached.Analysis, analysis) || cached.Id != id)
            {
                cached = (analysis, id, WorkloadInView is { } workload
                    ? WorkloadDiagramBuilder.Build(analysis.Draft, workload)
                    : PolicyDiagramBuilder.Build(analysis.Draft.Evaluator, PolicyInView!.Value, SpecInView));
                _diagram = cached;
            }

            return cached.Diagram;
        }
    }

    /// <summary>
    /// The labels the editor's peer may name, as <c>key=value</c>, for its suggestions: the draft's workloads' labels, or for
    /// network sets (<paramref name="draft"/>) the labels of the draft's network sets (of its namespace, or the global ones).
    /// </summary>
    public IEnumerable<string> LabelTerms(string? typed, PeerDraft? draft = null)
    {
        var labels = draft is { Kind: PeerKind.NetworkSet }
            ? Analysis?.State.Draft.OtherPolicies.OfType<Engine.Model.Calico.CalicoNetworkSet>()
                .Where(n => n.Namespace == (draft.Namespace.Trim() is { Length: > 0 } ns ? ns : null)).SelectMany(n => n.Labels)
            : Analysis?.Draft.Workloads.SelectMany(w => w.Labels);
        var terms = labels?.Select(l => $"{l.Key}={l.Value}").Distinct(StringComparer.Ordinal) ?? [];
        return terms.Where(t => string.IsNullOrEmpty(typed) || t.Contains(typed, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(50);
    }

    /// <summary>The places the user dragged nodes of a view to (node id to top-left corner); empty when the layout's own.</summary>
    public IReadOnlyDictionary<string, (double X, double Y)> PlacedNodes(string viewId) =>
        _placed.TryGetValue(viewId, out var nodes) ? nodes : new Dictionary<string, (double X, double Y)>();

    /// <summary>Keeps where the user dragged a node of a view, for every later drawing of it in this session.</summary>
    public void PlaceNode(string viewId, string nodeId, double x, double y)
    {
        if (!_placed.TryGetValue(viewId, out var nodes))
        {
            _placed[viewId] = nodes = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        }

        nodes[nodeId] = (x, y);
    }

    /// <summary>Forgets where the user dragged the nodes of a view: the layout places them again.</summary>
    public void ResetPlacements(string viewId)
    {
        if (_placed.Remove(viewId))
        {
            _diagram = null;
            Notify();
        }
    }

    /// <summary>Draws a policy of any kind (its report name, <see cref="PolicyKey.Id"/>) in the policy view.</summary>
    public void OpenPolicyView(string policyId)
    {
        if (State?.Draft.Policies.FirstOrDefault(p => p.Key.Id == policyId) is not { } policy)
        {
            Notice($"{policyId} is not a policy of this workspace.", NoticeLevel.Normal);
            return;
        }

        (PolicyInView, WorkloadInView, PendingEdit, NewPeer, SpecInView) = (policy.Key, null, null, null, 0);
        Notify();
    }

    /// <summary>Draws another spec of the policy in view (one with several, <see cref="PolicyDiagrams.PolicyDiagram.Specs"/>); its pending edit and editor are dropped.</summary>
    public void ShowSpec(int spec)
    {
        if (PolicyInView is null || spec == SpecInView)
        {
            return;
        }

        (SpecInView, PendingEdit, NewPeer) = (spec, null, null);
        Notify();
    }

    /// <summary>Draws every policy that selects a workload (its <see cref="Engine.Model.Workload.Id"/>) in one diagram: the workload view.</summary>
    public void OpenWorkloadView(string workloadId)
    {
        if (Analysis?.Draft.IndexOf(workloadId) is not >= 0)
        {
            Notice($"{workloadId} is not a workload of this workspace.", NoticeLevel.Normal);
            return;
        }

        (PolicyInView, WorkloadInView, PendingEdit, NewPeer) = (null, workloadId, null, null);
        Notify();
    }

    /// <summary>Closes the policy or workload view (and forgets its pending edit).</summary>
    public void ClosePolicyView()
    {
        (PolicyInView, WorkloadInView, PendingEdit, NewPeer) = (null, null, null, null);
        Notify();
    }

    /// <summary>Opens the editor node for a new peer of <paramref name="kind"/> on one side of the policy drawn (a palette item dropped on the subject).</summary>
    public void StartNewPeer(PeerKind kind, TrafficDirection side)
    {
        if (!CanDraw || PolicyDiagram is not { AddsPeers: true } diagram)
        {
            return;
        }

        (NewPeer, PendingEdit) = (new PeerDraft(kind, side) { Spec = diagram.Spec }, null);
        NewPeerOpened++;
        Notify();
    }

    /// <summary>A palette item dropped in the diagram: on the subject (on <paramref name="side"/>) it opens the editor of a new peer; anywhere else (null) the user is told where to drop it.</summary>
    public void DropPeer(PeerKind kind, TrafficDirection? side)
    {
        if (side is { } s)
        {
            StartNewPeer(kind, s);
            return;
        }

        Notice("Drop the peer on the subject (the node in the middle): its left half for ingress, its right half for egress.", NoticeLevel.Normal);
    }

    /// <summary>Opens the editor node on the peer of a link of the policy drawn (<see cref="PolicyDiagrams.PolicyDiagram.EditsPeers"/>), with its rule's ports and action; a peer the form cannot hold is told to be edited in YAML.</summary>
    public void EditPeer(DiagramLink link)
    {
        if (!CanDraw || PolicyInView is not { } key || State?.Draft.FindPolicy(key) is not { } policy || !PeerEdits.EditsPeers(policy))
        {
            return;
        }

        if (PeerEdits.Draft(policy, link) is not { } draft)
        {
            Notice("This peer or its rule is more than the editor holds (selector expressions, services, ICMP, L7 ports...): edit it in the YAML pane.", NoticeLevel.Normal);
            return;
        }

        (NewPeer, PendingEdit) = (draft, null);
        NewPeerOpened++;
        Notify();
    }

    /// <summary>Keeps what the editor node holds (no redraw: the editor shows it already).</summary>
    public void WriteNewPeer(PeerDraft draft)
    {
        if (NewPeer is not null)
        {
            NewPeer = draft;
        }
    }

    /// <summary>Closes the editor node without changing the policy.</summary>
    public void DropNewPeer()
    {
        (NewPeer, PendingEdit) = (null, null);
        Notify();
    }

    /// <summary>Proposes deleting a link of the policy drawn: its peer, or its rule when the peer is the rule's only one.</summary>
    public Task ProposeRemoveLinkAsync(DiagramLink link) => ProposeAsync(policy =>
    {
        var name = PolicyDiagram?.Node(link.PeerNode)?.Name ?? link.PeerNode;
        var peers = PolicyDiagram?.Links.Count(l => l.Direction == link.Direction && l.Action == link.Action && l.Rule == link.Rule) ?? 1;
        return PeerEdits.Remove(policy, link, name, peers == 1);
    });

    /// <summary>Proposes moving the rule of a link of an ordered policy one place earlier (<paramref name="by"/> -1) or later (+1).</summary>
    public Task ProposeMoveRuleAsync(DiagramLink link, int by) => ProposeAsync(policy =>
        (OrderedPolicyEdits.MoveRule(policy, link.Direction, link.Rule, by),
         $"Move {Word(link.Direction)} rule {link.Rule + 1} of {policy.Key.Id} to place {link.Rule + 1 + by}"));

    /// <summary>
    /// Proposes the editor's peer for the policy drawn: a new rule for a new peer, or the link it was opened on rewritten;
    /// a form that cannot be read is told to the user.
    /// </summary>
    public Task ProposeAddPeerAsync(PeerDraft draft) => ProposeAsync(policy => PeerEdits.Apply(State!.Draft, policy, draft));

    /// <summary>Applies the pending edit as one edit of the draft (undo takes it back), or suggests it in the review open here.</summary>
    public async Task ApplyPendingEditAsync()
    {
        if (PendingEdit is not { } edit)
        {
            return;
        }

        (PendingEdit, NewPeer) = (null, null);
        await ApplyChangesAsync(edit.Changes, edit.Description, edit.Revision);
    }

    /// <summary>Forgets the pending edit.</summary>
    public void CancelPendingEdit()
    {
        PendingEdit = null;
        Notify();
    }

    /// <summary>Applies policy changes as one edit of the draft based on <paramref name="revision"/>, or suggests them in <see cref="SuggestTo"/>.</summary>
    private async Task ApplyChangesAsync(IReadOnlyList<PolicyChange> changes, string description, long? revision)
    {
        if (SuggestTo is not { } review)
        {
            await ExecuteAsync(new EditPolicies(changes, description) { BaseRevision = revision });
            return;
        }

        try
        {
            SuggestTo = await reviews.SuggestAsync(review.Id, description, changes, Actor);
            Notice($"Suggested in the review “{review.Title}”: {description}.", NoticeLevel.Success, $"/reviews/{review.Id}", "Open the review");
        }
        catch (Exception e) when (ReviewService.IsRefusal(e))
        {
            Notice(e.Message, NoticeLevel.Warning);
        }

        Notify();
    }

    /// <summary>Works out an edit of the policy drawn and its impact, shown until it is applied or cancelled; an edit the view does not make for this kind (null) is not offered.</summary>
    private async Task ProposeAsync(Func<IPolicyResource, (IPolicyResource? Changed, string Description)> edit)
    {
        if (!CanDraw || State is not { } state || Analysis is not { } analysis || PolicyInView is not { } key
            || state.Draft.FindPolicy(key) is not { } policy)
        {
            return;
        }

        try
        {
            var (changed, description) = edit(policy);
            if (changed is null)
            {
                return;
            }

            IReadOnlyList<PolicyChange> changes = [PolicyChange.Upsert(changed)];
            var impact = await analyzer.ImpactOfAsync(analysis, changes);
            PendingEdit = new PendingDiagramEdit(description, changes, impact, state.Draft, state.Revision);
        }
        catch (ArgumentException e)
        {
            Notice(e.Message.Split(" (Parameter", 2)[0], NoticeLevel.Warning);
        }

        Notify();
    }

    private static string Word(TrafficDirection direction) => PeerEdits.Word(direction);
}
