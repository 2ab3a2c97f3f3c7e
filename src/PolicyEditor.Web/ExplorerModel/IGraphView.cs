namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What the explorer's session asks of the graph drawn in the browser (the graph component implements it).</summary>
public interface IGraphView
{
    /// <summary>Dims everything but the node, what it reaches and what reaches it (or one of those); null clears the focus.</summary>
    Task FocusAsync(string? nodeId, EdgeDirection direction = EdgeDirection.Both);

    /// <summary>Selects a node or an edge and brings it to the middle.</summary>
    Task SelectAsync(string elementId);

    /// <summary>Marks nodes and zooms to them; an empty list clears the marks.</summary>
    Task HighlightAsync(IReadOnlyCollection<string> nodeIds);

    /// <summary>On a large graph, draws every edge (true) or only those that matter now.</summary>
    Task ShowAllEdgesAsync(bool show);

    /// <summary>Lays the graph out again, forgetting dragged positions.</summary>
    Task RelayoutAsync();
}
