using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Reachability;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// The workload view: one workload in the centre and, on each side, every peer of the draft (workloads, the
/// address blocks outside the cluster, the ingress controller, DNS names and entities) grouped by what decides
/// that side of their traffic with it: one link per deciding rule of any policy that selects the workload, or
/// per default (isolation, "nothing restricts it"). So "why can't X reach me" is the link into X's group.
/// Only the workload's own side is drawn: the peer's policies decide the other side.
/// </summary>
public static class WorkloadDiagramBuilder
{
    /// <summary>The room between the workload and its peers: wider than a policy's, for labels that name the deciding policy.</summary>
    public const double LinkRoom = 220;

    /// <summary>The kind the workload view's diagram carries (its <see cref="PolicyDiagram.Kind"/>).</summary>
    public const string Kind = "Workload";

    /// <summary>The diagram of the workload <paramref name="workloadId"/> (<see cref="Workload.Id"/>) in <paramref name="matrix"/>'s draft; null when there is no such workload.</summary>
    public static PolicyDiagram? Build(ReachabilityMatrix matrix, string workloadId)
    {
        var evaluator = matrix.Evaluator;
        if (matrix.Workloads.FirstOrDefault(w => w.Id == workloadId) is not { } workload)
        {
            return null;
        }

        var policies = Selecting(evaluator, workload);
        var subject = new DiagramNode("subject", DiagramNodeShape.Subject, null, $"{workload.Namespace}/{workload.Name}")
        {
            Selector = [.. workload.Labels.Select(l => $"{l.Key}={l.Value}")],
            Lines = [policies.Count == 0 ? $"{workload.Kind} · no policy selects it" : $"{workload.Kind} · {policies.Count} polic{(policies.Count == 1 ? "y" : "ies")} select it"],
        };

        var peers = new List<DiagramNode>();
        var links = new List<DiagramLink>();
        foreach (var direction in new[] { TrafficDirection.Ingress, TrafficDirection.Egress })
        {
            var groups = Peers(matrix, direction)
                .Select(p => (p.Category, p.Endpoint, Decisions: evaluator.Decisions(workload, p.Endpoint, direction)))
                .GroupBy(p => (p.Category, Signature(p.Decisions)))
                .Select(g => g.ToList())
                .OrderByDescending(g => g[0].Decisions.Any(d => d.Action == RuleAction.Allow && d.Rule is not null))
                .ThenBy(g => g[0].Decisions.All(d => d.Rule is null))
                .ThenBy(g => g[0].Category)
                .ToList();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var id = GroupId(direction, group[0].Category, group[0].Decisions);
                if (!ids.Add(id))
                {
                    // The same rules deciding other connections for other peers (named ports): told apart by a member.
                    ids.Add(id = $"{id}|{group.Select(g => g.Endpoint.Id).Min(StringComparer.Ordinal)}");
                }

                var node = Group(id, direction, group[0].Category, [.. group.Select(g => g.Endpoint)]);
                peers.Add(node);
                var decisions = group[0].Decisions;
                for (var d = 0; d < decisions.Count; d++)
                {
                    links.Add(Link(direction, node, decisions[d], d, decisions.Count, workload.Namespace));
                }
            }
        }

        var ingress = policies.Where(p => p.Ingress).Select(p => p.Name).ToList();
        var egress = policies.Where(p => p.Egress).Select(p => p.Name).ToList();
        var diagram = new PolicyDiagram(new PolicyKey(Kind, workload.Namespace, workload.Name), workload.Id, Kind, subject, peers, links)
        {
            Placement = "every policy that selects it, combined · each link is the rule that decides that group of peers",
            Ordered = true,
            Workload = workload.Id,
            Directions = $"ingress decided by {Names(ingress)} · egress decided by {Names(egress)}",
            Notes =
            [
                "Only this workload's side is drawn: the peer's own policies decide the other side of each connection.",
                "Numbers give the order in which the rules decide each group's traffic (the first rule that matches a connection decides it).",
            ],
            Policies = [.. policies.Select(p => p.Key).Distinct()],
        };
        return PolicyDiagramBuilder.Layout(diagram, LinkRoom);
    }

    private static string Names(List<string> names) => names.Count == 0 ? "no policy (open)" : string.Join(", ", names);

    /// <summary>The policies of every dialect that select the workload, NetworkPolicies first, then the policies of the program's tiers in the order it runs them.</summary>
    private static List<(PolicyKey Key, string Name, bool Ingress, bool Egress)> Selecting(ClusterEvaluator evaluator, Workload workload)
    {
        var ingress = evaluator.PoliciesSelecting(workload, TrafficDirection.Ingress);
        var egress = evaluator.PoliciesSelecting(workload, TrafficDirection.Egress);
        var networkPolicies = ingress.Concat(egress).Distinct()
            .Select(p => (((IPolicyResource)p).Key, p.Id, ingress.Contains(p), egress.Contains(p)));
        var tiers = evaluator.TierPoliciesSelecting(workload)
            .GroupBy(p => p.Key)
            .Select(g => (g.Key, g.Key.Id, g.Any(p => p.HasIngressRules), g.Any(p => p.HasEgressRules)));
        return [.. networkPolicies.Concat(tiers)];
    }

    /// <summary>Every peer the draft knows for one side, with the category it is grouped in.</summary>
    private static IEnumerable<(PeerCategory Category, Endpoint Endpoint)> Peers(ReachabilityMatrix matrix, TrafficDirection direction)
    {
        foreach (var w in matrix.Workloads)
        {
            yield return (PeerCategory.Workload, Endpoint.Of(w));
        }

        foreach (var block in matrix.External.Blocks)
        {
            yield return (PeerCategory.Outside, Endpoint.Of(block.Representative));
        }

        if (direction == TrafficDirection.Ingress && matrix.HasIngressController)
        {
            yield return (PeerCategory.IngressController, Endpoint.IngressController);
        }

        foreach (var other in matrix.OtherEndpoints)
        {
            yield return (other is DnsEndpoint ? PeerCategory.DnsName : PeerCategory.Entity, other);
        }
    }

    /// <summary>
    /// A group's node id, from what decides it (each deciding rule by its policy and place, or the default), not from its place
    /// among the groups: a node the user moved stays with its group when an edit adds, removes or reorders other groups.
    /// </summary>
    private static string GroupId(TrafficDirection direction, PeerCategory category, IReadOnlyList<SideDecision> decisions) =>
        $"{(direction == TrafficDirection.Ingress ? "in" : "out")}:{category}:" +
        string.Join(";", decisions.Select(d => d.Rule is { } r ? $"{d.Action} {r.Key?.Id ?? r.Policy}#{r.RuleName ?? r.RuleNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : $"{d.Action} by default"));

    private static string Signature(IReadOnlyList<SideDecision> decisions) =>
        string.Join("\n", decisions.Select(d => $"{d.Action}|{d.Rule?.Text ?? d.Why}|{d.Connections}"));

    /// <summary>A group of peers that one side treats alike, as a node.</summary>
    private static DiagramNode Group(string id, TrafficDirection side, PeerCategory category, IReadOnlyList<Endpoint> endpoints)
    {
        switch (category)
        {
            case PeerCategory.Workload:
                var workloads = endpoints.Cast<WorkloadEndpoint>().Select(e => e.Workload).ToList();
                var namespaces = workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).ToList();
                return new DiagramNode(id, DiagramNodeShape.Pods, side, workloads.Count == 1 ? $"{workloads[0].Namespace}/{workloads[0].Name}" : $"{workloads.Count} workloads")
                {
                    Lines = [namespaces.Count == 1 ? $"in {namespaces[0]}" : $"in {First(namespaces, 3)}"],
                    Workloads = workloads.Count,
                    WorkloadNames = [.. workloads.Take(WorkloadCounter.NamesShown).Select(w => $"{w.Namespace}/{w.Name}")],
                    Members = [.. workloads.Select(w => w.Id)],
                };
            case PeerCategory.Outside:
                var ranges = endpoints.Cast<ExternalEndpoint>().Select(e => e.Range.ToString()).ToList();
                return new DiagramNode(id, DiagramNodeShape.Cidr, side, ranges.Count == 1 ? ranges[0] : "outside the cluster")
                {
                    Lines = ranges.Count == 1 ? ["outside the cluster"] : [$"{ranges.Count} address blocks: {First(ranges, 2)}"],
                    Members = [.. endpoints.Select(e => e.Id)],
                };
            case PeerCategory.IngressController:
                return new DiagramNode(id, DiagramNodeShape.Entity, side, "ingress controller") { Members = [endpoints[0].Id] };
            case PeerCategory.DnsName:
                return new DiagramNode(id, DiagramNodeShape.DnsName, side, First([.. endpoints.Cast<DnsEndpoint>().Select(e => e.Name)], 2)) { Members = [.. endpoints.Select(e => e.Id)] };
            default:
                return new DiagramNode(id, DiagramNodeShape.Entity, side, First([.. endpoints.Select(e => e.Id)], 2)) { Members = [.. endpoints.Select(e => e.Id)] };
        }
    }

    private static string First(IReadOnlyList<string> items, int shown) =>
        items.Count <= shown ? string.Join(", ", items) : $"{string.Join(", ", items.Take(shown))} and {items.Count - shown} more";

    /// <summary>One deciding rule (or default) of a group, as a link labelled with its order, its policy (without the workload's own namespace) and what it decided.</summary>
    private static DiagramLink Link(TrafficDirection direction, DiagramNode node, SideDecision decision, int index, int count, string ns)
    {
        var ports = decision.Connections.IsAll ? "any port" : decision.Rule is null && count > 1 ? "the rest" : decision.Connections.ToString();
        var who = decision.Rule is { } rule
            ? $"{(rule.Policy.StartsWith($"{ns}/", StringComparison.Ordinal) ? rule.Policy[(ns.Length + 1)..] : rule.Policy)}{(rule.RuleName is { Length: > 0 } n ? $" '{n}'" : $" #{rule.RuleNumber}")}"
            : decision.Action == RuleAction.Deny ? "isolated" : "not restricted";
        var verb = decision.Action == RuleAction.Allow ? string.Empty : $"{decision.Action.ToString().ToUpperInvariant()} · ";
        return new DiagramLink($"{node.Id}-{index}", direction, index, -1, node.Id, decision.Action, ports)
        {
            RuleName = decision.Rule?.RuleName,
            Text = $"{(decision.Action == RuleAction.Allow ? "Allowed" : "Denied")} on {ports}: {decision.Why}",
            Label = $"{index + 1}. {verb}{who} · {ports}",
            Policy = decision.Rule?.Key,
        };
    }

    /// <summary>The kinds of peers kept apart when grouping.</summary>
    private enum PeerCategory
    {
        Workload,
        Outside,
        IngressController,
        DnsName,
        Entity,
    }
}
