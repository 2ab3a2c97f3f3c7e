using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Single workloads as row units, for recomputing a few rows after an edit (the edit's selectors may
/// split the old peer classes). Groups are the old matrix's peer groups when the edit names no new
/// port names, else one group per workload.
/// </summary>
internal sealed class WorkloadUnits : IPeerUnits
{
    private readonly SelectorMembership _membership;
    private readonly ExternalSpace _external;
    private readonly int[] _groupOf;
    private readonly int[] _groupRepresentative;

    public WorkloadUnits(ReachabilityMatrix before, ClusterEvaluator after, ExternalSpace external)
    {
        _membership = before.Membership;
        _external = external;
        var oldNames = before.Evaluator.NamedPorts;
        var newNames = after.NamedPorts;
        var n = before.Workloads.Count;
        if (newNames.All(oldNames.Contains))
        {
            _groupOf = new int[n];
            var firstOfGroup = new Dictionary<int, int>();
            for (var w = 0; w < n; w++)
            {
                _groupOf[w] = before.GroupOfWorkload(w);
                firstOfGroup.TryAdd(_groupOf[w], w);
            }

            _groupRepresentative = new int[firstOfGroup.Count == 0 ? 0 : firstOfGroup.Keys.Max() + 1];
            foreach (var (g, w) in firstOfGroup)
            {
                _groupRepresentative[g] = w;
            }
        }
        else
        {
            _groupOf = [.. Enumerable.Range(0, n)];
            _groupRepresentative = _groupOf;
        }
    }

    public int GroupCount => _groupRepresentative.Length;

    public int[] UnitsOf(PeerMatcher peer) => _membership.Members(peer);

    public int[] BlocksOf(PeerMatcher peer) => _external.BlocksWithin(peer.Addresses!);

    public Workload RepresentativeOf(int unit) => _membership.Workloads[unit];

    public int GroupOf(int unit) => _groupOf[unit];

    public int GroupRepresentative(int group) => _groupRepresentative[group];
}
