using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// Turns one policy of any dialect into the policy view's diagram. A NetworkPolicy is read from its own
/// record (the view edits it, so links name its rules and peers exactly); every other dialect from what
/// the engine compiled it into (the policy program), so that each dialect is drawn as it is evaluated.
/// </summary>
public static class PolicyDiagramBuilder
{
    /// <summary>The width of a peer node (the stylesheet gives peer nodes this size).</summary>
    public const double PeerWidth = 220;

    /// <summary>The height of a peer node.</summary>
    public const double PeerHeight = 100;

    /// <summary>The width of the subject node.</summary>
    public const double SubjectWidth = 260;

    /// <summary>The height of the subject node.</summary>
    public const double SubjectHeight = 150;

    /// <summary>The width of the editor node (a peer being written).</summary>
    public const double EditorWidth = 300;

    /// <summary>The height of the editor node.</summary>
    public const double EditorHeight = 330;

    /// <summary>The vertical room of one peer.</summary>
    public const double RowHeight = 118;

    /// <summary>The room between the subject and the nearest peers, for the links and their labels.</summary>
    public const double Gap = 160;

    /// <summary>The room between two columns of peers on one side.</summary>
    public const double ColumnGap = 40;

    /// <summary>The most peers stacked in one column; more go into further columns outwards.</summary>
    public const int PerColumn = 10;

    /// <summary>The height of a compact peer node (a side with more than <see cref="PerColumn"/> peers draws every peer compact).</summary>
    public const double CompactHeight = 52;

    /// <summary>The vertical room of one compact peer.</summary>
    public const double CompactRowHeight = 60;

    /// <summary>The most compact peers stacked in one column.</summary>
    public const int CompactPerColumn = 20;

    /// <summary>
    /// The diagram of the policy <paramref name="key"/> in the cluster <paramref name="evaluator"/> evaluates (of its part <paramref name="spec"/>, for a
    /// Cilium policy with several specs); null when there is no such policy.
    /// </summary>
    public static PolicyDiagram? Build(ClusterEvaluator evaluator, PolicyKey key, int spec = 0)
    {
        var cluster = evaluator.Cluster;
        var counter = new WorkloadCounter(cluster);
        var diagram = cluster.FindPolicy(key) switch
        {
            NetworkPolicy np => FromNetworkPolicy(np, counter),
            { } other => FromProgram(other, evaluator.ProgramPoliciesOf(key), counter, spec),
            null => null,
        };
        return diagram is null ? null : Layout(diagram);
    }

    private static PolicyDiagram FromNetworkPolicy(NetworkPolicy policy, WorkloadCounter counter)
    {
        var subjectSelector = WorkloadSelector.InNamespace(policy.Namespace, policy.PodSelector);
        var (count, names) = counter.Count([subjectSelector]);
        var subject = new DiagramNode("subject", DiagramNodeShape.Subject, null, policy.PodSelector.IsEmpty ? $"every pod in {policy.Namespace}" : $"pods in {policy.Namespace}")
        {
            Selector = Terms(policy.PodSelector),
            Workloads = count,
            WorkloadNames = names,
        };

        var sketch = new Sketch();
        foreach (var direction in new[] { TrafficDirection.Ingress, TrafficDirection.Egress })
        {
            var isolates = direction == TrafficDirection.Ingress ? policy.AffectsIngress : policy.AffectsEgress;
            var rules = direction == TrafficDirection.Ingress ? policy.Ingress : policy.Egress;
            if (isolates && rules.IsEmpty)
            {
                sketch.Nothing(direction);
            }

            for (var r = 0; r < rules.Count; r++)
            {
                var rule = rules[r];
                var ports = rule.Ports.IsEmpty ? "any port" : string.Join(", ", rule.Ports.Select(p => p.ToString()));
                var text = $"Allow {(direction == TrafficDirection.Ingress ? "from" : "to")} {(rule.Peers.IsEmpty ? "every peer" : string.Join(" or ", rule.Peers))} on {ports}";
                if (rule.Peers.IsEmpty)
                {
                    sketch.Link(AnyPeer(direction), direction, r, -1, RuleAction.Allow, ports, null, text, ordered: false);
                    continue;
                }

                for (var p = 0; p < rule.Peers.Count; p++)
                {
                    sketch.Link(Peer(rule.Peers[p], policy.Namespace, direction, counter), direction, r, p, RuleAction.Allow, ports, null, text, ordered: false);
                }
            }
        }

        var notes = new List<string>();
        if (!policy.AffectsIngress)
        {
            notes.Add("Ingress is not restricted by this policy.");
        }

        if (!policy.AffectsEgress)
        {
            notes.Add("Egress is not restricted by this policy.");
        }

        return new PolicyDiagram(((IPolicyResource)policy).Key, policy.Name, "NetworkPolicy", subject, sketch.Nodes, sketch.Links)
        {
            Placement = $"namespace {policy.Namespace} · rules add up (order does not matter)",
            Editable = true,
            PeerKinds = PeerEdits.KindsFor(policy),
            Actions = PeerEdits.ActionsFor(policy),
            EditsPeers = true,
            Directions = policy.Types switch { PolicyTypes.Both => "isolates ingress and egress", PolicyTypes.Egress => "isolates egress", _ => "isolates ingress" },
            Notes = notes,
        };
    }

    private static PolicyDiagram FromProgram(IPolicyResource policy, IReadOnlyList<(ProgramTier Tier, ProgramPolicy Policy)> compiled, WorkloadCounter counter, int spec)
    {
        var key = policy.Key;

        // A Cilium policy with several specs: each has its own endpoints and rules, so one spec is drawn at a time.
        IReadOnlyList<string> specs = policy is CiliumPolicy cilium && CiliumPolicyEdits.HasSeveralSpecs(cilium)
            ? [.. cilium.Rules.Select((r, i) => r.Description is { Length: > 0 } d ? $"{cilium.RuleName(i)}: {d}" : cilium.RuleName(i))]
            : [];
        spec = specs.Count == 0 ? 0 : Math.Clamp(spec, 0, specs.Count - 1);
        if (specs.Count > 0)
        {
            compiled = [.. compiled.Where(c => c.Policy.Part == spec)];
        }

        var subjects = compiled.Select(c => c.Policy.Subject).DistinctBy(s => s.Description).ToList();
        var (count, names) = counter.Count(compiled.Select(c => c.Policy.Subject).ToList());
        var first = subjects.FirstOrDefault();
        var structured = subjects.Count == 1 && first is { Where: null };
        var subject = new DiagramNode("subject", DiagramNodeShape.Subject, null, policy.Namespace is null ? "endpoints in the cluster" : $"endpoints in {policy.Namespace}")
        {
            Selector = structured && first is { Pods: { } pods } ? Terms(pods) : [],
            NamespaceSelector = structured && first is { OwnNamespace: null, Namespaces: { IsEmpty: false } ns } ? NamespaceTerms(ns) : [],
            Lines = structured ? [] : [.. subjects.Select(s => s.Description)],
            Workloads = count,
            WorkloadNames = names,
        };

        if (policy is Engine.Model.Calico.CalicoPolicy calico)
        {
            subject = CalicoPeerNodes.Subject(subject, calico, first?.Description);
        }

        // Cilium takes allows together and denies first; the other dialects run rules in order, the first match deciding.
        var ordered = key.Kind is not (CiliumKinds.Namespaced or CiliumKinds.Clusterwide);
        var sketch = new Sketch();
        var isolates = (Ingress: compiled.Any(c => c.Policy.IsolatesIngress), Egress: compiled.Any(c => c.Policy.IsolatesEgress));
        foreach (var direction in new[] { TrafficDirection.Ingress, TrafficDirection.Egress })
        {
            // A dialect that splits the policy repeats rules in its parts: each is drawn once, in rule order (denies first for Cilium).
            var rules = compiled.SelectMany(c => direction == TrafficDirection.Ingress ? c.Policy.Ingress : c.Policy.Egress)
                .DistinctBy(r => (r.Name, r.Number, r.Action, r.Text))
                .OrderBy(r => ordered || r.Action == RuleAction.Deny ? 0 : 1).ThenBy(r => r.Number);
            foreach (var rule in rules)
            {
                var ports = rule.Proxy is { } proxy ? $"{Ports(rule.Ports)} · L7 {proxy}" : Ports(rule.Ports);
                var condition = CalicoRuleConditions.Of(policy, direction, rule.Number);
                if (rule.Peers.IsEmpty)
                {
                    sketch.Link(AnyPeer(direction), direction, rule.Number - 1, -1, rule.Action, ports, rule.Name, rule.Text, ordered, rule.Number, condition);
                    continue;
                }

                var calicoPeer = CalicoPeerNodes.PeerOf(policy, direction, rule.Number);
                for (var i = 0; i < rule.Peers.Count; i++)
                {
                    var node = Peer(rule.Peers[i], direction, counter);
                    if (calicoPeer is not null && rule.Peers[i].Kind != ProgramPeerKind.Unmatched)
                    {
                        node = CalicoPeerNodes.Shorten(node, calicoPeer, policy.Namespace);
                    }

                    sketch.Link(node, direction, rule.Number - 1, i, rule.Action, ports, rule.Name, rule.Text, ordered, rule.Number, condition);
                }
            }

            if ((direction == TrafficDirection.Ingress ? isolates.Ingress : isolates.Egress) && !sketch.Links.Any(l => l.Direction == direction))
            {
                sketch.Nothing(direction);
            }
        }

        var (tier, head) = compiled.Count > 0 ? compiled[^1] : (ProgramTier.Default, null);
        var word = key.Kind is nameof(AdminNetworkPolicy) or nameof(ClusterNetworkPolicy) ? "priority" : "order";
        var placement = head?.ShownOrder is double o ? $"{tier.Description}, {word} {o:0.###}" : tier.Description;
        var notes = new List<string>();
        if (compiled.Count == 0)
        {
            notes.Add("The engine compiled nothing of this policy (it applies to nothing here, or is only staged).");
        }

        if (subjects.Count > 1)
        {
            notes.Add("The policy applies to several groups of endpoints (one per condition); they are drawn as one subject.");
        }

        return new PolicyDiagram(key, policy.Name, key.Kind, subject, sketch.Nodes, [.. sketch.Links.Select(l => l with { Spec = spec })])
        {
            Specs = specs,
            Spec = spec,
            Placement = ordered ? $"{placement} · the first matching rule decides" : $"{placement} · denies win over allows",
            Ordered = ordered,
            Editable = PeerEdits.RemovesLinks(policy),
            Reorderable = ordered && OrderedPolicyEdits.Edits(policy),
            PeerKinds = PeerEdits.KindsFor(policy),
            Actions = PeerEdits.ActionsFor(policy),
            EditsPeers = PeerEdits.EditsPeers(policy),
            PlacesRules = policy is Engine.Model.Calico.CalicoPolicy || OrderedPolicyEdits.AddsPeers(policy),
            Directions = (isolates.Ingress, isolates.Egress) switch
            {
                (true, true) => "isolates ingress and egress",
                (true, false) => "isolates ingress",
                (false, true) => "isolates egress",
                _ => "isolates nothing: what no rule decides goes on to the next tier",
            },
            Notes = notes,
        };
    }

    /// <summary>A NetworkPolicy peer as a node.</summary>
    private static DiagramNode Peer(NetworkPolicyPeer peer, string policyNamespace, TrafficDirection side, WorkloadCounter counter)
    {
        if (peer.IpBlock is { } block)
        {
            return new DiagramNode(Id(side, $"cidr:{block}"), DiagramNodeShape.Cidr, side, block.Cidr.Text)
            {
                Lines = block.Except.IsEmpty ? [] : [$"except {string.Join(", ", block.Except.Select(e => e.Text))}"],
            };
        }

        var selector = peer.NamespaceSelector is { } ns ? WorkloadSelector.InNamespaces(ns, peer.PodSelector) : WorkloadSelector.InNamespace(policyNamespace, peer.PodSelector ?? LabelSelector.Everything);
        var (count, names) = counter.Count([selector]);
        var (shape, title) = (peer.PodSelector, peer.NamespaceSelector) switch
        {
            (not null, null) => (DiagramNodeShape.Pods, peer.PodSelector.IsEmpty ? $"every pod in {policyNamespace}" : $"pods in {policyNamespace}"),
            (null, { IsEmpty: true }) => (DiagramNodeShape.Namespaces, "every namespace"),
            (null, not null) => (DiagramNodeShape.Namespaces, "namespaces"),
            _ => (DiagramNodeShape.Pods, "pods in namespaces"),
        };
        return new DiagramNode(Id(side, $"np:{peer}"), shape, side, title)
        {
            Selector = peer.PodSelector is { } pods ? Terms(pods) : [],
            NamespaceSelector = peer.NamespaceSelector is { } nss ? NamespaceTerms(nss) : [],
            Workloads = count,
            WorkloadNames = names,
        };
    }

    /// <summary>A program peer as a node, drawn after the kind of peer it was written as.</summary>
    private static DiagramNode Peer(ProgramPeer peer, TrafficDirection side, WorkloadCounter counter)
    {
        var id = Id(side, $"{peer.Kind}:{peer.Description}");
        switch (peer.Kind)
        {
            case ProgramPeerKind.Entity:
                return new DiagramNode(id, DiagramNodeShape.Entity, side, peer.Description);
            case ProgramPeerKind.DnsNames:
                return new DiagramNode(id, DiagramNodeShape.DnsName, side, peer.Description);
            case ProgramPeerKind.Addresses:
                return new DiagramNode(id, DiagramNodeShape.Cidr, side, peer.Description);
            case ProgramPeerKind.Unmatched:
                return new DiagramNode(id, DiagramNodeShape.Unmatched, side, peer.Description) { Lines = ["matches nothing here"] };
        }

        var workloads = peer.Workloads!;
        var (count, names) = counter.Count([workloads]);
        if (peer.Addresses is not null)
        {
            // Addresses that also take in the pods there (Calico nets): drawn as the range they are written as.
            return new DiagramNode(id, DiagramNodeShape.Cidr, side, peer.Description) { Workloads = count, WorkloadNames = names };
        }

        var structured = workloads.Where is null;
        var shape = structured && workloads is { Pods: null, Namespaces: not null } ? DiagramNodeShape.Namespaces : DiagramNodeShape.Pods;
        var title = workloads.IsEverything ? "every pod"
            : !structured ? workloads.Description
            : workloads.OwnNamespace is { } own ? $"pods in {own}"
            : shape == DiagramNodeShape.Namespaces ? "namespaces" : "pods in namespaces";
        return new DiagramNode(id, shape, side, title)
        {
            Selector = structured && workloads.Pods is { } pods ? Terms(pods) : [],
            NamespaceSelector = structured && workloads.Namespaces is { IsEmpty: false } ns ? NamespaceTerms(ns) : [],
            Workloads = count,
            WorkloadNames = names,
        };
    }

    private static DiagramNode AnyPeer(TrafficDirection side) =>
        new(Id(side, "any"), DiagramNodeShape.AnyPeer, side, side == TrafficDirection.Ingress ? "every source" : "every destination");

    private static string Id(TrafficDirection side, string what) => $"{(side == TrafficDirection.Ingress ? "in" : "out")}:{what}";

    /// <summary>A label selector's terms, one chip each.</summary>
    internal static IReadOnlyList<string> Terms(LabelSelector selector) =>
        [.. selector.MatchLabels.Select(p => $"{p.Key}={p.Value}"), .. selector.MatchExpressions.Select(e => e.ToString())];

    /// <summary>A namespace selector's terms, the namespace's name label said as "namespace".</summary>
    internal static IReadOnlyList<string> NamespaceTerms(LabelSelector selector) =>
        [.. selector.MatchLabels.Select(p => p.Key == Namespace.NameLabel ? $"namespace {p.Value}" : $"{p.Key}={p.Value}"),
         .. selector.MatchExpressions.Select(e => e.Key == Namespace.NameLabel ? $"namespace {e.ToString()[e.Key.Length..].Trim()}" : e.ToString())];

    /// <summary>A program rule's ports in words.</summary>
    private static string Ports(ProgramPorts ports)
    {
        var parts = new List<string>();
        if (!ports.Fixed.IsEmpty)
        {
            parts.Add(ports.Fixed.IsAll ? "any port" : ports.Fixed.ToString());
        }

        parts.AddRange(ports.Named.Select(n => n.Protocol is { } p ? $"{p} {n.Name}" : n.Name));
        var text = parts.Count == 0 ? "no port" : string.Join(", ", parts);
        var except = new List<string>();
        if (!ports.Except.IsEmpty)
        {
            except.Add(ports.Except.ToString());
        }

        except.AddRange(ports.ExceptNamed.Select(n => n.Name));
        return except.Count == 0 ? text : $"{text} except {string.Join(", ", except)}";
    }

    /// <summary>Places the nodes: the subject in the middle, ingress peers in columns to its left, egress peers to its right.</summary>
    internal static PolicyDiagram Layout(PolicyDiagram diagram, double gap = Gap)
    {
        var left = diagram.Peers.Where(p => p.Side == TrafficDirection.Ingress).ToList();
        var right = diagram.Peers.Where(p => p.Side == TrafficDirection.Egress).ToList();

        // Many peers: every peer compact (title and selector on two lines), more of them to a column, so that the
        // diagram stays tall rather than wide and reads at a zoom where its text is legible.
        var compact = Math.Max(left.Count, right.Count) > PerColumn;
        var (perColumn, rowHeight, peerHeight) = compact ? (CompactPerColumn, CompactRowHeight, CompactHeight) : (PerColumn, RowHeight, PeerHeight);
        int Columns(int n) => (n + perColumn - 1) / perColumn;
        double Rows(int n) => Math.Min(n, perColumn) * rowHeight;
        var height = Math.Max(SubjectHeight + 40, Math.Max(Rows(left.Count), Rows(right.Count)));
        var leftWidth = Math.Max(0, Columns(left.Count) * (PeerWidth + ColumnGap) - ColumnGap);
        var subjectX = left.Count == 0 ? 0 : leftWidth + gap;
        var rightX = subjectX + SubjectWidth + gap;

        IEnumerable<DiagramNode> Place(List<DiagramNode> side, bool toTheLeft)
        {
            for (var i = 0; i < side.Count; i++)
            {
                var (column, row) = (i / perColumn, i % perColumn);
                var inColumn = Math.Min(perColumn, side.Count - column * perColumn);
                var x = toTheLeft ? leftWidth - PeerWidth - column * (PeerWidth + ColumnGap) : rightX + column * (PeerWidth + ColumnGap);
                var y = (height - inColumn * rowHeight) / 2 + row * rowHeight + (rowHeight - peerHeight) / 2;
                yield return side[i] with { X = x, Y = y, Compact = compact };
            }
        }

        var width = right.Count == 0 ? subjectX + SubjectWidth : rightX + Columns(right.Count) * (PeerWidth + ColumnGap) - ColumnGap;
        return diagram with
        {
            Compact = compact,
            Subject = diagram.Subject with { X = subjectX, Y = (height - SubjectHeight) / 2 },
            Peers = [.. Place(left, toTheLeft: true), .. Place(right, toTheLeft: false)],
            Extent = (width, height),
        };
    }

    /// <summary>The Cilium kinds (whose rules add up, denies first).</summary>
    private static class CiliumKinds
    {
        public const string Namespaced = "CiliumNetworkPolicy";
        public const string Clusterwide = "CiliumClusterwideNetworkPolicy";
    }

    /// <summary>Collects peers (one node per distinct peer and side, in order of first use) and links.</summary>
    private sealed class Sketch
    {
        private readonly Dictionary<string, DiagramNode> _byId = new(StringComparer.Ordinal);

        public List<DiagramNode> Nodes { get; } = [];

        public List<DiagramLink> Links { get; } = [];

        public void Link(DiagramNode peer, TrafficDirection direction, int rule, int peerIndex, RuleAction action, string ports, string? name, string text, bool ordered, int? number = null, string? condition = null)
        {
            if (_byId.TryAdd(peer.Id, peer))
            {
                Nodes.Add(peer);
            }

            var place = ordered ? $"{number ?? rule + 1}. " : string.Empty;
            var verb = action == RuleAction.Allow ? string.Empty : $"{action.ToString().ToUpperInvariant()} · ";
            Links.Add(new DiagramLink($"{(direction == TrafficDirection.Ingress ? "in" : "out")}-{rule}-{peerIndex}-{Links.Count}", direction, rule, peerIndex, peer.Id, action, ports)
            {
                RuleName = name,
                Text = text,
                Label = $"{place}{verb}{ports}",
                Condition = condition,
            });
        }

        public void Nothing(TrafficDirection direction)
        {
            var node = new DiagramNode(Id(direction, "nothing"), DiagramNodeShape.Nothing, direction,
                direction == TrafficDirection.Ingress ? "nothing may come in" : "nothing may go out");
            if (_byId.TryAdd(node.Id, node))
            {
                Nodes.Add(node);
            }
        }
    }
}
