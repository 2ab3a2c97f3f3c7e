using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>One pair behind an edge.</summary>
/// <param name="Pair">The pair.</param>
/// <param name="Draft">What the draft allows.</param>
/// <param name="Baseline">What the baseline allows (the draft's when the edge is unchanged).</param>
public sealed record EdgePair(EndpointPair Pair, ConnectionSet Draft, ConnectionSet Baseline);
