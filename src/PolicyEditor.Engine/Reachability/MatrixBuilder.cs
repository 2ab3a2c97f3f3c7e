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
    private readonly UnionCache _unions = new();
    private int[]?[] _peerClasses = [];
    private int[]?[] _peerMembers = [];
    private int[]?[] _peerBlocks = [];
    private int[] _classOf = [];
    private int _classCount;
    private int[] _representative = [];
    private int[] _groupOf = [];
    private int[] _groupRepresentative = [];

    // ClassesOf's working space: which classes this call met (by round), and them in the order met.
    private int[] _classSeen = [];
    private int[] _classBuffer = [];
    private int _classRound;

    public MatrixBuilder(ClusterEvaluator evaluator, ExternalSpace external, SelectorMembership membership)
    {
        _evaluator = evaluator;
        _external = external;
        _workloads = evaluator.Cluster.Workloads.Items;
        _membership = membership;
    }

    public int GroupCount => _groupRepresentative.Length;

    private Program.CompiledPolicy[] ProgramPolicies => _evaluator.Program.Policies;

    public int[] UnitsOf(PeerMatcher peer)
    {
        if (peer.Id >= _peerClasses.Length)
        {
            Array.Resize(ref _peerClasses, Math.Max(peer.Id + 1, _evaluator.Compilation.PeerCount));
        }

        return _peerClasses[peer.Id] ??= ClassesOf(MembersOf(peer));
    }

    /// <summary>The workloads a compiled peer takes in, asked of the membership once per peer.</summary>
    private int[] MembersOf(PeerMatcher peer)
    {
        if (peer.Id >= _peerMembers.Length)
        {
            Array.Resize(ref _peerMembers, Math.Max(peer.Id + 1, _evaluator.Compilation.PeerCount));
        }

        return _peerMembers[peer.Id] ??= _membership.Members(peer);
    }

    public int[] BlocksOf(PeerMatcher peer)
    {
        if (peer.Id >= _peerBlocks.Length)
        {
            Array.Resize(ref _peerBlocks, Math.Max(peer.Id + 1, _evaluator.Compilation.PeerCount));
        }

        return _peerBlocks[peer.Id] ??= _external.BlocksWithin(peer.Addresses!);
    }

    public Workload RepresentativeOf(int unit) => _workloads[_representative[unit]];

    public int GroupOf(int unit) => _groupOf[unit];

    public int GroupRepresentative(int group) => _groupRepresentative[group];

    public ReachabilityMatrix.Parts Build()
    {
        Partition();

        // Each class's NetworkPolicies, in cluster order, in arrays of the exact size (counted first).
        var counts = new int[_classCount];
        foreach (var policy in _evaluator.Policies)
        {
            foreach (var c in UnitsOf(policy.Subject))
            {
                counts[c]++;
            }
        }

        var selecting = new NetworkPolicyMatcher[_classCount][];
        for (var c = 0; c < _classCount; c++)
        {
            selecting[c] = counts[c] == 0 ? [] : new NetworkPolicyMatcher[counts[c]];
            counts[c] = 0;
        }

        foreach (var policy in _evaluator.Policies)
        {
            foreach (var c in UnitsOf(policy.Subject))
            {
                selecting[c][counts[c]++] = policy;
            }
        }

        var programRows = new ProgramRows(_evaluator, _external, _unions, this);
        var selections = ProgramSelections(programRows);
        var scratch = new RowScratch();
        var egress = new DirectionalRow[_classCount];
        var ingress = new DirectionalRow[_classCount];
        for (var c = 0; c < _classCount; c++)
        {
            var subject = RepresentativeOf(c);
            var selection = selections[c];
            egress[c] = RowBuilder.Build(_external, this, _unions, scratch, programRows, subject, TrafficDirection.Egress, selecting[c], selection);
            ingress[c] = RowBuilder.Build(_external, this, _unions, scratch, programRows, subject, TrafficDirection.Ingress, selecting[c], selection);
        }

        return new ReachabilityMatrix.Parts(_classOf, _classCount, _groupOf, egress, ingress, _membership);
    }

    /// <summary>
    /// Each class's selection: the program policies that select it, in program order. Policies are asked once each (once per
    /// distinct subject), and classes that the same policies select share one path of a trie over policy numbers, so a
    /// class holds no list of its own (an admin tier selects every class with tens of policies).
    /// </summary>
    private ProgramSelection?[] ProgramSelections(ProgramRows programRows)
    {
        var policies = ProgramPolicies;
        var node = new int[_classCount];
        var path = new List<(int Parent, int Policy)> { (-1, -1) };

        // Per node, the last policy that gave it a child, and that child: a policy gives each node one child at most.
        var childFor = new List<(int Policy, int Child)> { (-1, 0) };
        var classesOf = new Dictionary<int[], int[]>(ReferenceEqualityComparer.Instance);
        for (var p = 0; p < policies.Length; p++)
        {
            var members = _membership.Members(policies[p].Subject);
            if (!classesOf.TryGetValue(members, out var classes))
            {
                classesOf[members] = classes = ClassesOf(members);
            }

            foreach (var c in classes)
            {
                var from = node[c];
                if (childFor[from].Policy != p)
                {
                    childFor[from] = (p, path.Count);
                    path.Add((from, p));
                    childFor.Add((-1, 0));
                }

                node[c] = childFor[from].Child;
            }
        }

        var selectionOf = new ProgramSelection?[path.Count];
        var result = new ProgramSelection?[_classCount];
        for (var c = 0; c < _classCount; c++)
        {
            if (node[c] != 0)
            {
                result[c] = selectionOf[node[c]] ??= programRows.SelectionOf(PoliciesOn(node[c]));
            }
        }

        return result;

        List<Program.CompiledPolicy> PoliciesOn(int end)
        {
            var list = new List<Program.CompiledPolicy>();
            for (var n = end; n != 0; n = path[n].Parent)
            {
                list.Add(policies[path[n].Policy]);
            }

            list.Reverse();
            return list;
        }
    }

    private void Partition()
    {
        var partition = new PeerPartition(_workloads.Count);
        var refined = new bool[_evaluator.Compilation.PeerCount];
        void RefineBy(PeerMatcher peer)
        {
            // Policies repeat subjects and peers: a set splits the classes once.
            if (peer.Id >= refined.Length)
            {
                Array.Resize(ref refined, Math.Max(peer.Id + 1, _evaluator.Compilation.PeerCount));
            }

            if (!refined[peer.Id])
            {
                refined[peer.Id] = true;
                partition.Refine(MembersOf(peer));
            }
        }

        foreach (var policy in _evaluator.Policies)
        {
            RefineBy(policy.Subject);
        }

        // The program's workload peers, each once, for the peer groups below.
        var programPeers = new List<PeerMatcher>();
        var grouped = new bool[refined.Length];
        foreach (var policy in ProgramPolicies)
        {
            partition.Refine(_membership.Members(policy.Subject));
            foreach (var rules in (ReadOnlySpan<Program.CompiledRule[]>)[policy.Ingress, policy.Egress])
            {
                foreach (var rule in rules)
                {
                    foreach (var peer in rule.Matcher.Peers)
                    {
                        if (peer.SelectsWorkloads)
                        {
                            if (peer.Id >= grouped.Length)
                            {
                                Array.Resize(ref grouped, peer.Id + 1);
                            }

                            if (!grouped[peer.Id])
                            {
                                grouped[peer.Id] = true;
                                programPeers.Add(peer);
                            }
                        }
                    }
                }
            }
        }

        foreach (var peer in _evaluator.AllPeers())
        {
            if (peer.SelectsWorkloads)
            {
                RefineBy(peer);
            }
        }

        var namedPorts = _evaluator.NamedPorts;

        // Workloads of one template repeat their port list: resolve each distinct list once.
        var portKeys = new Dictionary<ValueArray<ContainerPort>, string>();
        string PortKeyOf(Workload workload)
        {
            if (!portKeys.TryGetValue(workload.Ports, out var key))
            {
                portKeys[workload.Ports] = key = PortKey(workload, namedPorts);
            }

            return key;
        }

        if (namedPorts.Count > 0)
        {
            partition.RefineByKey(w => PortKeyOf(_workloads[w]));
        }

        if (_evaluator.Exposures.Any)
        {
            partition.RefineByKey(w => _evaluator.Exposures.PortsOf(_workloads[w]));
        }

        (_classOf, _classCount) = partition.Compact();
        _representative = FirstMembers(_classOf, _classCount);

        // Peer groups: classes that every peer of the program's tiers and every named port treat alike.
        var groups = new PeerPartition(_classCount);
        foreach (var peer in programPeers)
        {
            groups.Refine(UnitsOf(peer));
        }

        if (namedPorts.Count > 0)
        {
            groups.RefineByKey(c => PortKeyOf(RepresentativeOf(c)));
        }

        int groupCount;
        (_groupOf, groupCount) = groups.Compact();
        _groupRepresentative = FirstMembers(_groupOf, groupCount);
    }

    /// <summary>What the named ports resolve to on a workload, as a key that tells workloads apart.</summary>
    internal static string PortKey(Workload workload, IReadOnlyList<(string Name, Protocol? Protocol)> named)
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

    /// <summary>The classes of <paramref name="members"/>, ascending, in one array of the exact size.</summary>
    private int[] ClassesOf(int[] members)
    {
        if (members.Length == 0)
        {
            return [];
        }

        if (_classSeen.Length < _classCount)
        {
            _classSeen = new int[_classCount];
            _classBuffer = new int[_classCount];
            _classRound = 0;
        }

        _classRound++;
        var count = 0;
        foreach (var w in members)
        {
            var c = _classOf[w];
            if (_classSeen[c] != _classRound)
            {
                _classSeen[c] = _classRound;
                _classBuffer[count++] = c;
            }
        }

        var classes = _classBuffer.AsSpan(0, count);
        classes.Sort();
        return classes.ToArray();
    }
}
