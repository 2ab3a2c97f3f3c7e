using System.Text;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Computes the rows of a <see cref="ReachabilityMatrix"/>: partitions workloads into peer classes,
/// then, for each class and direction, walks only the rules of the policies that select it and the
/// classes their peers take in. Admin policy layering is applied per peer group (classes that every
/// admin peer and named port treat alike) plus the explicitly named classes.
/// </summary>
internal sealed class MatrixBuilder
{
    private readonly ClusterEvaluator _evaluator;
    private readonly ExternalSpace _external;
    private readonly IReadOnlyList<Workload> _workloads;
    private readonly SelectorMembership _membership;
    private readonly Dictionary<PeerMatcher, int[]> _peerClasses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PeerMatcher, int[]> _peerBlocks = new(ReferenceEqualityComparer.Instance);
    private int[] _classOf = [];
    private int _classCount;
    private int[] _representative = [];
    private int[] _groupOf = [];
    private int[] _groupRepresentative = [];

    public MatrixBuilder(ClusterEvaluator evaluator, ExternalSpace external)
    {
        _evaluator = evaluator;
        _external = external;
        _workloads = evaluator.Cluster.Workloads.Items;
        _membership = new SelectorMembership(_workloads, evaluator.Namespaces);
    }

    public delegate ReachabilityMatrix Factory(ClusterEvaluator evaluator, ExternalSpace external, int[] classOf, int classCount, int[] groupOf, DirectionalRow[] egress, DirectionalRow[] ingress);

    private IEnumerable<AdminPolicyMatcher> AllAdmin => _evaluator.Baseline is null ? _evaluator.AdminPolicies : _evaluator.AdminPolicies.Append(_evaluator.Baseline);

    public ReachabilityMatrix Build(Factory factory)
    {
        Partition();

        // Which policies select each class.
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
            egress[c] = Row(c, TrafficDirection.Egress, selecting[c], adminSelecting[c]);
            ingress[c] = Row(c, TrafficDirection.Ingress, selecting[c], adminSelecting[c]);
        }

        return factory(_evaluator, _external, _classOf, _classCount, _groupOf, egress, ingress);
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

        foreach (var peer in peers.Concat(adminPeers).Where(p => p.IsPods))
        {
            partition.Refine(_membership.Members(peer));
        }

        var namedPorts = NamedPorts();
        if (namedPorts.Count > 0)
        {
            partition.RefineByKey(w => PortKey(_workloads[w], namedPorts));
        }

        if (_evaluator.Exposures.Any)
        {
            partition.RefineByKey(w => _evaluator.Exposures.PortsOf(_workloads[w]).ToString());
        }

        (_classOf, _classCount) = partition.Compact();
        _representative = new int[_classCount];
        Array.Fill(_representative, -1);
        for (var w = 0; w < _workloads.Count; w++)
        {
            if (_representative[_classOf[w]] < 0)
            {
                _representative[_classOf[w]] = w;
            }
        }

        foreach (var peer in peers.Concat(adminPeers))
        {
            if (peer.IsPods)
            {
                _peerClasses[peer] = ClassesOf(_membership.Members(peer));
            }
            else if (peer.Addresses is not null)
            {
                _peerBlocks[peer] = [.. _external.Blocks.Where(b => peer.Addresses.Contains(b.Representative)).Select(b => b.Index)];
            }
        }

        // Peer groups: classes that every admin peer and every named port treat alike.
        var groups = new PeerPartition(_classCount);
        foreach (var peer in adminPeers.Where(p => p.IsPods))
        {
            groups.Refine(_peerClasses[peer]);
        }

        if (namedPorts.Count > 0)
        {
            groups.RefineByKey(c => PortKey(_workloads[_representative[c]], namedPorts));
        }

        int groupCount;
        (_groupOf, groupCount) = groups.Compact();
        _groupRepresentative = new int[groupCount];
        Array.Fill(_groupRepresentative, -1);
        for (var c = 0; c < _classCount; c++)
        {
            if (_groupRepresentative[_groupOf[c]] < 0)
            {
                _groupRepresentative[_groupOf[c]] = c;
            }
        }
    }

    private List<(string Name, Protocol? Protocol)> NamedPorts() =>
        [.. _evaluator.Policies.SelectMany(p => p.Ingress.Concat(p.Egress))
            .Concat(AllAdmin.SelectMany(a => a.Ingress.Concat(a.Egress)).Select(r => r.Matcher))
            .SelectMany(r => r.Ports.Named)
            .Distinct()];

    private static string PortKey(Workload workload, List<(string Name, Protocol? Protocol)> named)
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

    private int[] ClassesOf(int[] members)
    {
        var seen = new HashSet<int>();
        foreach (var w in members)
        {
            seen.Add(_classOf[w]);
        }

        var result = seen.ToArray();
        Array.Sort(result);
        return result;
    }

    private Workload RepresentativeOf(int peerClass) => _workloads[_representative[peerClass]];

    private DirectionalRow Row(int subjectClass, TrafficDirection direction, List<NetworkPolicyMatcher> selecting, bool adminSelects)
    {
        var subject = RepresentativeOf(subjectClass);
        var groupCount = _groupRepresentative.Length;
        var ingress = direction == TrafficDirection.Ingress;
        var isolated = false;
        var baseByGroup = new ConnectionSet[groupCount];
        Array.Fill(baseByGroup, ConnectionSet.None);
        var explicitValues = new Dictionary<int, ConnectionSet>();
        var externalBase = ConnectionSet.None;
        var explicitBlocks = new Dictionary<int, ConnectionSet>();
        var ingressController = ConnectionSet.None;

        foreach (var policy in selecting)
        {
            if (!policy.Affects(direction))
            {
                continue;
            }

            isolated = true;
            foreach (var rule in policy.Rules(direction))
            {
                if (rule.MatchesEveryPeer)
                {
                    for (var g = 0; g < groupCount; g++)
                    {
                        baseByGroup[g] = baseByGroup[g].Union(rule.Ports.Resolve(ingress ? subject : RepresentativeOf(_groupRepresentative[g])));
                    }

                    externalBase = externalBase.Union(rule.Ports.Resolve(ingress ? subject : null));
                    ingressController = ingressController.Union(rule.Ports.Resolve(subject));
                    continue;
                }

                foreach (var peer in rule.Peers)
                {
                    if (peer.IsPods)
                    {
                        var fixedPorts = ingress || rule.Ports.IsFixed ? rule.Ports.Resolve(subject) : null;
                        foreach (var c in _peerClasses[peer])
                        {
                            var ports = fixedPorts ?? rule.Ports.Resolve(RepresentativeOf(c));
                            explicitValues[c] = explicitValues.TryGetValue(c, out var before) ? before.Union(ports) : ports;
                        }

                        if (ingress && peer.MatchesEveryPod)
                        {
                            ingressController = ingressController.Union(rule.Ports.Resolve(subject));
                        }
                    }
                    else if (peer.Addresses is not null)
                    {
                        var ports = rule.Ports.Resolve(ingress ? subject : null);
                        foreach (var b in _peerBlocks[peer])
                        {
                            explicitBlocks[b] = explicitBlocks.TryGetValue(b, out var before) ? before.Union(ports) : ports;
                        }
                    }
                }
            }
        }

        if (!adminSelects)
        {
            if (!isolated)
            {
                return AllowAll(groupCount);
            }

            return Compose(baseByGroup, explicitValues, c => baseByGroup[_groupOf[c]], externalBase, explicitBlocks, ingressController);
        }

        // Admin layers: the result for a peer depends on the admin rules matching it and on what NetworkPolicies allow it.
        var nsLabels = _evaluator.Namespaces.LabelsOf(subject.Namespace);
        ConnectionSet Layer(Endpoint peer, ConnectionSet networkPolicyAllowed)
        {
            var destination = ingress ? subject : (peer as WorkloadEndpoint)?.Workload;
            var admin = _evaluator.AdminMatches(_evaluator.AdminPolicies, subject, nsLabels, peer, direction, destination);
            var baseline = _evaluator.Baseline is null ? [] : _evaluator.AdminMatches([_evaluator.Baseline], subject, nsLabels, peer, direction, destination);
            return Layering.Combine(admin, isolated, networkPolicyAllowed, baseline);
        }

        var defaults = new ConnectionSet[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            defaults[g] = Layer(new WorkloadEndpoint(RepresentativeOf(_groupRepresentative[g])), baseByGroup[g]);
        }

        var layered = new Dictionary<int, ConnectionSet>();
        foreach (var (c, value) in explicitValues)
        {
            layered[c] = Layer(new WorkloadEndpoint(RepresentativeOf(c)), value.Union(baseByGroup[_groupOf[c]]));
        }

        var blocks = new Dictionary<int, ConnectionSet>();
        foreach (var block in _external.Blocks)
        {
            var np = externalBase.Union(explicitBlocks.GetValueOrDefault(block.Index, ConnectionSet.None));
            blocks[block.Index] = Layer(new ExternalEndpoint(block.Representative), np);
        }

        var controller = ingress ? Layer(Endpoint.IngressController, ingressController) : ConnectionSet.All;
        return Compose(defaults, layered, _ => ConnectionSet.None, ConnectionSet.None, blocks, controller);
    }

    private DirectionalRow AllowAll(int groupCount)
    {
        var all = new ConnectionSet[groupCount];
        Array.Fill(all, ConnectionSet.All);
        return new DirectionalRow(all, [], [], ConnectionSet.All, [], [], ConnectionSet.All);
    }

    /// <summary>Sorts explicit entries, folding each class's group base into its explicit value.</summary>
    private static DirectionalRow Compose(
        ConnectionSet[] groupDefaults,
        Dictionary<int, ConnectionSet> explicitValues,
        Func<int, ConnectionSet> baseOf,
        ConnectionSet externalDefault,
        Dictionary<int, ConnectionSet> explicitBlocks,
        ConnectionSet ingressController)
    {
        var classes = explicitValues.Keys.ToArray();
        Array.Sort(classes);
        var values = classes.Select(c => explicitValues[c].Union(baseOf(c))).ToArray();
        var blocks = explicitBlocks.Keys.ToArray();
        Array.Sort(blocks);
        var blockValues = blocks.Select(b => explicitBlocks[b].Union(externalDefault)).ToArray();
        return new DirectionalRow(groupDefaults, classes, values, externalDefault, blocks, blockValues, ingressController);
    }
}
