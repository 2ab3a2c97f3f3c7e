using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.Reviews;

/// <summary>
/// What a participant of a review has selected, as the others see it (<see cref="ReviewPresence"/> carries
/// it as text): a row of the impact, a policy, or an element of the review's graph.
/// </summary>
public static class PresenceSelection
{
    private const string NodePrefix = "node:";
    private const string EdgePrefix = "edge:";

    /// <summary>A row of the impact.</summary>
    public static string Change(ConnectionChange change) => $"change:{change.Source.Id}→{change.Destination.Id}";

    /// <summary>A policy (or a line of it).</summary>
    public static string Policy(string policyId) => $"policy:{policyId}";

    /// <summary>A node of the graph, by its id.</summary>
    public static string Node(string nodeId) => NodePrefix + nodeId;

    /// <summary>An edge of the graph, by its id.</summary>
    public static string Edge(string edgeId) => EdgePrefix + edgeId;

    /// <summary>The graph element (node or edge id) a selection names, or null when it names something else.</summary>
    public static string? GraphElement(string? selection) =>
        selection?.StartsWith(NodePrefix, StringComparison.Ordinal) == true ? selection[NodePrefix.Length..]
        : selection?.StartsWith(EdgePrefix, StringComparison.Ordinal) == true ? selection[EdgePrefix.Length..]
        : null;
}
