namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// L7 rules that apply to a pair's traffic: a rule of <see cref="Policy"/> (<see cref="Rule"/>, on the
/// <see cref="Direction"/> side) allows the traffic at L4 and a proxy filters it by <see cref="Text"/>
/// (e.g. "HTTP GET /api/.*").
/// </summary>
public sealed record ProxyFilter(string Policy, string Rule, TrafficDirection Direction, string Text)
{
    /// <summary>Finds the L7 rules that apply to the traffic from <paramref name="source"/> to <paramref name="destination"/>, both sides.</summary>
    public static IReadOnlyList<ProxyFilter> Between(ClusterEvaluator evaluator, Endpoint source, Endpoint destination)
    {
        var policies = evaluator.Program.Policies;
        if (!policies.Any(p => p.Ingress.Concat(p.Egress).Any(r => r.Rule.Proxy is not null)))
        {
            return [];
        }

        var allowed = evaluator.Evaluate(source, destination);
        if (allowed.IsEmpty)
        {
            return [];
        }

        var result = new List<ProxyFilter>();
        foreach (var (subject, peer, direction) in new[] { (destination, source, TrafficDirection.Ingress), (source, destination, TrafficDirection.Egress) })
        {
            if (subject is not WorkloadEndpoint w)
            {
                continue;
            }

            var labels = evaluator.Namespaces.LabelsOf(w.Workload.Namespace);
            var target = (destination as WorkloadEndpoint)?.Workload;
            foreach (var policy in policies.Where(p => p.Selects(w.Workload, labels)))
            {
                foreach (var rule in policy.Rules(direction).Where(r => r.Rule.Proxy is not null && r.Action == Program.RuleAction.Allow))
                {
                    if (rule.Matcher.Matches(peer, evaluator.Namespaces) && !rule.Matcher.Ports.Resolve(target).Intersect(allowed).IsEmpty)
                    {
                        result.Add(new ProxyFilter(policy.Source.Description, rule.Rule.Name ?? $"rule {rule.Rule.Number}", direction, rule.Rule.Proxy!));
                    }
                }
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => $"L7 {Text} ({Rule} of {Policy}): allowed at L4 and filtered by the proxy";
}
