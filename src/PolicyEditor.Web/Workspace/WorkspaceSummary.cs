using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Workspace;

/// <summary>A workspace as listed: id, name, when it last changed, and the size of its draft.</summary>
public sealed record WorkspaceSummary(Guid Id, string Name, DateTimeOffset Updated, int Workloads, int Policies, bool HasDraftChanges, int RequiredApprovals = 1)
{
    /// <summary>The role of the person it was listed for (what the list may offer them).</summary>
    public WorkspaceRole Role { get; init; } = WorkspaceRole.Owner;
}
