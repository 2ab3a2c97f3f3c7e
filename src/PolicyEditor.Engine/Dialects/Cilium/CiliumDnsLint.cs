using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// The check users of DNS-name rules need most: Cilium learns a name's addresses only from the DNS answers
/// its proxy sees, so a <c>toFQDNs</c> rule allows nothing unless the same endpoint may ask DNS through an
/// egress rule with an L7 <c>dns</c> rule on port 53.
/// </summary>
public static class CiliumDnsLint
{
    /// <summary>The code of the finding.</summary>
    public const string Code = "fqdn-without-dns-rule";

    /// <summary>A finding per policy rule with <c>toFQDNs</c> whose endpoints (some of them) cannot ask DNS through the proxy.</summary>
    public static IEnumerable<LintFinding> Lint(Cluster cluster)
    {
        var policies = cluster.OtherPolicies.OfType<CiliumPolicy>().ToList();
        if (!policies.Any(p => p.Rules.Any(r => r.Egress.Any(e => !e.Fqdns.IsEmpty))))
        {
            yield break;
        }

        var namespaces = cluster.Namespaces.ToDictionary(n => n.Name, n => n.Labels, StringComparer.Ordinal);
        LabelSet LabelsOf(string ns) => namespaces.TryGetValue(ns, out var l) ? l : new Namespace(ns).Labels;
        var rules = policies.SelectMany(p => p.Rules.Where(r => r.EndpointSelector is not null)
            .Select(r => (Policy: p, Rule: r, Subject: CiliumSelector.Compile(r.EndpointSelector!, p.Namespace, isSubject: true).Workloads!))).ToList();
        var proxy = new CiliumDnsProxy(policies);
        foreach (var (policy, rule, subject) in rules)
        {
            var fqdnRules = rule.Egress.Select((e, i) => (e, i)).Where(x => !x.e.Fqdns.IsEmpty).ToList();
            if (fqdnRules.Count == 0)
            {
                continue;
            }

            var names = fqdnRules.SelectMany(f => f.e.Fqdns).ToList();
            var blocked = cluster.Workloads.FirstOrDefault(w => subject.Matches(w, LabelsOf(w.Namespace))
                && names.Any(n => !proxy.MayLearn(w, LabelsOf(w.Namespace), n.PeerName, n.IsPattern)));
            if (blocked is null)
            {
                continue;
            }

            var (first, index) = fqdnRules[0];
            var reference = new RuleReference(policy.Kind, policy.Namespace is null ? policy.Name : $"{policy.Namespace}/{policy.Name}", TrafficDirection.Egress, index + 1, $"egress[{index}]", null,
                $"egress rule {index + 1} of {policy}: to DNS {string.Join(", ", first.Fqdns.Select(f => f.PeerName))}");
            yield return new LintFinding(Code, DiagnosticSeverity.Warning, ((IPolicyResource)policy).Key.Id, reference,
                $"{blocked.Id} may not ask DNS about these names through Cilium's proxy, so their addresses are never learned and this rule allows nothing for it. " +
                "Add an egress rule to the DNS pods on port 53 (UDP and TCP) with rules: {dns: [{matchPattern: \"*\"}]}.");
        }
    }
}
