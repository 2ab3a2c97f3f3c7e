using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What promoting a staged policy would do to the draft.</summary>
/// <param name="Staged">The staged policy.</param>
/// <param name="Before">The draft it was computed on.</param>
/// <param name="Changes">The policy changes that promote it (the staged object deleted, the enforced policy written or deleted).</param>
/// <param name="Impact">Every connection they would change.</param>
public sealed record StagedPromotion(PolicyKey Staged, Cluster Before, IReadOnlyList<PolicyChange> Changes, IReadOnlyList<ConnectionChange> Impact);
