using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Holds observed traffic against the policies: each observed connection asked of today's reachability and,
/// when there is a draft, of the draft's, so that a change can be replayed against the traffic the cluster
/// really carried before it is applied.
/// </summary>
public static class FlowClassifier
{
    /// <summary>
    /// Classifies every observed connection of <paramref name="traffic"/>: matched to endpoints by
    /// <paramref name="matcher"/>, then asked of <paramref name="today"/> and of <paramref name="draft"/>
    /// (today's reachability again when there is no draft).
    /// </summary>
    public static FlowClassification Classify(ObservedTraffic traffic, FlowMatcher matcher, ReachabilityMatrix today, ReachabilityMatrix? draft = null)
    {
        var flows = new List<ClassifiedFlow>(traffic.Connections.Count);
        foreach (var flow in traffic.Connections)
        {
            flows.Add(Classify(flow, matcher, today, draft ?? today));
        }

        return new FlowClassification(flows);
    }

    private static ClassifiedFlow Classify(ObservedConnection flow, FlowMatcher matcher, ReachabilityMatrix today, ReachabilityMatrix draft)
    {
        var source = matcher.Match(flow.Source);
        var destination = matcher.Match(flow.Destination);
        if (source.Endpoint is not { } s || destination.Endpoint is not { } d)
        {
            return new ClassifiedFlow(flow, source, destination, FlowClass.Unmatched, null, null);
        }

        if (!IsPairOf(today, s, d) || !IsPairOf(draft, s, d))
        {
            var problem = PeerMatch.Unmatched($"{flow.Source.Text} => {flow.Destination.Text}: neither end is a workload of the manifests.");
            return new ClassifiedFlow(flow, source, s is WorkloadEndpoint ? destination with { Problem = problem.Problem } : problem, FlowClass.Unmatched, null, null);
        }

        // Every protocol is asked about: a port for TCP, UDP, SCTP and UDPLite, type and code for ICMP, the number for the rest.
        var protocol = flow.Protocol.Protocol;
        var allowedToday = today.Get(s, d).Contains(protocol, flow.Port);
        var allowedByDraft = ReferenceEquals(today, draft) ? allowedToday : draft.Get(s, d).Contains(protocol, flow.Port);
        var flowClass = (allowedToday, allowedByDraft) switch
        {
            (false, _) => FlowClass.DroppedToday,
            (true, false) => FlowClass.BlockedByDraft,
            _ => FlowClass.ObservedAllowed,
        };
        return new ClassifiedFlow(flow, source, destination, flowClass, allowedToday, allowedByDraft);
    }

    // The matrix answers for workloads it holds, and for pairs with at least one workload end.
    private static bool IsPairOf(ReachabilityMatrix matrix, Endpoint source, Endpoint destination) =>
        (source is WorkloadEndpoint || destination is WorkloadEndpoint)
        && (source is not WorkloadEndpoint ws || matrix.IndexOf(ws.Id) >= 0)
        && (destination is not WorkloadEndpoint wd || matrix.IndexOf(wd.Id) >= 0);
}
