namespace PolicyEditor.Web.Storage.Rows;

/// <summary>
/// A workspace as stored: its name, revision, when it changed, which version is its baseline, where
/// undo stands, and the draft's non-policy objects (a blob); the draft's policies are rows of their own.
/// </summary>
public sealed class WorkspaceRow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The revision of the stored state; a save names the revision it replaces, so two writers cannot both win.</summary>
    public long Revision { get; set; }

    /// <summary>UTC ticks.</summary>
    public long Updated { get; set; }

    public int BaselineNumber { get; set; }

    /// <summary>How many approvals a change needs in a review.</summary>
    public int RequiredApprovals { get; set; } = 1;

    public int UndoDepth { get; set; }

    /// <summary>The blob with the draft's namespaces, workloads, Services, exposures and admin policies.</summary>
    public string DraftFrame { get; set; } = string.Empty;

    /// <summary>The position the next draft policy appended gets (positions only grow).</summary>
    public long NextPosition { get; set; }

    /// <summary>For the list of workspaces: how many workloads the draft has.</summary>
    public int WorkloadCount { get; set; }

    /// <summary>For the list of workspaces: how many NetworkPolicies the draft has.</summary>
    public int PolicyCount { get; set; }

    /// <summary>For the list of workspaces: whether the draft differs from the baseline.</summary>
    public bool HasDraftChanges { get; set; }
}
