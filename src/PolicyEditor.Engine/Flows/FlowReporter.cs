namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Which end observed a flow: both ends of a connection between two nodes report it, so the counts of one
/// connection are taken per end and the larger is kept (never the sum of the two views of the same traffic).
/// </summary>
public enum FlowReporter : byte
{
    /// <summary>The record does not say.</summary>
    Unknown = 0,

    /// <summary>Observed where the traffic left (Hubble egress, Calico reporter <c>src</c>).</summary>
    Source = 1,

    /// <summary>Observed where the traffic arrived (Hubble ingress, Calico reporter <c>dst</c>).</summary>
    Destination = 2,
}
