using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Components.PolicyDiagram;

/// <summary>The label of a link of the policy view: the rule's place, action and ports (drawn by <see cref="RuleLabelWidget"/>).</summary>
public sealed class RuleLabelModel(BaseLinkModel parent, DiagramLink link, double distance, double shift = 0)
    : LinkLabelModel(parent, link.Label, distance, new Blazor.Diagrams.Core.Geometry.Point(0, shift))
{
    /// <summary>The link labelled.</summary>
    public DiagramLink Data { get; } = link;
}
