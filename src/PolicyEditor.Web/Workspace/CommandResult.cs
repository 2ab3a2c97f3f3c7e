namespace PolicyEditor.Web.Workspace;

/// <summary>
/// What became of a command: applied (with the new state and the edit it recorded) or rejected with a
/// sentence for the user and the current state, so nothing they did is silently lost or half applied.
/// </summary>
public sealed record CommandResult(bool Applied, WorkspaceState State, DraftEdit? Edit, string? Message)
{
    public static CommandResult Ok(WorkspaceState state, DraftEdit? edit) => new(true, state, edit, null);

    public static CommandResult Rejected(WorkspaceState state, string message) => new(false, state, null, message);
}
