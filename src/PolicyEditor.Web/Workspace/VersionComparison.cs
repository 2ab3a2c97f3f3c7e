using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.Workspace;

/// <summary>What differs between two versions of a workspace (or a version and the draft): every changed pair with its causes, and the policies of every kind added, edited or deleted.</summary>
public sealed record VersionComparison(IReadOnlyList<ConnectionChange> Changes, IReadOnlyList<string> ChangedPolicies);
