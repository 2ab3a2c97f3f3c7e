namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>An ICMP type of an <c>icmps</c> item (a number or a name such as EchoRequest) and its family (IPv4 or IPv6).</summary>
public sealed record CiliumIcmp(string Type, string Family)
{
    /// <inheritdoc />
    public override string ToString() => Family == "IPv6" ? $"ICMPv6 {Type}" : $"ICMP {Type}";
}
