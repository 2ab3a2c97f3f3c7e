namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// A port of a <c>toPorts</c> item: a number (<c>0</c>: every port) or a named port, an optional end of a
/// range, and a protocol (TCP, UDP, SCTP, ANY; null: not written, which means ANY).
/// </summary>
public sealed record CiliumPort(string Port, int? EndPort, string? Protocol)
{
    /// <inheritdoc />
    public override string ToString() =>
        (EndPort is { } end ? $"{Port}-{end}" : Port) + "/" + (Protocol ?? "ANY");
}
