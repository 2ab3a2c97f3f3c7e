using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Flows;

/// <summary>The endpoint a flow's peer stands for, how it was found, or why none was.</summary>
public sealed record PeerMatch(Endpoint? Endpoint, PeerMatchKind Kind, string? Problem)
{
    /// <summary>Matched to <paramref name="endpoint"/>.</summary>
    public static PeerMatch Of(Endpoint endpoint, PeerMatchKind kind) => new(endpoint, kind, null);

    /// <summary>Not matched, for the reason given.</summary>
    public static PeerMatch Unmatched(string problem) => new(null, PeerMatchKind.None, problem);
}
