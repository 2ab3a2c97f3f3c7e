using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Reachability;

/// <summary>Traffic between two namespaces, summed over their workloads: how many ordered workload pairs may talk, and on what.</summary>
public sealed record NamespaceConnection(string SourceNamespace, string DestinationNamespace, int WorkloadPairs, ConnectionSet Allowed)
{
    /// <summary>How many of the <see cref="WorkloadPairs"/> may exchange every connection (the rest only some).</summary>
    public int AllPairs { get; init; }
}
