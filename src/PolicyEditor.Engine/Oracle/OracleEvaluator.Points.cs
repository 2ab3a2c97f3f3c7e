using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Oracle;

/// <summary>
/// The oracle's answer for one connection, decided without connection sets: each rule's ports are read
/// against the one protocol and port (or ICMP type and code, or protocol number) asked about, so the set
/// algebra of the fast evaluator and of <see cref="Evaluate(Endpoint, Endpoint)"/> is checked against a
/// plain reading over the whole connection space.
/// </summary>
public sealed partial class OracleEvaluator
{
    /// <summary>Whether <paramref name="source"/> may open <paramref name="point"/> to <paramref name="destination"/>.</summary>
    public bool Allows(Endpoint source, Endpoint destination, ConnectionPoint point)
    {
        if (destination is IngressControllerEndpoint || (source is not WorkloadEndpoint && destination is not WorkloadEndpoint))
        {
            return false;
        }

        if (source is WorkloadEndpoint s && !SideAllows(s.Workload, destination, Direction.Egress, point))
        {
            return false;
        }

        if (destination is WorkloadEndpoint d)
        {
            if (!SideAllows(d.Workload, source, Direction.Ingress, point))
            {
                return false;
            }

            if (source is IngressControllerEndpoint && !Exposed(_cluster, d.Workload).Contains(point))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One side, for one connection: the first admin rule (by priority, then in order) whose peer and ports
    /// match decides, Pass handing it on; then NetworkPolicies if any selects the pod in this direction (some
    /// rule must allow it); else the baseline tier's first matching rule; else it is allowed.
    /// </summary>
    private bool SideAllows(Workload subject, Endpoint peer, Direction direction, ConnectionPoint point)
    {
        var destination = direction == Direction.Ingress ? subject : (peer as WorkloadEndpoint)?.Workload;
        var nsLabels = NamespaceLabels(_cluster, subject.Namespace);
        var decided = FirstAdminDecision(_admin.Where(a => SubjectMatches(a.Subject, nsLabels, subject.Labels)).Select(a => direction == Direction.Ingress ? a.Ingress : a.Egress), peer, destination, point);
        if (decided is AdminAction.Allow or AdminAction.Deny)
        {
            return decided == AdminAction.Allow;
        }

        var selecting = _policiesByNamespace[subject.Namespace]
            .Where(p => SelectorMatches(p.PodSelector, subject.Labels))
            .Where(p => direction == Direction.Ingress ? EffectiveIngress(p) : EffectiveEgress(p))
            .ToList();
        if (selecting.Count > 0)
        {
            return selecting.Any(policy => (direction == Direction.Ingress ? policy.Ingress : policy.Egress).Any(rule =>
                (rule.Peers.IsEmpty || rule.Peers.Any(pp => PolicyPeerMatches(_cluster, pp, policy.Namespace, peer)))
                && PolicyPortsMatch(rule, destination, point)));
        }

        // The baseline tier: the first matching rule decides; Pass, like no match, leaves it to the default (allowed).
        var baseline = _baseline.Where(b => SubjectMatches(b.Subject, nsLabels, subject.Labels)).Select(b => direction == Direction.Ingress ? b.Ingress : b.Egress);
        return FirstAdminDecision(baseline, peer, destination, point) != AdminAction.Deny;
    }

    /// <summary>The action of the first rule, policy after policy, whose peer and ports match; null when none does.</summary>
    private AdminAction? FirstAdminDecision(IEnumerable<ValueArray<AdminRule>> policies, Endpoint peer, Workload? destination, ConnectionPoint point)
    {
        foreach (var rules in policies)
        {
            foreach (var rule in rules)
            {
                if (rule.Peers.Any(p => AdminPeerMatches(_cluster, p, peer)) && AdminPortsMatch(rule, destination, point))
                {
                    return rule.Action;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A NetworkPolicy rule's ports for one connection: none listed matches every connection of every protocol;
    /// otherwise an entry of the same protocol whose port is absent, the number, within the range, or a
    /// container port of the destination with that name and protocol.
    /// </summary>
    private static bool PolicyPortsMatch(NetworkPolicyRule rule, Workload? destination, ConnectionPoint point) =>
        rule.Ports.IsEmpty || rule.Ports.Any(p => p.Protocol == point.Protocol && p.Port switch
        {
            null => true,
            { Name: { } name } => destination?.Ports.Any(c => c.Name == name && c.Protocol == point.Protocol && c.Number == point.Value) == true,
            { Number: { } start } => start <= point.Value && point.Value <= (p.EndPort ?? start),
            _ => false,
        });

    /// <summary>An admin rule's ports for one connection: none listed matches everything; a named port is a container port of the destination with that name, any protocol.</summary>
    private static bool AdminPortsMatch(AdminRule rule, Workload? destination, ConnectionPoint point) =>
        rule.Ports.IsEmpty || rule.Ports.Any(p => p.NamedPort is { } name
            ? destination?.Ports.Any(c => c.Name == name && c.Protocol == point.Protocol && c.Number == point.Value) == true
            : p.Protocol == point.Protocol && p.Start <= point.Value && point.Value <= p.End);
}
