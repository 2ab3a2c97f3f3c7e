using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.Workspace;

/// <summary>An accepted version of a workspace: the cluster as accepted, by whom, when and why.</summary>
public sealed record WorkspaceVersion(int Number, Cluster Cluster, string Author, DateTimeOffset Time, string Message);
