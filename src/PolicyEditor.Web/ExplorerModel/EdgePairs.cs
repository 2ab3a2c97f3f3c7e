using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The pairs behind an edge that carry traffic in the draft or the baseline, each one click from its explanation.</summary>
/// <param name="Rows">The pairs, at most <see cref="Limit"/>.</param>
/// <param name="Truncated">Whether there are more.</param>
/// <param name="Changed">Whether the draft changed the edge (the baseline's column is shown).</param>
public sealed record EdgePairs(IReadOnlyList<EdgePair> Rows, bool Truncated, bool Changed)
{
    /// <summary>How many pairs an edge lists.</summary>
    public const int Limit = 100;
}
