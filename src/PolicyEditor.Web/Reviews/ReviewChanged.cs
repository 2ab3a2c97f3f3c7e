using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Reviews;

/// <summary>News of a review's new state: what happened, by whom.</summary>
public sealed record ReviewChanged(ReviewSession Review, Actor Actor, string Description);
