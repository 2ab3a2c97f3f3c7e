using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// Which endpoints Cilium's DNS proxy shows which names: an endpoint learns a name's addresses (and so a
/// <c>toFQDNs</c> rule can allow it) only when an egress rule selecting it allows DNS on port 53 with an
/// L7 <c>dns</c> rule whose names or patterns take in that name.
/// </summary>
internal sealed class CiliumDnsProxy
{
    private readonly List<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)> _rules = [];

    /// <summary>The rules that let endpoints ask DNS through the proxy: the endpoints, and the names they may ask about.</summary>
    public IReadOnlyList<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)> Rules => _rules;

    public CiliumDnsProxy(IEnumerable<CiliumPolicy> policies)
    {
        foreach (var policy in policies)
        {
            _rules.AddRange(RulesOf(policy));
        }
    }

    /// <summary>The proxy of the rules given (<see cref="RulesOf"/> of every policy, in order).</summary>
    public CiliumDnsProxy(IEnumerable<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)> rules) => _rules.AddRange(rules);

    /// <summary>The rules of one policy that let endpoints ask DNS through the proxy.</summary>
    public static List<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)> RulesOf(CiliumPolicy policy) =>
        RulesOf(policy, static (selector, ns) => CiliumSelector.Compile(selector, ns, isSubject: true).Workloads!);

    /// <summary>The rules of one policy that let endpoints ask DNS through the proxy, with the endpoints each selects as <paramref name="subject"/> compiles them.</summary>
    public static List<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)> RulesOf(CiliumPolicy policy, Func<LabelSelector, string?, WorkloadSelector> subject)
    {
        var rules = new List<(WorkloadSelector Subject, ValueArray<CiliumFqdn> Names)>();
        for (var i = 0; i < policy.RuleCount; i++)
        {
            var rule = policy.RuleAt(i);
            if (rule.EndpointSelector is null)
            {
                continue;
            }

            List<CiliumFqdn>? names = null;
            foreach (var egress in rule.Egress)
            {
                foreach (var port in egress.Ports)
                {
                    if (AsksDns(port))
                    {
                        (names ??= []).AddRange(NamesOf(port.Rules!.Value["dns"]!));
                    }
                }
            }

            if (names is not null && names.Count > 0)
            {
                rules.Add((subject(rule.EndpointSelector, policy.Namespace), names.ToValueArray()));
            }
        }

        return rules;
    }

    /// <summary>
    /// The rules grouped by the names they let endpoints ask about: for each distinct list of names, whether an
    /// endpoint may ask about them through one of the rules. An endpoint learns a name when any rule selecting it
    /// takes the name in, so one condition per list of names says the same as one per rule, and the policies that
    /// allow DNS names compile one learned policy per list instead of one per rule.
    /// </summary>
    public IReadOnlyList<(ValueArray<CiliumFqdn> Names, Func<Workload, LabelSet, bool> Asks)> Askers() =>
        [.. _rules.GroupBy(r => r.Names).Select(g => (g.Key, AnyOf([.. g.Select(r => r.Subject)])))];

    /// <summary>Whether any of <paramref name="subjects"/> takes in a workload, asking only those of its namespace and the cluster-wide ones.</summary>
    private static Func<Workload, LabelSet, bool> AnyOf(IReadOnlyList<WorkloadSelector> subjects)
    {
        var byNamespace = subjects.Where(s => s.OwnNamespace is not null).Distinct().GroupBy(s => s.OwnNamespace!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var clusterWide = subjects.Where(s => s.OwnNamespace is null).Distinct().ToArray();
        return (w, namespaceLabels) => (byNamespace.TryGetValue(w.Namespace, out var own) && Array.Exists(own, s => s.Matches(w, namespaceLabels)))
            || Array.Exists(clusterWide, s => s.Matches(w, namespaceLabels));
    }

    /// <summary>Whether <paramref name="workload"/> may ask DNS about <paramref name="name"/> (a pattern peer: about every name of it) through the proxy.</summary>
    public bool MayLearn(Workload workload, LabelSet namespaceLabels, string name, bool isPattern) =>
        _rules.Any(r => r.Names.Any(n => n.Selects(name, isPattern)) && r.Subject.Matches(workload, namespaceLabels));

    private static bool AsksDns(CiliumPortRule rule) =>
        rule.Rules?.Value["dns"] is not null && (rule.Ports.IsEmpty || rule.Ports.Any(p => p.Port is "53" or "0" or ""));

    private static IEnumerable<CiliumFqdn> NamesOf(CiliumValue dns)
    {
        var items = dns.IsList ? dns.Items : (ValueArray<CiliumValue>)new[] { dns };
        foreach (var item in items)
        {
            var name = item["matchName"]?.Scalar;
            var pattern = item["matchPattern"]?.Scalar;
            yield return name is not null ? new CiliumFqdn(name, null) : new CiliumFqdn(null, pattern ?? "*");
        }
    }
}
