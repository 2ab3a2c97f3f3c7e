using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Goals;

/// <summary>Evaluates <see cref="ReachabilityCheck"/>s against a cluster with the engine.</summary>
public static class GoalChecker
{
    /// <summary>Checks one goal; a pattern that names nothing in the cluster fails the check and says so.</summary>
    public static CheckResult Check(ClusterEvaluator evaluator, ReachabilityCheck check)
    {
        var sources = Resolve(evaluator, check.Sources, out var missing);
        var destinations = missing is null ? Resolve(evaluator, check.Destinations, out missing) : [];
        var except = missing is null ? Resolve(evaluator, check.Except, out missing) : [];
        if (missing is not null)
        {
            return new CheckResult(check, false, missing, null);
        }

        var scope = check.Verdict == CheckVerdict.Exactly ? ConnectionSet.All : check.Connections ?? ConnectionSet.All;
        var pairs = 0;
        foreach (var source in sources)
        {
            foreach (var destination in destinations)
            {
                if (source.Id == destination.Id || !ClusterEvaluator.IsPair(source, destination))
                {
                    continue;
                }

                pairs++;
                var allowed = evaluator.Evaluate(source, destination);
                var excepted = except.Any(e => Covers(e, source) || Covers(e, destination));
                var failure = Judge(check, allowed, scope, excepted);
                if (failure is not null)
                {
                    var (message, port) = failure.Value;
                    var explanation = port is { } p ? evaluator.Explain(source, destination, p.Protocol, p.Port) : null;
                    return new CheckResult(check, false, $"{source.Id} => {destination.Id}: {message}", explanation);
                }
            }
        }

        return pairs == 0
            ? new CheckResult(check, false, "the check names no pair of distinct endpoints", null)
            : new CheckResult(check, true, $"holds for {pairs} pair(s)", null);
    }

    /// <summary>Checks every goal.</summary>
    public static IReadOnlyList<CheckResult> CheckAll(ClusterEvaluator evaluator, IEnumerable<ReachabilityCheck> checks) =>
        [.. checks.Select(c => Check(evaluator, c))];

    private static (string Message, (Protocol Protocol, int Port)? Port)? Judge(ReachabilityCheck check, ConnectionSet allowed, ConnectionSet scope, bool excepted)
    {
        var inScope = allowed.Intersect(scope);
        switch (check.Verdict)
        {
            case CheckVerdict.Allowed:
                {
                    if (check.Connections is null)
                    {
                        return inScope.IsEmpty ? ("expected some traffic to be allowed, but none is", FirstOf(ConnectionSet.All)) : null;
                    }

                    var lacking = check.Connections.Subtract(allowed);
                    return lacking.IsEmpty ? null : ($"expected {check.Connections.Describe()} to be allowed, but {lacking.Describe()} is not (allowed: {allowed.Describe()})", FirstOf(lacking));
                }

            case CheckVerdict.Exactly:
                {
                    var expected = check.Connections!;
                    if (allowed.Equals(expected))
                    {
                        return null;
                    }

                    var extra = allowed.Subtract(expected);
                    var lacking = expected.Subtract(allowed);
                    return !extra.IsEmpty
                        ? ($"expected exactly {expected.Describe()}, but {extra.Describe()} is also allowed", FirstOf(extra))
                        : ($"expected exactly {expected.Describe()}, but {lacking.Describe()} is not allowed", FirstOf(lacking));
                }

            default:
                {
                    if (!excepted)
                    {
                        return inScope.IsEmpty ? null : ($"expected {(check.Connections is null ? "all traffic" : check.Connections.Describe())} to be denied, but {inScope.Describe()} is allowed", FirstOf(inScope));
                    }

                    if (check.ExceptConnections is { } wanted)
                    {
                        var want = wanted.Intersect(scope);
                        if (inScope.Equals(want))
                        {
                            return null;
                        }

                        var extra = inScope.Subtract(want);
                        var lacking = want.Subtract(inScope);
                        return !extra.IsEmpty
                            ? ($"as an exception only {want.Describe()} should be allowed, but {extra.Describe()} is too", FirstOf(extra))
                            : ($"as an exception {want.Describe()} should be allowed, but {lacking.Describe()} is not", FirstOf(lacking));
                    }

                    return inScope.IsEmpty ? ("as an exception some traffic should be allowed, but none is", FirstOf(scope)) : null;
                }
        }
    }

    private static (Protocol Protocol, int Port)? FirstOf(ConnectionSet set) =>
        set.FirstPoint is { } point ? (point.Protocol, point.Value) : null;

    private static bool Covers(Endpoint pattern, Endpoint endpoint) => (pattern, endpoint) switch
    {
        (ExternalEndpoint p, ExternalEndpoint e) => p.Range.Contains(e.Range),
        _ => pattern.Id == endpoint.Id,
    };

    /// <summary>The endpoints of some patterns: workloads, external ranges cut along the policies' blocks, the ingress controller.</summary>
    private static List<Endpoint> Resolve(ClusterEvaluator evaluator, IReadOnlyList<PeerPattern> patterns, out string? missing)
    {
        missing = null;
        var result = new List<Endpoint>();
        foreach (var pattern in patterns)
        {
            switch (pattern.Kind)
            {
                case PeerPatternKind.IngressController:
                    result.Add(Endpoint.IngressController);
                    break;
                case PeerPatternKind.Other:
                    result.Add(pattern.Text.EndsWith("[DNS]", StringComparison.Ordinal) ? new DnsEndpoint(pattern.Name!) : new SpecialEndpoint(pattern.Name!));
                    break;
                case PeerPatternKind.External:
                    {
                        var range = pattern.Cidr!.Value.Range;
                        foreach (var block in evaluator.ExternalSpace.Blocks)
                        {
                            foreach (var r in block.Ranges.Where(r => r.Family == range.Family && r.First <= range.Last && range.First <= r.Last))
                            {
                                var first = r.First > range.First ? r.First : range.First;
                                var last = r.Last < range.Last ? r.Last : range.Last;
                                result.Add(new ExternalEndpoint(new AddressRange(range.Family, first, last)));
                            }
                        }

                        break;
                    }

                default:
                    {
                        var workloads = pattern.Workloads(evaluator.Cluster).ToList();
                        if (workloads.Count == 0)
                        {
                            missing = $"'{pattern}' names no workload of the cluster";
                            return [];
                        }

                        if (pattern.Kind == PeerPatternKind.Workload && pattern.Namespace is null && workloads.Select(w => w.Namespace).Distinct().Count() > 1)
                        {
                            missing = $"'{pattern}' is ambiguous: {string.Join(", ", workloads.Select(w => w.Id))}; write namespace/name";
                            return [];
                        }

                        result.AddRange(workloads.Select(Endpoint.Of));
                        break;
                    }
            }
        }

        return result;
    }
}
