using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// One failsafe port of Felix's configuration (<c>failsafeInboundHostPorts</c>/<c>failsafeOutboundHostPorts</c>): a
/// protocol and port that host endpoints keep open whatever their policy, from or to <see cref="Net"/> only when given.
/// </summary>
public sealed record CalicoFailsafePort(Protocol Protocol, int Port, Addresses.Cidr? Net)
{
    /// <summary>Felix's default inbound failsafe ports: SSH, DHCP, BGP, etcd, Typha, the Kubernetes API and self-hosted etcd.</summary>
    public static readonly ValueArray<CalicoFailsafePort> DefaultInbound = Ports(("tcp", 22), ("udp", 68), ("tcp", 179), ("tcp", 2379), ("tcp", 2380), ("tcp", 5473), ("tcp", 6443), ("tcp", 6666), ("tcp", 6667));

    /// <summary>Felix's default outbound failsafe ports: DNS, DHCP, BGP, etcd, Typha, the Kubernetes API and self-hosted etcd.</summary>
    public static readonly ValueArray<CalicoFailsafePort> DefaultOutbound = Ports(("udp", 53), ("udp", 67), ("tcp", 179), ("tcp", 2379), ("tcp", 2380), ("tcp", 5473), ("tcp", 6443), ("tcp", 6666), ("tcp", 6667));

    /// <summary>The connections the port keeps open.</summary>
    public ConnectionSet Connections => ConnectionSet.Of(Protocol, Port);

    /// <inheritdoc />
    public override string ToString() => $"{Protocol} {Port}{(Net is { } net ? $" ({net.Text})" : string.Empty)}";

    private static ValueArray<CalicoFailsafePort> Ports(params (string Protocol, int Port)[] ports) =>
        ports.Select(p => new CalicoFailsafePort(p.Protocol == "tcp" ? Protocol.TCP : Protocol.UDP, p.Port, null)).ToValueArray();
}
