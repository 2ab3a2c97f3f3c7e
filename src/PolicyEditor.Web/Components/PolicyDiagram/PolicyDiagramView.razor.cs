using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components.Web;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Program;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Components.PolicyDiagram;

/// <summary>
/// Draws the session's <see cref="ExplorerModel.ExplorerSession.PolicyDiagram"/> on a Blazor.Diagrams surface:
/// one <see cref="PolicyNodeModel"/> per node, one link per <see cref="DiagramLink"/> coloured and tipped by its
/// action (allow: arrow, deny: bar, pass: circle), labelled by <see cref="RuleLabelModel"/>. The surface is drawn
/// again when the diagram changes (an edit here or anywhere else), and fitted to the frame when another policy is shown.
/// </summary>
public sealed partial class PolicyDiagramView
{
    /// <summary>A bar across the end of a denied link.</summary>
    private static readonly LinkMarker Bar = new("M 0 -9 L 3 -9 L 3 9 L 0 9 Z", 6);

    /// <summary>The height of a one-line label and the room under it, as labels of links that share one path are stacked.</summary>
    private const double LabelStep = 22;

    /// <summary>The room between two stacked labels.</summary>
    private const double LabelGap = 4;

    /// <summary>The height of one more line of a label (its condition, 10px text, 150px wide).</summary>
    private const double ConditionLine = 13;

    /// <summary>About how many characters of a condition fit on one line of a label.</summary>
    private const int ConditionLineLength = 26;

    /// <summary>The width of the rule list beside the diagram (the stylesheet's <c>.pe-pv-side</c>, with its border).</summary>
    private const double SideWidth = 251;

    /// <summary>The room (diagram and rule list) below which the rule list is hidden until asked for, and then drawn over the diagram.</summary>
    private const double NarrowWidth = 820;

    /// <summary>The smallest zoom a diagram is fitted at when it opens (its text stays legible).</summary>
    private const double LegibleZoom = 0.6;

    private readonly BlazorDiagram _diagram = NewDiagram();
    private PolicyEditor.Web.PolicyDiagrams.PolicyDiagram? _drawn;
    private string? _fitted;
    private (double Width, double Height) _fittedTo;
    private string? _selected;
    private bool? _listChosen;
    private bool _narrow;
    private bool _renderedBeside = true;
    private bool _wide;
    private int _drawnEditor;
    private TrafficDirection _side = TrafficDirection.Ingress;
    private PeerKind? _dragged;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        base.OnInitialized();
        _diagram.RegisterComponent<PolicyNodeModel, PolicyNodeWidget>();
        _diagram.RegisterComponent<RuleLabelModel, RuleLabelWidget>();
        _diagram.ContainerChanged += ContainerChanged;
        _diagram.SelectionChanged += Selected;
    }

    /// <inheritdoc />
    protected override void OnSessionChanged()
    {
        var diagram = Session.PolicyDiagram;
        var editor = Session.NewPeer is null ? 0 : Session.NewPeerOpened;
        if (ReferenceEquals(diagram, _drawn) && editor == _drawnEditor)
        {
            return;
        }

        var (opened, closed) = (editor != 0 && editor != _drawnEditor, editor == 0 && _drawnEditor != 0);
        (_drawn, _drawnEditor) = (diagram, editor);
        var placed = Draw(diagram, editor == 0 ? null : Session.NewPeer);
        if (opened && placed is { } node)
        {
            // A narrow view's list lies over the diagram: it makes way for the editor (the pending edit brings it back).
            if (_narrow)
            {
                _listChosen = null;
            }

            FocusOn(node);
        }
        else if (diagram is not null && (closed || _fitted != diagram.ViewId))
        {
            // A closed editor gives the whole diagram back.
            _fitted = null;
            FitOnce();
        }
    }

    private static BlazorDiagram NewDiagram()
    {
        var options = new BlazorDiagramOptions { AllowMultiSelection = false, AllowPanning = true };
        options.Zoom.Enabled = true;
        options.Zoom.Minimum = 0.1;
        options.Zoom.Maximum = 2;
        options.Links.DefaultRouter = new NormalRouter();
        options.Links.DefaultPathGenerator = new SmoothPathGenerator();
        options.Links.DefaultColor = "var(--mud-palette-success)";

        // Nothing is deleted on the surface itself: a deletion is an edit of the policy, with its impact shown first.
        options.Constraints.ShouldDeleteLink = _ => ValueTask.FromResult(false);
        options.Constraints.ShouldDeleteNode = _ => ValueTask.FromResult(false);
        return new BlazorDiagram(options);
    }

    /// <summary>Draws the diagram, and the editor node of <paramref name="editing"/> when given (returned, placed).</summary>
    private NodeModel? Draw(PolicyEditor.Web.PolicyDiagrams.PolicyDiagram? diagram, PeerDraft? editing)
    {
        NodeModel? editor = null;
        _diagram.Batch(() =>
        {
            _diagram.Links.Clear();
            _diagram.Nodes.Clear();
            if (diagram is null)
            {
                return;
            }

            // Nodes the user dragged stay where they were put (per view, for the session); the layout places the others.
            var nodes = new Dictionary<string, PolicyNodeModel>(StringComparer.Ordinal);
            var placed = Session.PlacedNodes(diagram.ViewId);
            foreach (var node in diagram.Peers.Prepend(diagram.Subject))
            {
                var model = _diagram.Nodes.Add(new PolicyNodeModel(placed.TryGetValue(node.Id, out var at) ? node with { X = at.X, Y = at.Y } : node));
                model.Moved += m =>
                {
                    Session.PlaceNode(diagram.ViewId, m.Id, m.Position.X, m.Position.Y);
                    _ = InvokeAsync(StateHasChanged);
                };
                nodes[node.Id] = model;
            }

            var subject = nodes[diagram.Subject.Id];
            var labelled = new HashSet<(TrafficDirection, int)>();
            foreach (var group in diagram.Links.GroupBy(l => l.PeerNode))
            {
                var links = group.ToList();
                var heights = links.Select(LabelHeight).ToList();
                var top = -(heights.Sum() - LabelGap) / 2;
                for (var i = 0; i < links.Count; i++)
                {
                    var link = links[i];
                    var peer = nodes[link.PeerNode];
                    var (from, to) = link.Direction == TrafficDirection.Ingress ? (peer, subject) : (subject, peer);
                    var model = new LinkModel(link.Id, new ShapeIntersectionAnchor(from), new ShapeIntersectionAnchor(to))
                    {
                        Color = Colour(link.Action),
                        SelectedColor = "var(--mud-palette-primary)",
                        Width = link.Action == RuleAction.Allow ? 2 : 2.5,
                        TargetMarker = link.Action switch
                        {
                            RuleAction.Deny => Bar,
                            RuleAction.Pass => LinkMarker.NewCircle(5),
                            _ => LinkMarker.NewArrow(12, 10),
                        },
                    };

                    // Several rules with one peer (their links share one path): their labels stack one above the other at its
                    // middle, in rule order, rather than cover each other.
                    var shift = top + (heights[i] - LabelGap) / 2;
                    top += heights[i];
                    // Many peers of one rule: its label once, on its first link, rather than the same label on every link.
                    if (!diagram.Compact || labelled.Add((link.Direction, link.Rule)))
                    {
                        model.Labels.Add(new RuleLabelModel(model, link, 0.5, shift));
                    }

                    _diagram.Links.Add(model);
                }
            }

            if (editing is not null && diagram.AddsPeers)
            {
                editor = _diagram.Nodes.Add(new PolicyNodeModel(EditorNode(diagram, editing)));
                var (from, to) = editing.Direction == TrafficDirection.Ingress ? (editor, (NodeModel)subject) : (subject, editor);
                _diagram.Links.Add(new LinkModel($"new-{_drawnEditor}", new ShapeIntersectionAnchor(from), new ShapeIntersectionAnchor(to))
                {
                    Color = "var(--mud-palette-primary)",
                    Width = 2,
                    TargetMarker = LinkMarker.NewArrow(12, 10),
                });
            }
        });
        return editor;
    }

    /// <summary>The editor node, beyond the outermost peers of its side, level with the subject.</summary>
    private DiagramNode EditorNode(PolicyEditor.Web.PolicyDiagrams.PolicyDiagram diagram, PeerDraft editing)
    {
        var side = diagram.Peers.Where(p => p.Side == editing.Direction).ToList();
        var x = editing.Direction == TrafficDirection.Ingress
            ? (side.Count == 0 ? diagram.Subject.X - PolicyDiagramBuilder.Gap : side.Min(p => p.X) - PolicyDiagramBuilder.ColumnGap) - PolicyDiagramBuilder.EditorWidth
            : (side.Count == 0 ? diagram.Subject.X + PolicyDiagramBuilder.SubjectWidth + PolicyDiagramBuilder.Gap : side.Max(p => p.X) + PolicyDiagramBuilder.PeerWidth + PolicyDiagramBuilder.ColumnGap);
        var y = diagram.Subject.Y + (PolicyDiagramBuilder.SubjectHeight - PolicyDiagramBuilder.EditorHeight) / 2;
        return new DiagramNode($"new:{_drawnEditor}", DiagramNodeShape.New, editing.Direction, "new peer") { X = x, Y = y };
    }

    /// <summary>Shows a node at full size in the middle of the surface (an editor opened is written at life size).</summary>
    private void FocusOn(NodeModel node)
    {
        if (_diagram.Container is not { Width: > 0, Height: > 0 } container || node.Size is not { } size)
        {
            return;
        }

        // Centred, unless that would hide its top (the editor is taller than a small frame).
        const double Margin = 16;
        _diagram.SetZoom(1);
        _diagram.SetPan(container.Width / 2 - (node.Position.X + size.Width / 2), Math.Max(container.Height / 2 - (node.Position.Y + size.Height / 2), Margin - node.Position.Y));
    }

    /// <summary>A palette item dropped on the subject opens the editor of a new peer: on the left half for ingress, on the right half for egress.</summary>
    private void Dropped(DragEventArgs e)
    {
        var (kind, subject) = (_dragged, _diagram.Nodes.FirstOrDefault(n => n.Id == "subject"));
        _dragged = null;
        if (kind is not { } k || subject?.Size is not { } size)
        {
            return;
        }

        var at = _diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
        var (x, y) = (subject.Position.X, subject.Position.Y);
        var onSubject = at.X >= x && at.X <= x + size.Width && at.Y >= y && at.Y <= y + size.Height;
        Session.DropPeer(k, !onSubject ? null : at.X < x + size.Width / 2 ? TrafficDirection.Ingress : TrafficDirection.Egress);
    }

    /// <summary>About how high a link's label is drawn, with the room under it: one line, and the lines of its condition.</summary>
    private static double LabelHeight(DiagramLink link) =>
        LabelStep + (link.Condition is { } condition ? ConditionLine * Math.Ceiling(condition.Length / (double)ConditionLineLength) : 0);

    private static string Colour(RuleAction action) => action switch
    {
        RuleAction.Deny => "var(--mud-palette-error)",
        RuleAction.Pass => "var(--mud-palette-warning)",
        RuleAction.Log => "var(--mud-palette-text-disabled)",
        _ => "var(--mud-palette-success)",
    };

    /// <summary>Fits a policy shown for the first time, and any policy when the surface changed size (the window, the rule list).</summary>
    private void FitOnce()
    {
        if (_drawn is { } diagram && _diagram.Container is { Width: > 0, Height: > 0 } container
            && (_fitted != diagram.ViewId || _fittedTo != (container.Width, container.Height)))
        {
            (_fitted, _fittedTo) = (diagram.ViewId, (container.Width, container.Height));
            Fit();

            // The canvas says the zoom and the width it was fitted to (data-zoom, data-fitted-width), so a test can wait for the refit.
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>
    /// Zooms and pans so that the whole diagram fits the surface (never larger than life). When <paramref name="legible"/>,
    /// a diagram too large for that is shown no smaller than a legible zoom instead, its subject in view and as much
    /// around it as fits (the rest is panned to, or fitted whole with the Fit button).
    /// </summary>
    private void Fit(bool legible = true)
    {
        if (_drawn is not { } diagram || _diagram.Container is not { Width: > 0, Height: > 0 } container)
        {
            return;
        }

        const double Margin = 40;
        var (width, height) = diagram.Extent;
        var zoom = Math.Min(1, Math.Min((container.Width - 2 * Margin) / Math.Max(1, width), (container.Height - 2 * Margin) / Math.Max(1, height)));
        zoom = Math.Max(_diagram.Options.Zoom.Minimum, legible ? Math.Max(zoom, LegibleZoom) : zoom);
        var subject = diagram.Subject;
        _diagram.SetZoom(zoom);
        _diagram.SetPan(
            Keep((container.Width - width * zoom) / 2, container.Width, subject.X, PolicyDiagramBuilder.SubjectWidth),
            Keep((container.Height - height * zoom) / 2, container.Height, subject.Y, PolicyDiagramBuilder.SubjectHeight));

        // The centred pan, moved as little as needed to keep the subject (at start, of size) inside the frame: its
        // near edge no nearer than the margin (lowest pan), its far edge inside (highest pan; its near edge wins when it is larger than the frame).
        double Keep(double centred, double frame, double start, double size)
        {
            var lowest = Margin - start * zoom;
            return Math.Clamp(centred, lowest, Math.Max(lowest, frame - Margin - (start + size) * zoom));
        }
    }

    private void Selected(SelectableModel model)
    {
        if (model is LinkModel { Selected: true } link)
        {
            _selected = link.Id;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>
    /// Whether the rule list (with the palette and the pending edit) is shown: as the user chose, else beside a diagram with room
    /// to spare and hidden beside a narrow one (<see cref="NarrowWidth"/>); always while an edit waits to be applied.
    /// </summary>
    private bool ListShown => (_listChosen ?? !_narrow) || Session.PendingEdit is not null;

    /// <summary>Shows or hides the rule list; the diagram is fitted to the room it gets.</summary>
    private void ShowList(bool shown)
    {
        _listChosen = shown;
        _fitted = null;
    }

    /// <inheritdoc />
    protected override void OnAfterRender(bool firstRender)
    {
        base.OnAfterRender(firstRender);
        _renderedBeside = ListShown && !_narrow;
    }

    /// <summary>
    /// The surface changed size (the window, wide mode, the rule list): the view is narrow when the room of the diagram and the
    /// list beside it is less than <see cref="NarrowWidth"/>; the list then leaves the diagram the whole width (over it when
    /// shown). A list moving away changes the size again, and that change fits the diagram.
    /// </summary>
    private void ContainerChanged()
    {
        if (_diagram.Container is { Width: > 0 } container)
        {
            var narrow = container.Width + (_renderedBeside ? SideWidth : 0) < NarrowWidth;
            if (narrow != _narrow)
            {
                _narrow = narrow;
                _fitted = null;
                _ = InvokeAsync(StateHasChanged);
                if (ListShown && !narrow != _renderedBeside)
                {
                    return;
                }
            }
        }

        FitOnce();
    }

    /// <summary>Lets the view take the whole window (the side panel's room too) or puts it back over the graph; the diagram is fitted to the room it gets.</summary>
    private void Widen(bool wide)
    {
        _wide = wide;
        _fitted = null;
    }

    /// <summary>Selects the nodes holding the peer the workload view's finder picked.</summary>
    private void Find(IReadOnlyList<string> nodeIds)
    {
        _diagram.UnselectAll();
        foreach (var node in _diagram.Nodes.Where(n => nodeIds.Contains(n.Id)))
        {
            _diagram.SelectModel(node, false);
        }
    }

    /// <summary>Selects a link from the rule list, on the surface too.</summary>
    private void Select(string linkId)
    {
        _selected = linkId;
        if (_diagram.Links.FirstOrDefault(l => l.Id == linkId) is { } link)
        {
            _diagram.UnselectAll();
            _diagram.SelectModel(link, true);
        }
    }
}
