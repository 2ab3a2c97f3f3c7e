namespace PolicyEditor.Engine.Flows;

/// <summary>
/// One connection of the observed traffic: every record from <see cref="Source"/> to <see cref="Destination"/>
/// on one protocol and port (replies and duplicates folded in), with how often and when it was seen.
/// </summary>
/// <param name="Source">The end that opened the connection.</param>
/// <param name="Destination">The end that accepted it.</param>
/// <param name="Protocol">The IP protocol.</param>
/// <param name="Port">The destination port; for ICMP the type and code (type * 256 + code); 0 for other protocols.</param>
/// <param name="Count">How many flows were seen (the larger of the two ends' counts when both reported).</param>
/// <param name="Dropped">How many of them the cluster dropped.</param>
/// <param name="FirstSeen">The earliest time a record gave, if any.</param>
/// <param name="LastSeen">The latest time a record gave, if any.</param>
/// <param name="Reason">The last drop reason or policies a record named, if any.</param>
public sealed record ObservedConnection(
    FlowPeer Source,
    FlowPeer Destination,
    FlowProtocol Protocol,
    int Port,
    long Count,
    long Dropped,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    string? Reason = null)
{
    /// <summary>How many flows went through.</summary>
    public long Forwarded => Count - Dropped;

    /// <summary>The protocol and port in the list format: <c>TCP 8080</c>, <c>ICMP 8/0</c> (type and code), or the protocol alone.</summary>
    public string Service => new Connections.ConnectionPoint(Protocol.Protocol, Port).ToString();

    /// <inheritdoc />
    public override string ToString() => $"{Source.Text} => {Destination.Text} : {Service}";
}
