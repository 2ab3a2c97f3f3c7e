using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Least-privilege policies from observed traffic, in a dialect (NetworkPolicy, Calico or Cilium): for each
/// workload of the scope one policy that isolates it both ways and allows exactly the connections observed
/// into and out of it (ports merged per peer, peers with the same connections in one rule), plus DNS;
/// selectors of stable labels only.
/// </summary>
public static class FlowPolicyGenerator
{
    /// <summary>The prefix of the generated policies' names.</summary>
    public const string NamePrefix = "observed-";

    /// <summary>
    /// Proposes policies in <paramref name="dialect"/> (null: the one <paramref name="cluster"/> already uses) for
    /// the workloads of <paramref name="cluster"/> that <paramref name="inScope"/> takes (all when null) from the
    /// observed connections of <paramref name="classification"/> that went through; the existing namespaced
    /// policies of namespaces entirely in the scope are replaced.
    /// </summary>
    public static FlowPolicyProposal Generate(Cluster cluster, FlowClassification classification, Func<Workload, bool>? inScope = null, PolicyDialect? dialect = null)
    {
        inScope ??= _ => true;
        var language = dialect ?? DialectProposals.DialectOf(cluster);
        var warnings = new List<string>();
        var ingress = new Dictionary<Workload, Dictionary<Endpoint, ConnectionSet>>();
        var egress = new Dictionary<Workload, Dictionary<Endpoint, ConnectionSet>>();
        var used = 0;
        var (unmatched, unsupported, dropped) = (0, 0, 0);
        foreach (var f in classification.Flows)
        {
            if (f.Class == FlowClass.Unmatched)
            {
                unmatched++;
                continue;
            }

            var protocol = f.Flow.Protocol.Protocol;
            if (!CanName(language, protocol))
            {
                unsupported++;
                continue;
            }

            if (f.Flow.Forwarded == 0 && f.Flow.Dropped > 0)
            {
                dropped++;
                continue;
            }

            var connection = ConnectionSet.Of(new ConnectionPoint(protocol, f.Flow.Port));
            var counted = false;
            if (f.Destination is WorkloadEndpoint d && inScope(d.Workload))
            {
                Allow(ingress, d.Workload, f.Source!, connection);
                counted = true;
            }

            if (f.Source is WorkloadEndpoint s && inScope(s.Workload))
            {
                Allow(egress, s.Workload, f.Destination!, connection);
                counted = true;
            }

            used += counted ? 1 : 0;
        }

        Report(warnings, unmatched, "not matched to a workload of the manifests");
        Report(warnings, unsupported, language switch
        {
            PolicyDialect.Calico => "on protocol 0, which Calico rules cannot name",
            PolicyDialect.Cilium => "on a protocol CiliumNetworkPolicy cannot name (it names TCP, UDP, SCTP, ICMP and ICMPv6)",
            _ => "on a protocol NetworkPolicy cannot name (ICMP, another protocol number)",
        });
        Report(warnings, dropped, "only ever dropped");

        var workloads = cluster.Workloads.Where(inScope).OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
        var whole = cluster.Workloads.GroupBy(w => w.Namespace).Where(g => g.All(inScope)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var input = new FlowPolicyInput(cluster, workloads, ingress, egress, whole, warnings);
        IReadOnlyList<IPolicyResource> policies = language switch
        {
            PolicyDialect.Calico => CalicoFromFlows.Write(input),
            PolicyDialect.Cilium => CiliumFromFlows.Write(input),
            _ => NetworkPolicyFromFlows.Write(input),
        };

        var replaced = cluster.NetworkPolicies.Where(p => whole.Contains(p.Namespace)).Cast<IPolicyResource>()
            .Concat(cluster.OtherPolicies.Where(p => p.Namespace is { } ns && whole.Contains(ns) && IsReplaced(p)))
            .ToList();
        return new FlowPolicyProposal(language, policies, replaced, warnings, used);
    }

    /// <summary>Whether a policy of <paramref name="dialect"/> can allow connections of <paramref name="protocol"/>, and no other.</summary>
    public static bool CanName(PolicyDialect dialect, Protocol protocol) => dialect switch
    {
        PolicyDialect.Calico => protocol.Number > 0,
        PolicyDialect.Cilium => protocol.IsKubernetes || protocol.HasTypes,
        _ => protocol.IsKubernetes,
    };

    /// <summary>
    /// The namespaced policies a proposal for their whole namespace replaces besides NetworkPolicies: enforced Calico
    /// policies of the default tier (other tiers are the platform's) and CiliumNetworkPolicies.
    /// </summary>
    private static bool IsReplaced(IPolicyResource policy) => policy switch
    {
        CalicoPolicy c => c.PolicyKind == CalicoPolicyKind.NetworkPolicy && c.Tier == CalicoPolicy.DefaultTier,
        CiliumPolicy => true,
        _ => false,
    };

    private static void Allow(Dictionary<Workload, Dictionary<Endpoint, ConnectionSet>> side, Workload subject, Endpoint peer, ConnectionSet connection)
    {
        if (!side.TryGetValue(subject, out var peers))
        {
            side[subject] = peers = [];
        }

        peers[peer] = peers.TryGetValue(peer, out var known) ? known.Union(connection) : connection;
    }

    private static void Report(List<string> warnings, int count, string what)
    {
        if (count > 0)
        {
            warnings.Add($"Not allowed: {count:N0} observed connection{(count == 1 ? string.Empty : "s")} {what}.");
        }
    }
}
