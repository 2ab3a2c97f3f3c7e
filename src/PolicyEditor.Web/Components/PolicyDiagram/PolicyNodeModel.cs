using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Components.PolicyDiagram;

/// <summary>A node of the drawing surface that carries one node of the policy view (drawn by <see cref="PolicyNodeWidget"/>).</summary>
public sealed class PolicyNodeModel(DiagramNode node) : NodeModel(node.Id, new Point(node.X, node.Y))
{
    /// <summary>What the node shows.</summary>
    public DiagramNode Data { get; } = node;
}
