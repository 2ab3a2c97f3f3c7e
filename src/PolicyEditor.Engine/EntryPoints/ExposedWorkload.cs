using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.EntryPoints;

/// <summary>
/// A workload reachable from outside through one entry point: the ports the entry point forwards to it
/// (target ports), and those the policies let in (from every source address of the entry point, or from the
/// ingress controller for an Ingress or Route).
/// </summary>
public sealed record ExposedWorkload(EntryPoint EntryPoint, Workload Workload, ConnectionSet Ports, ConnectionSet Admitted)
{
    /// <summary>Whether every forwarded port is let in.</summary>
    public bool IsOpen => Ports.IsSubsetOf(Admitted);

    /// <summary>Whether nothing forwarded is let in.</summary>
    public bool IsBlocked => Ports.Intersect(Admitted).IsEmpty;

    /// <summary>Whether the policies let the traffic in, in words.</summary>
    public string Verdict => IsOpen ? "let in" : IsBlocked ? "blocked by the policies" : $"partly let in ({Ports.Intersect(Admitted)})";
}
