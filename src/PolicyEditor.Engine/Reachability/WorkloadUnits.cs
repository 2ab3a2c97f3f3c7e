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

    public WorkloadUnits(ReachabilityMatrix before, ClusterEvaluator after, ExternalSpace external, IReadOnlyList<PeerMatcher> newProgramPeers)
    {
        _membership = before.Membership;
        _external = external;
        var oldNames = before.Evaluator.NamedPorts;
        var newNames = after.NamedPorts;
        var n = before.Workloads.Count;
        if (newNames.All(oldNames.Contains))
        {
            // The old groups, split further by the peers of changed program policies (the old peers made the old groups).
            var groups = new PeerPartition(n);
            groups.StartFrom(before.GroupOfWorkload);
            foreach (var peer in newProgramPeers.Where(p => p.SelectsWorkloads))
            {
                groups.Refine(_membership.Members(peer));
            }

            int count;
            (_groupOf, count) = groups.Compact();
            _groupRepresentative = new int[count];
            for (var w = n - 1; w >= 0; w--)
            {
                _groupRepresentative[_groupOf[w]] = w;
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
