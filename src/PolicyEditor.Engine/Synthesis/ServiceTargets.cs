using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>
/// The ports a workload serves through its Services: what clients are meant to reach, as opposed to every
/// container port (metrics, admin and debug ports included). The allow dialog proposes these first.
/// </summary>
public static class ServiceTargets
{
    /// <summary>The target ports, on <paramref name="workload"/>, of every Service of its namespace whose selector takes it in; none when no Service does.</summary>
    public static IReadOnlyList<(Protocol Protocol, int Port)> PortsOf(Cluster cluster, Workload workload)
    {
        var ports = new List<(Protocol, int)>();
        foreach (var service in cluster.Services)
        {
            if (service.Namespace != workload.Namespace || service.Selector is not { IsEmpty: false } selector || !selector.Matches(workload.Labels))
            {
                continue;
            }

            foreach (var port in service.Ports)
            {
                if (ExposureIndex.ResolveTarget(port, workload) is { } number && !ports.Contains((port.Protocol, number)))
                {
                    ports.Add((port.Protocol, number));
                }
            }
        }

        return ports;
    }

    /// <summary>The connections of a list of ports.</summary>
    public static ConnectionSet Connections(IEnumerable<(Protocol Protocol, int Port)> ports) =>
        ports.Aggregate(ConnectionSet.None, (set, p) => set.Union(ConnectionSet.Of(p.Protocol, p.Port)));
}
