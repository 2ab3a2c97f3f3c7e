namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Which edges of a subject (the focused node, else the namespace filter) the graph shows.</summary>
public enum EdgeDirection
{
    /// <summary>Edges in and out.</summary>
    Both,

    /// <summary>Edges into the subject: what reaches it.</summary>
    Ingress,

    /// <summary>Edges out of the subject: what it reaches.</summary>
    Egress,
}
