using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Flows;

/// <summary>Observed traffic held against the policies: every observed connection classified, grouped by pair of endpoints.</summary>
public sealed class FlowClassification
{
    /// <summary>No traffic, nothing classified.</summary>
    public static readonly FlowClassification Empty = new([]);

    private readonly Dictionary<(Endpoint, Endpoint), ObservedPair> _pairs;
    private readonly int[] _counts = new int[5];

    /// <summary>Classifies nothing more: wraps flows classified by <see cref="FlowClassifier"/>.</summary>
    public FlowClassification(IReadOnlyList<ClassifiedFlow> flows)
    {
        Flows = flows;
        foreach (var f in flows)
        {
            _counts[(int)f.Class]++;
        }

        _pairs = flows.Where(f => f.Source is not null && f.Destination is not null)
            .GroupBy(f => (f.Source!, f.Destination!))
            .ToDictionary(g => g.Key, g => new ObservedPair(g.Key.Item1, g.Key.Item2, g.ToList()));
        Pairs = [.. _pairs.Values.OrderBy(p => p.Source.Id, StringComparer.Ordinal).ThenBy(p => p.Destination.Id, StringComparer.Ordinal)];
    }

    /// <summary>Every observed connection, classified, in the order of the traffic.</summary>
    public IReadOnlyList<ClassifiedFlow> Flows { get; }

    /// <summary>The observed connections grouped by matched pair of endpoints.</summary>
    public IReadOnlyList<ObservedPair> Pairs { get; }

    /// <summary>Observed connections the draft would block (allowed today): what the change would break.</summary>
    public IEnumerable<ClassifiedFlow> BlockedByDraft => Flows.Where(f => f.Class == FlowClass.BlockedByDraft);

    /// <summary>Observed connections that could not be matched to workloads, with why.</summary>
    public IEnumerable<ClassifiedFlow> Unmatched => Flows.Where(f => f.Class == FlowClass.Unmatched);

    /// <summary>How many observed connections are of a class (never <see cref="FlowClass.NeverObserved"/>: see <see cref="NeverObserved"/>).</summary>
    public int Count(FlowClass flowClass) => _counts[(int)flowClass];

    /// <summary>The observed connections between two endpoints, if any.</summary>
    public ObservedPair? Between(Endpoint source, Endpoint destination) =>
        _pairs.TryGetValue((source, destination), out var pair) ? pair : null;

    /// <summary>
    /// Pairs of distinct workloads that <paramref name="matrix"/> allows and between which no flow was observed:
    /// the candidates to tighten.
    /// </summary>
    public IEnumerable<Connection> NeverObserved(ReachabilityMatrix matrix) =>
        matrix.Connections().Where(c => c.Source is WorkloadEndpoint && c.Destination is WorkloadEndpoint && !_pairs.ContainsKey((c.Source, c.Destination)));
}
