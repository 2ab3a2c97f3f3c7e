using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What a pair may exchange in the draft and in the baseline, and the connection worth explaining first.</summary>
/// <param name="Draft">What the draft allows.</param>
/// <param name="Baseline">What the accepted version allows (nothing when an end is not in it).</param>
/// <param name="First">A protocol and port to explain first: allowed now, else allowed before, else TCP 80.</param>
public sealed record PairFacts(ConnectionSet Draft, ConnectionSet Baseline, (Protocol Protocol, int Port) First);
