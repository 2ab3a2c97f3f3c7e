using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>How the graph is shown: which namespaces are open, and the filters by direction, protocol, port, namespace and change.</summary>
public sealed record GraphOptions
{
    /// <summary>Above this many workloads, namespaces start collapsed (one node each, with edge counts).</summary>
    public const int CollapseThreshold = 300;

    /// <summary>Above this many named external blocks, they are drawn as one node until expanded.</summary>
    public const int ExternalGroupThreshold = 8;

    /// <summary>Namespaces shown with their workloads while the graph is collapsed.</summary>
    public IReadOnlySet<string> Expanded { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Show every named external block on its own even when there are many.</summary>
    public bool ExternalsExpanded { get; init; }

    /// <summary>Show the outside of the cluster: external blocks, the internet, the ingress controller.</summary>
    public bool ShowOutside { get; init; } = true;

    /// <summary>Draw the edges that badges stand for ("reachable from anywhere on ..."), instead of folding them into the badge.</summary>
    public bool ShowOpenEdges { get; init; }

    /// <summary>Pairs of nodes (source, target) whose edges are drawn even where a badge stands for them: those carrying observed traffic.</summary>
    public IReadOnlySet<(string Source, string Target)> Unfolded { get; init; } = new HashSet<(string, string)>();

    /// <summary>With a namespace filter, only what enters it or only what leaves it.</summary>
    public EdgeDirection Direction { get; init; }

    /// <summary>Show only edges that carry this protocol (null: any).</summary>
    public Protocol? Protocol { get; init; }

    /// <summary>Show only edges that carry this port (null: any).</summary>
    public int? Port { get; init; }

    /// <summary>Show only this namespace and what touches it (null: all).</summary>
    public string? Namespace { get; init; }

    /// <summary>Show changed connections only (the impact of the draft).</summary>
    public bool ChangesOnly { get; init; }

    /// <summary>The intent view: draw the declared calls of these classes instead of what the policies allow (null: the reachability view).</summary>
    public IReadOnlySet<Engine.Intents.IntentClass>? IntentClasses { get; init; }

    /// <summary>Whether any filter hides edges.</summary>
    public bool Filters => Protocol is not null || Port is not null || Namespace is not null || ChangesOnly || !ShowOutside;

    /// <summary>Whether an edge carrying <paramref name="allowed"/> passes the protocol and port filters.</summary>
    public bool Passes(ConnectionSet allowed)
    {
        if (Protocol is { } p && !allowed.Includes(p))
        {
            return false;
        }

        if (Port is { } port)
        {
            return Protocol is { } q ? allowed.Contains(q, port) : Protocols.WithPorts.Any(x => allowed.Contains(x, port));
        }

        return true;
    }

    /// <summary>These options with a namespace expanded or collapsed.</summary>
    public GraphOptions Toggle(string ns)
    {
        var expanded = new HashSet<string>(Expanded, StringComparer.Ordinal);
        if (!expanded.Remove(ns))
        {
            expanded.Add(ns);
        }

        return this with { Expanded = expanded };
    }
}
