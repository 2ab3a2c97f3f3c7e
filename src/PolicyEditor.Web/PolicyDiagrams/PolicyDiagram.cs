using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// One policy of any dialect as the policy view draws it: its subject in the centre, its ingress peers to
/// the left and egress peers to the right, one link per rule and peer. <see cref="Ordered"/> when the
/// first matching rule decides (admin policies, Calico), so rule numbers are shown; <see cref="Editable"/>,
/// <see cref="AddsPeers"/> and <see cref="Reorderable"/> say which edits the view offers for it.
/// </summary>
public sealed record PolicyDiagram(PolicyKey Key, string Title, string Kind, DiagramNode Subject, IReadOnlyList<DiagramNode> Peers, IReadOnlyList<DiagramLink> Links)
{
    /// <summary>Where the policy runs: its tier, priority or order, in words.</summary>
    public string Placement { get; init; } = string.Empty;

    /// <summary>Whether rule order decides (first match wins).</summary>
    public bool Ordered { get; init; }

    /// <summary>Whether the view deletes this policy's links (NetworkPolicy, the admin policies, Calico).</summary>
    public bool Editable { get; init; }

    /// <summary>Whether the palette adds peers to this policy (every dialect but Cilium policies with several specs).</summary>
    public bool AddsPeers => PeerKinds.Count > 0;

    /// <summary>The kinds of peer the palette adds to this policy.</summary>
    public IReadOnlyList<PeerKind> PeerKinds { get; init; } = [];

    /// <summary>What a new rule of this policy may do.</summary>
    public IReadOnlyList<Engine.Program.RuleAction> Actions { get; init; } = [];

    /// <summary>Whether the editor says where a new rule goes among its direction's rules (admin policies and Calico: rules run in order).</summary>
    public bool PlacesRules { get; init; }

    /// <summary>Whether a drawn peer opens in the editor node to be rewritten (NetworkPolicy, Calico, Cilium).</summary>
    public bool EditsPeers { get; init; }

    /// <summary>Whether the view moves this policy's rules (an ordered dialect it edits).</summary>
    public bool Reorderable { get; init; }

    /// <summary>Which directions the policy isolates or has rules for, in words.</summary>
    public string Directions { get; init; } = string.Empty;

    /// <summary>Things to know that the drawing does not say.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The workload (<see cref="Workload.Id"/>) the diagram is the workload view of; null for a policy's diagram.</summary>
    public string? Workload { get; init; }

    /// <summary>The policies drawn together in the workload view (empty for a policy's diagram).</summary>
    public IReadOnlyList<PolicyKey> Policies { get; init; } = [];

    /// <summary>
    /// The parts of a policy drawn one at a time, each with its own subject and rules (a Cilium policy's <c>spec</c> and <c>specs</c>),
    /// in words; empty for a policy of one part.
    /// </summary>
    public IReadOnlyList<string> Specs { get; init; } = [];

    /// <summary>Which of <see cref="Specs"/> is drawn (from 0).</summary>
    public int Spec { get; init; }

    /// <summary>What the view shows, as one name: the policy's <see cref="PolicyKey.Id"/> (and the spec drawn), or "workload" and the workload's id.</summary>
    public string ViewId => Workload is { } w ? $"workload {w}" : Specs.Count > 1 ? $"{Key.Id} spec {Spec + 1}" : Key.Id;

    /// <summary>Whether its peers are drawn compact (a side has many): the view then fits it no smaller than a legible zoom.</summary>
    public bool Compact { get; init; }

    /// <summary>The width and height of everything drawn.</summary>
    public (double Width, double Height) Extent { get; init; }

    /// <summary>The node with that id.</summary>
    public DiagramNode? Node(string id) => id == Subject.Id ? Subject : Peers.FirstOrDefault(p => p.Id == id);

    /// <summary>The links of one side, in rule order.</summary>
    public IEnumerable<DiagramLink> LinksOf(TrafficDirection direction) => Links.Where(l => l.Direction == direction);
}
