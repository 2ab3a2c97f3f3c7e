namespace PolicyEditor.Engine.Flows;

/// <summary>
/// One flow record, already turned the way the connection goes: for a reply, <see cref="Source"/> is the
/// client that opened the connection and <see cref="Port"/> the server's port, so that replies fold into
/// the connection they answer.
/// </summary>
/// <param name="Source">The end that opened the connection.</param>
/// <param name="Destination">The end that accepted it.</param>
/// <param name="Protocol">The IP protocol.</param>
/// <param name="Port">The destination port; for ICMP the type and code (type * 256 + code); 0 for other protocols.</param>
/// <param name="Verdict">What the cluster did with it.</param>
/// <param name="Count">How many flows the record stands for (Calico aggregates, a CSV counts; else 1).</param>
/// <param name="Time">When it was seen, when the record says.</param>
/// <param name="IsReply">Whether the record was the reply direction.</param>
/// <param name="Reporter">Which end observed it.</param>
/// <param name="Reason">The drop reason or the policies the record names, if any.</param>
public sealed record FlowRecord(
    FlowPeer Source,
    FlowPeer Destination,
    FlowProtocol Protocol,
    int Port,
    FlowVerdict Verdict,
    long Count = 1,
    DateTimeOffset? Time = null,
    bool IsReply = false,
    FlowReporter Reporter = FlowReporter.Unknown,
    string? Reason = null);
