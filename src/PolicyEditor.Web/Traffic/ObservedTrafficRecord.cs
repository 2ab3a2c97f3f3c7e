using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Web.Traffic;

/// <summary>A workspace's observed traffic as kept: the connections, the files they came from, and when the last was imported.</summary>
/// <param name="Traffic">The connections folded from every import.</param>
/// <param name="Sources">The names of the files imported, in order.</param>
/// <param name="ImportedAt">When the last file was imported; null when none was.</param>
public sealed record ObservedTrafficRecord(ObservedTraffic Traffic, IReadOnlyList<string> Sources, DateTimeOffset? ImportedAt)
{
    /// <summary>Nothing imported.</summary>
    public static readonly ObservedTrafficRecord None = new(ObservedTraffic.Empty, [], null);
}
