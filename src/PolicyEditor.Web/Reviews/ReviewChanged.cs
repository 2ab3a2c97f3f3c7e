using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Reviews;

/// <summary>News of a review's new state: what happened, by whom.</summary>
public sealed record ReviewChanged(ReviewSession Review, Actor Actor, string Description)
{
    /// <summary>True when the change was made on another app instance.</summary>
    public bool Remote { get; init; }
}
