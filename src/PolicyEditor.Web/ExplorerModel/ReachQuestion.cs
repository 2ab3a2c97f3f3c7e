using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>"Can this source reach this destination on this port?", asked of the draft or of the baseline.</summary>
public sealed record ReachQuestion(EndpointPair Pair, Protocol Protocol, int Port)
{
    /// <summary>The engine's verdict and explanation in the draft.</summary>
    public Explanation Explain(ReachabilityMatrix draft) => draft.Evaluator.Explain(Pair.Source, Pair.Destination, Protocol, Port);

    /// <summary>The verdict and explanation before the draft; null when an end does not exist in the baseline.</summary>
    public Explanation? ExplainInBaseline(ReachabilityMatrix baseline) =>
        In(Pair, baseline) is { } pair ? baseline.Evaluator.Explain(pair.Source, pair.Destination, Protocol, Port) : null;

    /// <summary>The pair with its workloads taken from another matrix's cluster (same ids); null when one is not there.</summary>
    public static EndpointPair? In(EndpointPair pair, ReachabilityMatrix baseline)
    {
        Endpoint? Same(Endpoint e) => e is WorkloadEndpoint w
            ? baseline.IndexOf(w.Workload.Id) is var i and >= 0 ? Endpoint.Of(baseline.Workloads[i]) : null
            : e;
        return Same(pair.Source) is { } s && Same(pair.Destination) is { } d ? new EndpointPair(s, d) : null;
    }

    /// <summary>The first protocol and port a set allows (TCP first, port 80 or 443 when allowed), to explain something interesting; null when it allows nothing.</summary>
    public static (Protocol Protocol, int Port)? FirstOf(ConnectionSet set)
    {
        foreach (var p in new[] { Protocol.TCP, Protocol.UDP, Protocol.SCTP })
        {
            var ports = set[p];
            if (!ports.IsEmpty)
            {
                // "All ports" explains best with a port people know.
                return (p, ports.Contains(80) ? 80 : ports.Contains(443) ? 443 : Math.Max(ports.Ranges[0].Start, 1));
            }
        }

        return null;
    }
}
