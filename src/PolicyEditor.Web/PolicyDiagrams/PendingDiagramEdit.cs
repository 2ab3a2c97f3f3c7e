using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// An edit made in the policy view, shown with its change impact before it is applied: what it does in
/// words, the policy changes, every connection they change, and the draft and revision it was made on.
/// </summary>
public sealed record PendingDiagramEdit(string Description, IReadOnlyList<PolicyChange> Changes, IReadOnlyList<ConnectionChange> Impact, Cluster Before, long Revision);
