using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.Explorer;

/// <summary>How the graph is shown: collapsed namespaces, filters by direction, protocol, port and namespace.</summary>
public sealed record GraphOptions
{
    /// <summary>Above this many workloads, namespaces start collapsed.</summary>
    public const int CollapseThreshold = 300;

    /// <summary>Namespaces shown with their workloads while the graph is collapsed.</summary>
    public IReadOnlySet<string> Expanded { get; init; } = new HashSet<string>();

    /// <summary>Show traffic that enters the cluster from outside (addresses, the ingress controller).</summary>
    public bool ShowIngressFromOutside { get; init; } = true;

    /// <summary>Show traffic that leaves the cluster.</summary>
    public bool ShowEgressToOutside { get; init; } = true;

    /// <summary>Show only edges that carry this protocol (null: any).</summary>
    public Protocol? Protocol { get; init; }

    /// <summary>Show only edges that carry this port (null: any).</summary>
    public int? Port { get; init; }

    /// <summary>Show only this namespace and what touches it (null: all).</summary>
    public string? Namespace { get; init; }

    /// <summary>Show changed connections only (the impact of the draft).</summary>
    public bool ChangesOnly { get; init; }

    /// <summary>Whether an edge carrying <paramref name="allowed"/> passes the protocol and port filters.</summary>
    public bool Passes(ConnectionSet allowed)
    {
        if (Protocol is { } p && allowed[p].IsEmpty)
        {
            return false;
        }

        if (Port is { } port)
        {
            return Protocol is { } q ? allowed.Contains(q, port) : Protocols.All.Any(x => allowed.Contains(x, port));
        }

        return true;
    }
}
