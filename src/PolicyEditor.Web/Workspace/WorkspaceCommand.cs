using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.Workspace;

/// <summary>A change someone asks of a workspace. Commands are applied one at a time, in the order the server receives them.</summary>
public abstract record WorkspaceCommand
{
    /// <summary>The revision the sender was looking at, when it matters for conflicts (null: the latest).</summary>
    public long? BaseRevision { get; init; }
}

/// <summary>Adds, replaces or deletes NetworkPolicies of the draft (drawing, deleting, a YAML edit, a synthesized intent).</summary>
public sealed record EditPolicies(IReadOnlyList<PolicyChange> Changes, string Description) : WorkspaceCommand;

/// <summary>Replaces the whole draft (an import, a restored version, a revert).</summary>
public sealed record ReplaceDraft(Cluster Cluster, string Description) : WorkspaceCommand;

/// <summary>Undoes the newest edit in effect.</summary>
public sealed record UndoEdit : WorkspaceCommand;

/// <summary>Redoes the newest undone edit.</summary>
public sealed record RedoEdit : WorkspaceCommand;

/// <summary>Makes the draft the new baseline: a new version in the history.</summary>
public sealed record AcceptDraft(string Message) : WorkspaceCommand;

/// <summary>Returns the draft to the baseline (an edit, so it can be undone).</summary>
public sealed record RevertDraft : WorkspaceCommand;

/// <summary>Makes an accepted version the draft (an edit, so it can be undone); accept it to make it the baseline.</summary>
public sealed record RestoreVersion(int Number) : WorkspaceCommand;

/// <summary>Renames the workspace.</summary>
public sealed record RenameWorkspace(string Name) : WorkspaceCommand;

/// <summary>Sets how many approvals a change needs in a review (the owner's setting).</summary>
public sealed record SetRequiredApprovals(int Count) : WorkspaceCommand;
