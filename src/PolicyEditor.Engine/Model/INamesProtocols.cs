using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// A policy of a dialect whose rules can name protocols beyond SCTP, TCP and UDP (Calico, Cilium): which
/// protocols its rules name (in <c>protocol</c>, <c>notProtocol</c>, ICMP matches), so that a report speaks of
/// every protocol when one of them is not SCTP, TCP or UDP (see Reachability.ReportProtocols).
/// </summary>
public interface INamesProtocols
{
    /// <summary>Every protocol the policy's rules name.</summary>
    IEnumerable<Protocol> NamedProtocols { get; }
}
