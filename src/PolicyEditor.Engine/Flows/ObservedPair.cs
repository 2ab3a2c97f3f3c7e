using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Flows;

/// <summary>Every observed connection between two matched endpoints: one edge of the graph, one cell of the matrix.</summary>
/// <param name="Source">The matched source.</param>
/// <param name="Destination">The matched destination.</param>
/// <param name="Flows">The observed connections between them (one per protocol and port).</param>
public sealed record ObservedPair(Endpoint Source, Endpoint Destination, IReadOnlyList<ClassifiedFlow> Flows)
{
    /// <summary>How many flows were seen between the two, all ports together.</summary>
    public long Count => Flows.Sum(f => f.Flow.Count);

    /// <summary>The class that matters most among the pair's connections: blocked by the draft, then dropped today, then the rest.</summary>
    public FlowClass Class => Flows.Select(f => f.Class).OrderBy(Rank).First();

    /// <summary>The earliest time a flow of the pair was seen, if the records said.</summary>
    public DateTimeOffset? FirstSeen => Flows.Select(f => f.Flow.FirstSeen).Where(t => t is not null).Min();

    /// <summary>The latest time a flow of the pair was seen, if the records said.</summary>
    public DateTimeOffset? LastSeen => Flows.Select(f => f.Flow.LastSeen).Where(t => t is not null).Max();

    private static int Rank(FlowClass c) => c switch
    {
        FlowClass.BlockedByDraft => 0,
        FlowClass.DroppedToday => 1,
        _ => 2,
    };
}
