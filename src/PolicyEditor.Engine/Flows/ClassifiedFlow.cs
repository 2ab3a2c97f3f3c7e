using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Flows;

/// <summary>An observed connection with the endpoints it was matched to and what the policies make of it.</summary>
/// <param name="Flow">The observed connection.</param>
/// <param name="SourceMatch">The source's match.</param>
/// <param name="DestinationMatch">The destination's match.</param>
/// <param name="Class">What the policies make of it.</param>
/// <param name="AllowedToday">Whether today's policies allow it (null when they cannot say: unmatched, unsupported protocol).</param>
/// <param name="AllowedByDraft">Whether the draft's policies allow it (null as above).</param>
public sealed record ClassifiedFlow(
    ObservedConnection Flow,
    PeerMatch SourceMatch,
    PeerMatch DestinationMatch,
    FlowClass Class,
    bool? AllowedToday,
    bool? AllowedByDraft)
{
    /// <summary>The matched source, if any.</summary>
    public Endpoint? Source => SourceMatch.Endpoint;

    /// <summary>The matched destination, if any.</summary>
    public Endpoint? Destination => DestinationMatch.Endpoint;

    /// <summary>Why the flow could not be matched, if it could not.</summary>
    public string? Problem => SourceMatch.Problem ?? DestinationMatch.Problem;

    /// <summary>The list format with matched endpoints where there are: <c>ns/a[Deployment] => ns/b[Deployment] : TCP 8080</c>.</summary>
    public string Line => $"{Source?.Id ?? Flow.Source.Text} => {Destination?.Id ?? Flow.Destination.Text} : {Flow.Service}";

    /// <inheritdoc />
    public override string ToString() => Line;
}
