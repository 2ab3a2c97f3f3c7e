namespace PolicyEditor.Engine.Connections;

/// <summary>Which protocols a report speaks of.</summary>
public enum ProtocolScope
{
    /// <summary>Every IP protocol: ports of TCP, UDP, SCTP and UDPLite, ICMP and ICMPv6 types and codes, other protocols by number.</summary>
    Every,

    /// <summary>
    /// The three protocols Kubernetes ports name (SCTP, TCP, UDP), as netpol-analyzer reports them:
    /// <c>All Connections</c> is those three on every port, and other protocols are left out.
    /// </summary>
    Kubernetes,
}
