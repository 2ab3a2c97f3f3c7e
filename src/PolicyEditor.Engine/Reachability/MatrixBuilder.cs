using System.Text;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Computes the rows of a <see cref="ReachabilityMatrix"/>: partitions workloads into peer classes
/// (by which selectors take them in, and which named and exposed ports they have), then builds each
/// class's egress and ingress rows with <see cref="RowBuilder"/>. Peer groups gather the classes that
/// every admin peer and every named port treat alike.
/// </summary>
internal sealed class MatrixBuilder : IPeerUnits
{
    private readonly ClusterEvaluator _evaluator;
    private readonly ExternalSpace _external;
    private readonly IReadOnlyList<Workload> _workloads;
    private readonly SelectorMembership _membership;
    private readonly Dictionary<int[], int[]> _classesOfMembers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PeerMatcher, int[]> _peerClasses = new(ReferenceEqualityComparer.Instance);
    private int[] _classOf = [];
    private int _classCount;
    private int[] _representative = [];
    private int[] _groupOf = [];
    private int[] _groupRepresentative = [];

    public MatrixBuilder(ClusterEvaluator evaluator, ExternalSpace external, SelectorMembership membership)
    {
        _evaluator = evaluator;
        _external = external;
        _workloads = evaluator.Cluster.Workloads.Items;
        _membership = membership;
    }

    public int GroupCount => _groupRepresentative.Length;

    private IEnumerable<AdminPolicyMatcher> AllAdmin => _evaluator.Baseline is null ? _evaluator.AdminPolicies : _evaluator.AdminPolicies.Append(_evaluator.Baseline);

    public int[] UnitsOf(PeerMatcher peer)
    {
        if (!_peerClasses.TryGetValue(peer, out var classes))
        {
            classes = ClassesOf(_membership.Members(peer));
            _peerClasses[peer] = classes;
        }

        return classes;
    }

    public int[] BlocksOf(PeerMatcher peer) => _external.BlocksWithin(peer.Addresses!);

    public Workload RepresentativeOf(int unit) => _workloads[_representative[unit]];

    public int GroupOf(int unit) => _groupOf[unit];

    public int GroupRepresentative(int group) => _groupRepresentative[group];

    public ReachabilityMatrix.Parts Build()
    {
        Partition();

        var selecting = new List<NetworkPolicyMatcher>[_classCount];
        for (var c = 0; c < _classCount; c++)
        {
            selecting[c] = [];
        }

        foreach (var policy in _evaluator.Policies)
        {
            foreach (var c in ClassesOf(_membership.Members(policy.Policy)))
            {
                selecting[c].Add(policy);
            }
        }

        var adminSelecting = new bool[_classCount];
        foreach (var admin in AllAdmin)
        {
            foreach (var c in ClassesOf(_membership.Members(admin.Subject)))
            {
                adminSelecting[c] = true;
            }
        }

        var egress = new DirectionalRow[_classCount];
        var ingress = new DirectionalRow[_classCount];
        for (var c = 0; c < _classCount; c++)
        {
            var subject = RepresentativeOf(c);
            egress[c] = RowBuilder.Build(_evaluator, _external, this, subject, TrafficDirection.Egress, selecting[c], adminSelecting[c]);
            ingress[c] = RowBuilder.Build(_evaluator, _external, this, subject, TrafficDirection.Ingress, selecting[c], adminSelecting[c]);
        }

        return new ReachabilityMatrix.Parts(_classOf, _classCount, _groupOf, egress, ingress, _membership);
    }

    private void Partition()
    {
        var partition = new PeerPartition(_workloads.Count);
        var peers = new List<PeerMatcher>();
        foreach (var policy in _evaluator.Policies)
        {
            partition.Refine(_membership.Members(policy.Policy));
            peers.AddRange(policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers));
        }

        var adminPeers = new List<PeerMatcher>();
        foreach (var admin in AllAdmin)
        {
            partition.Refine(_membership.Members(admin.Subject));
            adminPeers.AddRange(admin.Ingress.Concat(admin.Egress).SelectMany(r => r.Matcher.Peers));
        }

        var refined = new HashSet<int[]>(ReferenceEqualityComparer.Instance);
        foreach (var peer in peers.Concat(adminPeers).Where(p => p.IsPods))
        {
            var members = _membership.Members(peer);
            if (refined.Add(members))
            {
                partition.Refine(members);
            }
        }

        var namedPorts = NamedPorts(_evaluator);
        if (namedPorts.Count > 0)
        {
            partition.RefineByKey(w => PortKey(_workloads[w], namedPorts));
        }

        if (_evaluator.Exposures.Any)
        {
            partition.RefineByKey(w => _evaluator.Exposures.PortsOf(_workloads[w]).ToString());
        }

        (_classOf, _classCount) = partition.Compact();
        _representative = FirstMembers(_classOf, _classCount);

        // Peer groups: classes that every admin peer and every named port treat alike.
        var groups = new PeerPartition(_classCount);
        foreach (var peer in adminPeers.Where(p => p.IsPods))
        {
            groups.Refine(UnitsOf(peer));
        }

        if (namedPorts.Count > 0)
        {
            groups.RefineByKey(c => PortKey(RepresentativeOf(c), namedPorts));
        }

        int groupCount;
        (_groupOf, groupCount) = groups.Compact();
        _groupRepresentative = FirstMembers(_groupOf, groupCount);
    }

    /// <summary>The named ports any rule mentions, with the protocol they require (null: any).</summary>
    internal static List<(string Name, Protocol? Protocol)> NamedPorts(ClusterEvaluator evaluator) =>
        [.. evaluator.Policies.SelectMany(p => p.Ingress.Concat(p.Egress))
            .Concat(evaluator.AdminPolicies.Concat(evaluator.Baseline is null ? [] : [evaluator.Baseline]).SelectMany(a => a.Ingress.Concat(a.Egress)).Select(r => r.Matcher))
            .SelectMany(r => r.Ports.Named)
            .Distinct()];

    /// <summary>What the named ports resolve to on a workload, as a key that tells workloads apart.</summary>
    internal static string PortKey(Workload workload, List<(string Name, Protocol? Protocol)> named)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < named.Count; i++)
        {
            foreach (var p in workload.Ports)
            {
                if (p.Name == named[i].Name && (named[i].Protocol is null || named[i].Protocol == p.Protocol))
                {
                    sb.Append(i).Append(':').Append(p.Protocol).Append(p.Number).Append(';');
                }
            }
        }

        return sb.ToString();
    }

    private static int[] FirstMembers(int[] partOf, int count)
    {
        var first = new int[count];
        Array.Fill(first, -1);
        for (var i = 0; i < partOf.Length; i++)
        {
            if (first[partOf[i]] < 0)
            {
                first[partOf[i]] = i;
            }
        }

        return first;
    }

    private int[] ClassesOf(int[] members)
    {
        if (_classesOfMembers.TryGetValue(members, out var cached))
        {
            return cached;
        }

        var seen = new HashSet<int>();
        foreach (var w in members)
        {
            seen.Add(_classOf[w]);
        }

        var result = seen.ToArray();
        Array.Sort(result);
        _classesOfMembers[members] = result;
        return result;
    }
}
