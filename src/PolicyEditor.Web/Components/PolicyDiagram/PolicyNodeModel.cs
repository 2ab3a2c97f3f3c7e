using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Components.PolicyDiagram;

/// <summary>
/// A node of the drawing surface that carries one node of the policy view (drawn by <see cref="PolicyNodeWidget"/>).
/// Its size is the layout's, not measured in the browser, so links meet its edges from the first frame.
/// </summary>
public sealed class PolicyNodeModel : NodeModel
{
    /// <summary>A node for <paramref name="node"/>, placed and sized as the layout says.</summary>
    public PolicyNodeModel(DiagramNode node)
        : base(node.Id, new Point(node.X, node.Y))
    {
        Data = node;
        ControlledSize = true;
        Size = node.Shape switch
        {
            DiagramNodeShape.Subject => new Size(PolicyDiagramBuilder.SubjectWidth, PolicyDiagramBuilder.SubjectHeight),
            DiagramNodeShape.New => new Size(PolicyDiagramBuilder.EditorWidth, PolicyDiagramBuilder.EditorHeight),
            _ => new Size(PolicyDiagramBuilder.PeerWidth, node.Compact ? PolicyDiagramBuilder.CompactHeight : PolicyDiagramBuilder.PeerHeight),
        };
    }

    /// <summary>What the node shows.</summary>
    public DiagramNode Data { get; }
}
