using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// Everything a workspace is, as stored: its name, the accepted baseline (the newest version), the
/// draft being edited, the draft's edit log since the baseline (for undo and redo), and where undo
/// stands. Immutable; every command produces a new state with a higher revision.
/// </summary>
public sealed record WorkspaceState(
    Guid Id,
    string Name,
    long Revision,
    DateTimeOffset Updated,
    WorkspaceVersion Baseline,
    Cluster Draft,
    IReadOnlyList<DraftEdit> Edits,
    int UndoDepth)
{
    /// <summary>The workspace's setting: how many approvals a change needs in a review before it may be merged.</summary>
    public int RequiredApprovals { get; init; } = 1;

    /// <summary>The edits in effect (the log without those undone).</summary>
    public IEnumerable<DraftEdit> Applied => Edits.Take(Edits.Count - UndoDepth);

    /// <summary>Whether some edit can be undone.</summary>
    public bool CanUndo => Edits.Count - UndoDepth > 0;

    /// <summary>Whether some undone edit can be redone.</summary>
    public bool CanRedo => UndoDepth > 0;

    /// <summary>Whether the draft differs from the baseline.</summary>
    public bool HasDraftChanges => !ReferenceEquals(Draft, Baseline.Cluster) && !Draft.Equals(Baseline.Cluster);

    /// <summary>The list entry of this workspace.</summary>
    public WorkspaceSummary Summary => new(Id, Name, Updated, Draft.Workloads.Count, Draft.NetworkPolicies.Count, HasDraftChanges, RequiredApprovals);
}
