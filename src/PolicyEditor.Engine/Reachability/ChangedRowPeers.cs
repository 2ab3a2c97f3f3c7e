using System.Runtime.CompilerServices;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The other ends of the rows an edit recomputed, gathered for comparing them with the old matrix: workloads in the same
/// old peer class and the same new peer group (a part) get the same value from a new row (unless the row names them) and
/// had the same value before, so one comparison serves them all. Only the parts where a new row can differ from the
/// stored row it replaces are visited: those of the groups either row names by its rules (when both give the same value to
/// every other group), and those of the classes the stored row names; so the work follows the rows' rules, not the cluster.
/// </summary>
internal sealed class ChangedRowPeers
{
    private readonly ReachabilityMatrix _before;
    private readonly IPeerUnits _units;
    private readonly IReadOnlyDictionary<int, DirectionalRow> _rowOut;
    private readonly IReadOnlyDictionary<int, DirectionalRow> _rowIn;
    private readonly int[][] _parts;
    private readonly int[] _partOf;
    private readonly List<int>[] _partsOfGroup;
    private readonly Dictionary<ReachabilityMatrix, Holder?> _holders = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(int Workload, TrafficDirection Direction), HashSet<int>?> _candidates = [];
    private readonly Dictionary<(ConnectionSet[], GroupMap?, ConnectionSet[], GroupMap?, Holder), List<int>> _candidateGroups = new(CandidateGroupsKey.Instance);
    private IngressRowsWatch? _ingressWatch;

    public ChangedRowPeers(ReachabilityMatrix before, IPeerUnits units, IReadOnlyDictionary<int, DirectionalRow> rowOut, IReadOnlyDictionary<int, DirectionalRow> rowIn)
    {
        _before = before;
        _units = units;
        _rowOut = rowOut;
        _rowIn = rowIn;
        var partOf = new Dictionary<(int Class, int Group), int>();
        var members = new List<List<int>>();
        _partOf = new int[before.Workloads.Count];
        _partsOfGroup = new List<int>[units.GroupCount];
        for (var w = 0; w < before.Workloads.Count; w++)
        {
            var key = (before.ClassOf[w], units.GroupOf(w));
            if (!partOf.TryGetValue(key, out var part))
            {
                partOf[key] = part = members.Count;
                members.Add([]);
                (_partsOfGroup[key.Item2] ??= []).Add(part);
            }

            members[part].Add(w);
            _partOf[w] = part;
        }

        _parts = [.. members.Select(m => m.ToArray())];
    }

    /// <summary>
    /// Calls <paramref name="changed"/> for every destination (ascending) whose connections from <paramref name="source"/>
    /// differ between <paramref name="now"/> and <paramref name="was"/>, given its recomputed egress row.
    /// </summary>
    public void CompareEgress(int source, Func<int, ConnectionSet> now, Func<int, ConnectionSet> was, Action<int> changed) =>
        Compare(source, TrafficDirection.Egress, now, was, changed);

    /// <summary>
    /// Calls <paramref name="changed"/> for every source (ascending) without a recomputed egress row (those pairs
    /// <see cref="CompareEgress"/> covers) whose connections to <paramref name="destination"/> differ, given its recomputed ingress row.
    /// </summary>
    public void CompareIngress(int destination, Func<int, ConnectionSet> now, Func<int, ConnectionSet> was, Action<int> changed) =>
        Compare(destination, TrafficDirection.Ingress, now, was, changed);

    private void Compare(int self, TrafficDirection direction, Func<int, ConnectionSet> now, Func<int, ConnectionSet> was, Action<int> changed)
    {
        var egress = direction == TrafficDirection.Egress;
        var row = (egress ? _rowOut : _rowIn)[self];
        var others = egress ? _rowIn : _rowOut;
        var named = row.ExplicitClasses;
        bool Own(int w) => w == self || others.ContainsKey(w) || Array.BinarySearch(named, w) >= 0;

        var differing = new List<int>();
        foreach (var w in named)
        {
            // The ingress side compares neither itself nor the sources the egress side compared.
            if (w != self && (egress || !others.ContainsKey(w)) && !now(w).Equals(was(w)))
            {
                differing.Add(w);
            }
        }

        var candidates = Candidates(self, direction);
        if (egress)
        {
            foreach (var other in RecomputedIngressToCompare(self, candidates))
            {
                if (other != self && Array.BinarySearch(named, other) < 0 && !now(other).Equals(was(other)))
                {
                    differing.Add(other);
                }
            }
        }

        foreach (var part in candidates ?? Enumerable.Range(0, _parts.Length))
        {
            var members = _parts[part];
            var first = Array.FindIndex(members, w => !Own(w));
            if (first >= 0 && !now(members[first]).Equals(was(members[first])))
            {
                differing.AddRange(members.Where(w => !Own(w)));
            }
        }

        differing.Sort();
        differing.ForEach(changed);
    }

    /// <summary>
    /// The destinations with a recomputed ingress row whose connections from <paramref name="source"/> may have changed: a
    /// pair whose both ends have recomputed rows changes only where the egress row (<paramref name="candidates"/>) or the
    /// ingress row may differ from the stored one.
    /// </summary>
    private IEnumerable<int> RecomputedIngressToCompare(int source, HashSet<int>? candidates)
    {
        if (candidates is null)
        {
            return _rowIn.Keys;
        }

        _ingressWatch ??= IngressWatch();
        var result = new HashSet<int>(_ingressWatch.Unbounded);
        foreach (var part in candidates)
        {
            result.UnionWith(_parts[part].Where(_rowIn.ContainsKey));
        }

        result.UnionWith(_ingressWatch.ByPart.GetValueOrDefault(_partOf[source]) ?? []);
        result.UnionWith(_ingressWatch.ByName.GetValueOrDefault(source) ?? []);
        return result;
    }

    /// <summary>For the recomputed ingress rows: those that may differ anywhere, those that may differ in each part, and those that name each workload.</summary>
    private IngressRowsWatch IngressWatch()
    {
        var watch = new IngressRowsWatch([], [], []);
        foreach (var (destination, row) in _rowIn)
        {
            if (Candidates(destination, TrafficDirection.Ingress) is not { } parts)
            {
                watch.Unbounded.Add(destination);
                continue;
            }

            foreach (var part in parts)
            {
                Add(watch.ByPart, part, destination);
            }

            foreach (var source in row.ExplicitClasses)
            {
                Add(watch.ByName, source, destination);
            }
        }

        return watch;

        static void Add(Dictionary<int, List<int>> index, int key, int value)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(value);
        }
    }

    private sealed record IngressRowsWatch(List<int> Unbounded, Dictionary<int, List<int>> ByPart, Dictionary<int, List<int>> ByName);

    /// <summary>
    /// The parts where the recomputed row of <paramref name="self"/> may give other ends a value other than the stored row
    /// did, counting only those it does not name; null: any part may.
    /// </summary>
    private HashSet<int>? Candidates(int self, TrafficDirection direction)
    {
        if (_candidates.TryGetValue((self, direction), out var known))
        {
            return known;
        }

        var row = (direction == TrafficDirection.Egress ? _rowOut : _rowIn)[self];
        var (stored, holder, byClass) = _before.StoredRow(self, direction);
        HashSet<int>? result = null;
        if (HolderOf(holder) is { } index)
        {
            result = [];
            foreach (var g in CandidateGroups(row, stored, index))
            {
                result.UnionWith(_partsOfGroup[g]);
            }

            foreach (var entry in stored.ExplicitClasses)
            {
                if (byClass)
                {
                    result.UnionWith(index.PartsOfClass[entry]);
                }
                else
                {
                    result.Add(_partOf[entry]);
                }
            }
        }

        _candidates[(self, direction)] = result;
        return result;
    }

    /// <summary>
    /// The new groups whose default differs between the new row and the stored one. When both rows give every group their
    /// rules do not name the same value, only the groups either names can differ; else every group is compared.
    /// </summary>
    private List<int> CandidateGroups(DirectionalRow row, DirectionalRow stored, Holder holder)
    {
        // Rows of one kind share their defaults and group maps, so most rows ask again what an earlier one asked.
        var key = (row.GroupDefaults, row.GroupMap, stored.GroupDefaults, stored.GroupMap, holder);
        if (_candidateGroups.TryGetValue(key, out var known))
        {
            return known;
        }

        IEnumerable<int> groups = row.GroupMap is { NamedGroups: { } named, Rest: >= 0 } map && stored.GroupMap is { NamedGroups: { } storedNamed, Rest: >= 0 } storedMap
            && row.GroupDefaults[map.Rest].Equals(stored.GroupDefaults[storedMap.Rest])
            ? named.Concat(storedNamed.SelectMany(g => g < holder.GroupsIn.Length ? holder.GroupsIn[g] : []))
            : Enumerable.Range(0, _units.GroupCount);
        var differing = new List<int>();
        foreach (var g in groups)
        {
            var was = holder.GroupOf[g];
            if (!row.GroupDefaults[row.GroupMap?.PartOf(g) ?? g].Equals(stored.GroupDefaults[stored.GroupMap?.PartOf(was) ?? was]))
            {
                differing.Add(g);
            }
        }

        _candidateGroups[key] = differing;
        return differing;
    }

    /// <summary>How the parts lie in a matrix that holds stored rows; null when the new groups do not refine its groups (then every part is compared).</summary>
    private Holder? HolderOf(ReachabilityMatrix matrix)
    {
        if (_holders.TryGetValue(matrix, out var known))
        {
            return known;
        }

        var groupOf = new int[_units.GroupCount];
        Array.Fill(groupOf, -1);
        var groupCount = 0;
        var classOfPart = new int[_parts.Length];
        Array.Fill(classOfPart, -1);
        var refines = true;
        for (var w = 0; w < _partOf.Length && refines; w++)
        {
            var g = _units.GroupOf(w);
            var held = matrix.GroupOfWorkload(w);
            groupOf[g] = groupOf[g] < 0 ? held : groupOf[g];
            classOfPart[_partOf[w]] = classOfPart[_partOf[w]] < 0 ? matrix.ClassOf[w] : classOfPart[_partOf[w]];
            refines = groupOf[g] == held && classOfPart[_partOf[w]] == matrix.ClassOf[w];
            groupCount = Math.Max(groupCount, held + 1);
        }

        Holder? holder = null;
        if (refines)
        {
            var groupsIn = new List<int>[groupCount];
            for (var g = 0; g < groupOf.Length; g++)
            {
                (groupsIn[groupOf[g]] ??= []).Add(g);
            }

            var partsOfClass = new List<int>[matrix.PeerClassCount];
            for (var p = 0; p < classOfPart.Length; p++)
            {
                (partsOfClass[classOfPart[p]] ??= []).Add(p);
            }

            holder = new Holder(groupOf, [.. groupsIn.Select(l => l?.ToArray() ?? [])], [.. partsOfClass.Select(l => l?.ToArray() ?? [])]);
        }

        _holders[matrix] = holder;
        return holder;
    }

    /// <summary>Keys of <see cref="CandidateGroups"/>: the same arrays, maps and holder (by reference).</summary>
    private sealed class CandidateGroupsKey : IEqualityComparer<(ConnectionSet[], GroupMap?, ConnectionSet[], GroupMap?, Holder)>
    {
        public static readonly CandidateGroupsKey Instance = new();

        public bool Equals((ConnectionSet[], GroupMap?, ConnectionSet[], GroupMap?, Holder) x, (ConnectionSet[], GroupMap?, ConnectionSet[], GroupMap?, Holder) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && ReferenceEquals(x.Item3, y.Item3) && ReferenceEquals(x.Item4, y.Item4) && ReferenceEquals(x.Item5, y.Item5);

        public int GetHashCode((ConnectionSet[], GroupMap?, ConnectionSet[], GroupMap?, Holder) key) => HashCode.Combine(
            RuntimeHelpers.GetHashCode(key.Item1), RuntimeHelpers.GetHashCode(key.Item2), RuntimeHelpers.GetHashCode(key.Item3), RuntimeHelpers.GetHashCode(key.Item4), RuntimeHelpers.GetHashCode(key.Item5));
    }

    /// <summary>For each new group its group in the holding matrix, the new groups in each of its groups, and the parts in each of its classes.</summary>
    private sealed record Holder(int[] GroupOf, int[][] GroupsIn, int[][] PartsOfClass);
}
